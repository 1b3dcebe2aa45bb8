"""Check the site kit's own settings once per build."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from .problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


def feed_domain(configured: str | None, site_url: str) -> str:
    """Where feeds, enclosures and the OPML point: the site's own final address.

    Pelican copies SITEURL into FEED_DOMAIN where the settings file leaves it unset; a
    `FEED_DOMAIN = SITEURL` line is evaluated before publishconf.py (or a line added further
    down) changes SITEURL, and would keep feeds on the preview address. A feed domain of
    one's own (a CDN, say) is kept; a local preview address never outlives a public SITEURL.
    """
    if not configured:
        return site_url
    is_local = (urlsplit(configured).hostname or "") in LOCAL_HOSTS
    if is_local and (urlsplit(site_url).hostname or "") not in LOCAL_HOSTS:
        return site_url
    return configured.rstrip("/")


def check_site_settings(settings: dict) -> list[ContentProblem]:
    """SITEURL must be absolute; SECTION_TITLES maps folder names to display names."""
    problems = []
    site_url = settings.get("SITE_ABSOLUTE_URL") or ""
    if not isinstance(site_url, str) or not site_url.startswith(("http://", "https://")):
        problems.append(ContentProblem(SETTINGS_FILE, None, "SITEURL",
            f"{site_url!r} is not an absolute address; write e.g. SITEURL = "
            "\"https://library.example.org\""))
    problems += _theme_plugins(settings)
    titles = settings.get("SECTION_TITLES", {})
    if not isinstance(titles, dict) or not all(
            isinstance(k, str) and _is_title(v) for k, v in titles.items()):
        problems.append(ContentProblem(SETTINGS_FILE, None, "SECTION_TITLES",
            "must map folder names to titles, e.g. {\"news\": \"News\"} or, per language, "
            "{\"news\": {\"en\": \"News\", \"da\": \"Nyheder\"}}"))
        settings["SECTION_TITLES"] = {}
    return problems


def _is_title(value) -> bool:
    """A title is text, or a dict of language code -> text (the UI language picks one)."""
    if isinstance(value, dict):
        return bool(value) and all(isinstance(k, str) and isinstance(v, str)
                                   for k, v in value.items())
    return isinstance(value, str)


THEME_PLUGINS = ("shelfcast_i18n", "shelfcast_theme")


def _theme_plugins(settings: dict) -> list[ContentProblem]:
    """The shelfcast theme's templates use filters that its two plugins install."""
    if os.path.basename(os.path.normpath(str(settings.get("THEME", "")))) != "shelfcast":
        return []
    enabled = {getattr(p, "__name__", str(p)).rsplit(".", 1)[-1]
               for p in settings.get("PLUGINS") or []}
    missing = [name for name in THEME_PLUGINS if name not in enabled]
    if not missing:
        return []
    return [ContentProblem(SETTINGS_FILE, None, "PLUGINS",
        f"the shelfcast theme needs the plugins {', '.join(missing)}; add them to PLUGINS")]
