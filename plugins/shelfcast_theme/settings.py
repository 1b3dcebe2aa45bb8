"""The SHELFCAST_THEME settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import web_address_problem
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.settings import missing_path

from .menu import menu_problem
from .sharing import SERVICES

DEFAULTS = {
    # Share links under each post, in this order; any of email, mastodon, bluesky, facebook.
    "SHARE_LINKS": list(SERVICES),
    # Mastodon has no central site; readers land on this server's share form.
    "MASTODON_SHARE_URL": "https://mastodon.social/share",
    # The picture link previews show for pages without their own `image:` (under content/).
    "DEFAULT_IMAGE": "images/site-card.png",
    # Where the search page lives (the header search box sends ?q= there); None hides the box.
    "SEARCH_URL": "search.html",
    # The main menu's order (see menu.py); None: sections, pages, programmes, shows, archive.
    "MENU": None,
}


def read_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    given = settings.get("SHELFCAST_THEME") or {}
    if not isinstance(given, dict):
        return dict(DEFAULTS), [_problem("SHELFCAST_THEME", "must be a dict of settings")]
    problems = [_problem(f"SHELFCAST_THEME[{key!r}]",
                         f"unknown setting; known ones: {', '.join(DEFAULTS)}")
                for key in given if key not in DEFAULTS]
    merged = {**DEFAULTS, **{k: v for k, v in given.items() if k in DEFAULTS}}
    share = merged["SHARE_LINKS"]
    if not isinstance(share, (list, tuple)) or any(s not in SERVICES for s in share):
        problems.append(_problem("SHELFCAST_THEME['SHARE_LINKS']",
                                 f"must be a list of some of: {', '.join(SERVICES)}"))
        merged["SHARE_LINKS"] = DEFAULTS["SHARE_LINKS"]
    for key in ("MASTODON_SHARE_URL", "DEFAULT_IMAGE"):
        if not isinstance(merged[key], str) or not merged[key]:
            problems.append(_problem(f"SHELFCAST_THEME[{key!r}]", "must be text in quotes"))
            merged[key] = DEFAULTS[key]
    if (message := web_address_problem(merged["MASTODON_SHARE_URL"], ("https",))):
        problems.append(_problem("SHELFCAST_THEME['MASTODON_SHARE_URL']",
                                 f"{message}; write the share form of the library's Mastodon "
                                 "server, e.g. https://mastodon.social/share"))
        merged["MASTODON_SHARE_URL"] = DEFAULTS["MASTODON_SHARE_URL"]
    if merged["SEARCH_URL"] is not None and not isinstance(merged["SEARCH_URL"], str):
        problems.append(_problem("SHELFCAST_THEME['SEARCH_URL']", "must be a path or None"))
        merged["SEARCH_URL"] = DEFAULTS["SEARCH_URL"]
    if (message := menu_problem(merged["MENU"])):
        problems.append(_problem("SHELFCAST_THEME['MENU']", message))
        merged["MENU"] = None
    # Every page without its own image links this one: a missing file breaks every preview.
    missing = missing_path(settings, "SHELFCAST_THEME['DEFAULT_IMAGE']",
                           merged["DEFAULT_IMAGE"], published=True)
    return merged, problems + ([missing] if missing else [])


def _problem(field: str, message: str) -> ContentProblem:
    return ContentProblem("pelicanconf.py", None, field, message)
