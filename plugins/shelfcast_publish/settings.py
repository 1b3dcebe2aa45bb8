"""The PUBLISH settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

from dataclasses import dataclass, field

from shelfcast_sitekit.problems import ContentProblem

DEFAULTS = {
    "targets": {},          # name -> {"type": "rsync" | "s3" | "gh-pages" | "folder", ...}
    "host_rules": True,     # write _headers and .htaccess into every build
    "precompress": [],      # "gzip" and/or "brotli": compressed copies made by `invoke publish`
    # The nginx include for old addresses with a query (/?p=123), rewritten by every build.
    # Outside output/: it is server configuration, not a file to publish. Relative paths are
    # from the project folder (the one holding content/).
    "nginx_redirects": ".cache/nginx-redirects.conf",
}
# Per target type: field -> (required, allowed types, default).
TARGET_FIELDS = {
    "folder": {"path": (True, str, None)},
    "rsync": {"destination": (True, str, None), "port": (False, int, None),
              "identity_file": (False, str, None), "ssh_options": (False, list, []),
              "protect": (False, list, [])},
    "s3": {"bucket": (True, str, None), "prefix": (False, str, ""),
           "endpoint_url": (False, str, None), "region": (False, str, None)},
    "gh-pages": {"remote": (True, str, None), "branch": (False, str, "gh-pages"),
                 "cname": (False, str, None)},
}
KIND_NAMES = {str: "text (a non-empty string)", int: "a whole number", list: "a list"}
SECRET_WORDS = ("secret", "password", "access_key", "token")
COMPRESSIONS = ("gzip", "brotli")
SETTINGS_FILE = "publishconf.py"


@dataclass
class PublishSettings:
    targets: dict = field(default_factory=dict)
    host_rules: bool = True
    precompress: tuple = ()
    nginx_redirects: str = DEFAULTS["nginx_redirects"]


def read_publish_settings(settings: dict) -> tuple[PublishSettings, list[ContentProblem]]:
    """Merge PUBLISH over the defaults; every mistake becomes one problem naming the field."""
    raw = settings.get("PUBLISH", {})
    if not isinstance(raw, dict):
        return PublishSettings(), [_problem("PUBLISH", "must be a dict, e.g. PUBLISH = "
                                            "{\"targets\": {...}}")]
    problems = [_problem(f"PUBLISH[{k!r}]", f"unknown setting; known: {', '.join(DEFAULTS)}")
                for k in raw if k not in DEFAULTS]
    merged = {**DEFAULTS, **raw}
    targets = {}
    if not isinstance(merged["targets"], dict):
        problems.append(_problem("PUBLISH['targets']", "must map target names to settings"))
    else:
        for name, config in merged["targets"].items():
            target, found = check_target(name, config)
            problems += found
            if target is not None:
                targets[name] = target
    compressions = merged["precompress"]
    if not isinstance(compressions, (list, tuple)) or any(c not in COMPRESSIONS
                                                          for c in compressions):
        problems.append(_problem("PUBLISH['precompress']",
                                 f"must be a list of {' and/or '.join(COMPRESSIONS)}, e.g. "
                                 "[\"gzip\"]"))
        compressions = ()
    nginx = merged["nginx_redirects"]
    if not isinstance(nginx, str) or not nginx.strip():
        problems.append(_problem("PUBLISH['nginx_redirects']", "must be a file path, e.g. "
                                 "\"/etc/nginx/library-redirects.conf\""))
        nginx = DEFAULTS["nginx_redirects"]
    return PublishSettings(targets, bool(merged["host_rules"]), tuple(compressions),
                           nginx), problems


def check_target(name, config) -> tuple[dict | None, list[ContentProblem]]:
    where = f"PUBLISH['targets'][{name!r}]"
    if not isinstance(config, dict) or config.get("type") not in TARGET_FIELDS:
        return None, [_problem(where, "needs \"type\": one of " + ", ".join(TARGET_FIELDS))]
    fields = TARGET_FIELDS[config["type"]]
    problems, target = [], {"type": config["type"], "name": name}
    for key in config:
        if key == "type":
            continue
        if any(word in key.lower() for word in SECRET_WORDS):
            problems.append(_problem(f"{where}[{key!r}]", "credentials never go in the "
                "repository; set them as environment variables (AWS_ACCESS_KEY_ID, "
                "AWS_SECRET_ACCESS_KEY) or in your SSH agent"))
        elif key not in fields:
            problems.append(_problem(f"{where}[{key!r}]",
                                     f"unknown field; known: {', '.join(fields)}"))
    for key, (required, kind, default) in fields.items():
        if key not in config or (config[key] is None and not required):
            if required:
                problems.append(_problem(f"{where}[{key!r}]", "missing"))
            target[key] = default
            continue
        value = config[key]
        if not isinstance(value, kind) or isinstance(value, bool) or (required and value == ""):
            problems.append(_problem(f"{where}[{key!r}]",
                                     f"{value!r} is not {KIND_NAMES[kind]}"))
        else:
            target[key] = value
    return (None if problems else target), problems


def _problem(field_name: str, message: str) -> ContentProblem:
    return ContentProblem(SETTINGS_FILE, None, field_name, message)
