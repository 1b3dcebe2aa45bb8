"""Check the site kit's own settings once per build."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from .problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
# True in pelicanconf.py (make build, make serve): drafts and scheduled posts are written under
# drafts/ with a banner. publishconf.py and `invoke publish` set False; so does leaving it out.
PREVIEW_KEY = "PREVIEW"
# Pelican's own defaults for where drafts go; only a preview writes them.
DRAFT_LOCATIONS = {
    "DRAFT_URL": "drafts/{slug}.html", "DRAFT_SAVE_AS": "drafts/{slug}.html",
    "DRAFT_LANG_URL": "drafts/{slug}-{lang}.html",
    "DRAFT_LANG_SAVE_AS": "drafts/{slug}-{lang}.html",
    "DRAFT_PAGE_URL": "drafts/pages/{slug}.html", "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",
    "DRAFT_PAGE_LANG_URL": "drafts/pages/{slug}-{lang}.html",
    "DRAFT_PAGE_LANG_SAVE_AS": "drafts/pages/{slug}-{lang}.html",
}


def draft_locations(preview: bool) -> dict:
    """Where drafts are written: under drafts/ in a preview, nowhere in a published build."""
    return {key: (value if preview else "") for key, value in DRAFT_LOCATIONS.items()}


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
    problems += _static_files(settings)
    if not isinstance(settings.get(PREVIEW_KEY, False), bool):
        problems.append(ContentProblem(SETTINGS_FILE, None, PREVIEW_KEY,
            "must be True (the preview: drafts shown with a banner) or False (the published "
            "site: no drafts)"))
        settings[PREVIEW_KEY] = False
    titles = settings.get("SECTION_TITLES", {})
    if not isinstance(titles, dict) or not all(
            isinstance(k, str) and _is_title(v) for k, v in titles.items()):
        problems.append(ContentProblem(SETTINGS_FILE, None, "SECTION_TITLES",
            "must map folder names to titles, e.g. {\"news\": \"News\"} or, per language, "
            "{\"news\": {\"en\": \"News\", \"da\": \"Nyheder\"}}"))
        settings["SECTION_TITLES"] = {}
    return problems


def _static_files(settings: dict) -> list[ContentProblem]:
    """Files named in STATIC_PATHS or EXTRA_PATH_METADATA (robots.txt, a favicon) must exist:
    Pelican silently publishes nothing for a missing one. Folders may be missing (no images
    yet)."""
    named = [("STATIC_PATHS", p) for p in settings.get("STATIC_PATHS") or []
             if isinstance(p, str) and "." in os.path.basename(p.rstrip("/"))]
    extra = settings.get("EXTRA_PATH_METADATA") or {}
    named += [(f"EXTRA_PATH_METADATA[{p!r}]", p) for p in extra if isinstance(p, str)]
    problems = []
    for setting, path in named:
        if not os.path.exists(os.path.join(settings.get("PATH") or "content", path)):
            problems.append(missing_path(settings, setting, path))
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


def missing_path(settings: dict, setting: str, value: str, folder: bool = False,
                 published: bool = False, base: str | None = None) -> ContentProblem | None:
    """An error when a path setting names nothing that exists; None when it does.

    Paths are relative to content/ unless `base` says otherwise. `published` also asks that
    the file lies in a STATIC_PATHS folder, so that the build copies it to the site (a
    picture outside them exists, but every link to it would be broken).
    """
    base = base if base is not None else (settings.get("PATH") or "content")
    kind = "folder" if folder else "file"
    target = os.path.join(base, value)
    if not (os.path.isdir(target) if folder else os.path.isfile(target)):
        return ContentProblem(SETTINGS_FILE, None, setting,
            f"{value!r} does not exist ({_shown(target)} is missing); add the {kind} there, "
            f"or change {setting} in {SETTINGS_FILE} to a {kind} that exists under "
            f"{_shown(base)}/")
    relative = value.strip("/")
    static = [p.strip("/") for p in settings.get("STATIC_PATHS") or []]
    if published and not any(p in ("", ".") or relative == p or relative.startswith(p + "/")
                             for p in static):
        return ContentProblem(SETTINGS_FILE, None, setting,
            f"{value!r} is not in a folder the site publishes (STATIC_PATHS: "
            f"{', '.join(static) or 'none'}), so links to it would be broken; move it to "
            f"{_shown(base)}/{(static or ['images'])[0]}/ and change {setting} in "
            f"{SETTINGS_FILE}")
    return None


def _shown(path: str) -> str:
    """A path as a librarian sees it from the repository (the working directory)."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")
