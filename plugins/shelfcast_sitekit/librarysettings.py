"""The settings a site builds with: the kit's defaults, then the library's own library.py.

pelicanconf.py and publishconf.py (kit files) call site_settings(); the library writes only
library.py and the optional overrides/ folder beside it. library.py runs with the kit's
defaults in scope, so `PLUGINS.remove("shelfcast_galleries")` or `SECTION_TITLES["x"] = ...`
change a default, and a settings dict it assigns is laid over the kit's dict key by key: a
new kit version's new defaults and plugins reach the library without an edit.
"""

from __future__ import annotations

import copy
import os
import runpy

from .kitversion import kit_manifest

LIBRARY_FILE = "library.py"
OVERRIDES = "overrides"
KIT_DEFAULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kitdefaults.py")
# overrides/site.css is copied to output/<THEME_STATIC_DIR>/site.css and linked last.
SITE_CSS = "site.css"


class LibraryFileMissing(FileNotFoundError):
    """No library.py beside the settings file: the message says how to make one."""


def settings_names(namespace: dict) -> dict:
    return {name: value for name, value in namespace.items() if name.isupper()}


def kit_defaults() -> dict:
    """Fresh copies of the kit's defaults, with the kit's version (for the generator tag)."""
    settings = settings_names(runpy.run_path(KIT_DEFAULTS))
    settings["SHELFCAST_VERSION"] = kit_manifest().version
    return settings


def layered(base: dict, top: dict) -> dict:
    """top over base; a dict in both is laid over base's dict key by key."""
    return {**base, **{name: {**base[name], **value}
                       if isinstance(value, dict) and isinstance(base.get(name), dict)
                       else value for name, value in top.items()}}


def library_settings(path: str, base: dict) -> dict:
    """What library.py sets or changes, run with (copies of) the kit's settings in scope."""
    if not os.path.isfile(path):
        raise LibraryFileMissing(f"{path} does not exist: every site has its own library.py "
                                 "beside pelicanconf.py; run `invoke init` to write it")
    namespace = settings_names(runpy.run_path(path, init_globals=copy.deepcopy(base)))
    return {name: value for name, value in namespace.items()
            if name not in base or value != base[name]}


def override_settings(folder: str, settings: dict) -> dict:
    """Pelican settings for the library's overrides folder, for the parts that exist."""
    found = {}
    templates = os.path.join(folder, "templates")
    if os.path.isdir(templates):
        found["THEME_TEMPLATES_OVERRIDES"] = [templates, *settings.get(
            "THEME_TEMPLATES_OVERRIDES", [])]
    css = os.path.join(folder, SITE_CSS)
    if os.path.isfile(css):
        # A file in THEME_STATIC_PATHS lands at the top of THEME_STATIC_DIR (Pelican 4.12).
        found["THEME_STATIC_PATHS"] = [*settings.get("THEME_STATIC_PATHS", ["static"]), css]
        found["LIBRARY_CSS"] = f"{settings.get('THEME_STATIC_DIR', 'theme')}/{SITE_CSS}"
    return found


def site_settings(settings_file: str, kit: dict | None = None) -> dict:
    """The kit's defaults, `kit` (publishconf.py's production switches), then library.py and
    the overrides beside settings_file."""
    folder = os.path.dirname(os.path.abspath(settings_file))
    base = layered(kit_defaults(), kit or {})
    settings = layered(base, library_settings(os.path.join(folder, LIBRARY_FILE), base))
    return {**settings, **override_settings(os.path.join(folder, OVERRIDES), settings)}
