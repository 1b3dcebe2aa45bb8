"""The PODCAST settings dict: declared in declarations.py, read by the one settings reader."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import problem_at, read_block
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.urls import SCHEME, SCRIPT_SCHEMES

from .declarations import ALTERNATE_NAMES, DEFAULT_APPS, SETTINGS

BLOCK = SETTINGS[0]
URL_KEYS = ("feed_url", "show_url", "show_save_as", "episode_url")


def podcast_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """PODCAST over the defaults; a wrong key or value is one problem (and keeps its default)."""
    merged, problems = read_block(BLOCK, settings)
    merged["path"] = merged["path"].strip("/")
    if (message := apps_problem(merged["apps"])):
        problems.append(problem_at(settings, BLOCK.name, "PODCAST['apps']", message))
        merged["apps"] = DEFAULT_APPS
    wanted = merged["alternates"]
    if isinstance(wanted, bool):  # True: the default smaller copy (Opus)
        merged["alternates"] = ["opus"] if wanted else []
    elif len(set(wanted)) != len(wanted):
        problems.append(problem_at(settings, BLOCK.name, "PODCAST['alternates']",
                                   f"{wanted!r} must list each of {', '.join(ALTERNATE_NAMES)} "
                                   "at most once, e.g. [\"opus\"]"))
        merged["alternates"] = []
    for key in URL_KEYS:
        merged[key] = merged[key].replace("{path}", merged["path"])
    return merged, problems


def apps_problem(apps) -> str | None:
    """Why the subscribe links are not ["App name", "link"] pairs; None when they are."""
    if not isinstance(apps, (list, tuple)) or not all(
            isinstance(a, (list, tuple)) and len(a) == 2 and all(isinstance(x, str) for x in a)
            for a in apps):
        return "must be a list of [\"App name\", \"link with {feed}\"] pairs"
    for name, link in apps:  # an app (podcast:, pktc:, overcast:...) or a web page
        scheme = SCHEME.match(link.strip())
        if scheme is None or scheme.group(1).lower() in SCRIPT_SCHEMES:
            return (f"the {name!r:.40} link {link!r:.60} must be an app link or web address "
                    "(podcast://..., https://...), never a script")
    return None
