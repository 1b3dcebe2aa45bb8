"""The PODCAST settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

import difflib
import re

from shelfcast_sitekit.problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Subscribe links on show pages. {feed} is the feed URL, {feed_quoted} the same URL-encoded,
# {feed_bare} without its scheme (the form app URL schemes take).
DEFAULT_APPS = [
    ["Apple Podcasts", "podcast://{feed_bare}"],
    ["AntennaPod", "https://antennapod.org/deeplink/subscribe?url={feed_quoted}"],
    ["Pocket Casts", "pktc://subscribe/{feed_bare}"],
    ["Overcast", "overcast://x-callback-url/add?url={feed_quoted}"],
    ["Castro", "castro://subscribe/{feed_bare}"],
    ["gPodder", "gpodder://{feed_bare}"],
]

DEFAULTS = {
    "path": "podcasts",                       # folder under content/ holding one folder per show
    # {path} is the folder above, {show} the show's folder name.
    "feed_url": "{path}/{show}/feed.xml",     # never change once published: apps poll this URL
    "show_url": "{path}/{show}/",
    "show_save_as": "{path}/{show}/index.html",
    "episode_url": "{path}/{show}/{slug}.html",
    "opml_save_as": "podcasts.opml",
    "cache_file": "podcast-audio.json",       # under CACHE_PATH
    "owner": None,                            # {"name": ..., "email": ...} for shows without one
    "explicit": False,
    "apps": DEFAULT_APPS,
    "generator": "Shelfcast",
    # Smaller copies of each episode made with ffmpeg: [] (off), ["opus"] or ["opus", "aac"].
    "alternates": [],
    # An OP3-style measurement prefix before enclosure URLs, e.g. "https://op3.dev/e/" (opt-in).
    "prefix": None,
    "websub_hub": None,                       # e.g. "https://pubsubhubbub.appspot.com/"
    "podping_token": None,                    # or the SHELFCAST_PODPING_TOKEN environment variable
    "podping_url": "https://podping.cloud/",
}
ALTERNATE_NAMES = ("opus", "aac")
URL_KEYS = ("feed_url", "show_url", "show_save_as", "episode_url")
FOLDER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TYPES = {"path": str, "feed_url": str, "show_url": str, "show_save_as": str,
          "episode_url": str, "opml_save_as": str, "cache_file": str, "owner": (dict, type(None)),
          "explicit": bool, "apps": list, "generator": str, "alternates": (list, bool),
          "prefix": (str, type(None)), "websub_hub": (str, type(None)),
          "podping_token": (str, type(None)), "podping_url": str}
WEB_ADDRESS_KEYS = ("prefix", "websub_hub", "podping_url")


def podcast_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """Merge PODCAST over the defaults; a wrong key or value is one problem on pelicanconf.py."""
    given = settings.get("PODCAST", {})
    if not isinstance(given, dict):
        return dict(DEFAULTS), [_problem("must be a dict, e.g. PODCAST = {\"owner\": {...}}")]
    merged, problems = dict(DEFAULTS), []
    for key, value in given.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(str(key), list(DEFAULTS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(_problem(f"unknown key {key!r}{hint}"))
        elif not isinstance(value, _TYPES[key]) or (
                isinstance(value, bool) and bool not in _kinds(_TYPES[key])):
            problems.append(_problem(f"{key!r} must be {_type_name(_TYPES[key])}, not {value!r}"))
        else:
            merged[key] = value
    problems += _check_owner(merged) + _check_apps(merged) + _check_path(merged)
    problems += _check_alternates(merged) + _check_addresses(merged)
    for key in URL_KEYS:
        merged[key] = merged[key].replace("{path}", merged["path"])
    return merged, problems


def _check_path(merged: dict) -> list[ContentProblem]:
    path = merged["path"].strip("/")
    if not FOLDER.match(path):
        merged["path"] = DEFAULTS["path"]
        return [_problem(f"'path' {path!r} must be one folder name under content/ in lower-case "
                         "letters, digits and hyphens, e.g. \"podcasts\"")]
    merged["path"] = path
    return []


def _check_owner(merged: dict) -> list[ContentProblem]:
    owner = merged["owner"]
    if owner is None:
        return []
    if not EMAIL.match(str(owner.get("email", ""))) or not owner.get("name"):
        merged["owner"] = None
        return [_problem("'owner' must be {\"name\": \"...\", \"email\": \"podcast@...\"}")]
    return []


def _check_apps(merged: dict) -> list[ContentProblem]:
    apps = merged["apps"]
    if all(isinstance(a, (list, tuple)) and len(a) == 2 and all(isinstance(x, str) for x in a)
           for a in apps):
        return []
    merged["apps"] = DEFAULT_APPS
    return [_problem("'apps' must be a list of [\"App name\", \"link with {feed}\"] pairs")]


def _check_alternates(merged: dict) -> list[ContentProblem]:
    """True means the default smaller copy (Opus); a list names each copy to make."""
    wanted = merged["alternates"]
    if isinstance(wanted, bool):
        merged["alternates"] = ["opus"] if wanted else []
        return []
    unknown = [name for name in wanted if name not in ALTERNATE_NAMES]
    if unknown or len(set(wanted)) != len(wanted):
        merged["alternates"] = []
        return [_problem(f"'alternates' {wanted!r} must list each of {', '.join(ALTERNATE_NAMES)}"
                         " at most once, e.g. \"alternates\": [\"opus\"]")]
    return []


def _check_addresses(merged: dict) -> list[ContentProblem]:
    problems = []
    for key in WEB_ADDRESS_KEYS:
        value = merged[key]
        if value is not None and not re.match(r"^https?://[^\s/]+\.?[^\s]*$", value):
            merged[key] = DEFAULTS[key]
            problems.append(_problem(f"{key!r} {value!r} must be a web address starting with "
                                     "https://, e.g. \"https://op3.dev/e/\""))
    return problems


def _kinds(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def _type_name(kind) -> str:
    kinds = _kinds(kind)
    names = {str: "text in quotes", bool: "True or False", list: "a list [...]",
             dict: "a dict {...}", type(None): "None"}
    return " or ".join(names[k] for k in kinds)


def _problem(message: str) -> ContentProblem:
    return ContentProblem(SETTINGS_FILE, None, "PODCAST", message)
