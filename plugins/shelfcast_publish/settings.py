"""The PUBLISH settings dict (declarations.py), checked once per build; targets per type."""

from __future__ import annotations

from dataclasses import dataclass, field

from shelfcast_sitekit.pluginsettings import problem_at, read_block, web_address_problem
from shelfcast_sitekit.problems import ContentProblem

from .declarations import SETTINGS

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
# Target fields that are web addresses: a javascript: or data: one is refused.
ADDRESS_FIELDS = ("endpoint_url",)
BLOCK = SETTINGS[0]
DEFAULTS = BLOCK.defaults()


@dataclass
class PublishSettings:
    targets: dict = field(default_factory=dict)
    host_rules: bool = True
    precompress: tuple = ()
    nginx_redirects: str = DEFAULTS["nginx_redirects"]


def read_publish_settings(settings: dict) -> tuple[PublishSettings, list[ContentProblem]]:
    """PUBLISH over the defaults (the one settings reader); each target checked for its type;
    every mistake becomes one problem naming the field."""
    merged, problems = read_block(BLOCK, settings)
    targets = {}
    for name, config in merged["targets"].items():
        target, found = check_target(name, config, settings)
        problems += found
        if target is not None:
            targets[name] = target
    return PublishSettings(targets, merged["host_rules"], tuple(merged["precompress"]),
                           merged["nginx_redirects"]), problems


def check_target(name, config, settings: dict | None = None,
                 ) -> tuple[dict | None, list[ContentProblem]]:
    """One target's fields for its type: required ones present, each of the right kind."""
    where = f"PUBLISH['targets'][{name!r}]"

    def _problem(field_name: str, message: str) -> ContentProblem:
        return problem_at(settings or {}, BLOCK.name, field_name, message)

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
        elif key in ADDRESS_FIELDS and (message := web_address_problem(value)):
            problems.append(_problem(f"{where}[{key!r}]", message))
        else:
            target[key] = value
    return (None if problems else target), problems

