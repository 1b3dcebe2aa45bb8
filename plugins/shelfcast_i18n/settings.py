"""The I18N settings dict: read by the site kit's one settings reader (declarations.py)."""

from __future__ import annotations

import os

from shelfcast_sitekit.pluginsettings import read_block
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.settings import missing_path

from .declarations import SETTINGS

DEFAULTS = SETTINGS[0].defaults()


def read_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """Merge the site's I18N dict over the defaults; problems point at pelicanconf.py."""
    merged, problems = read_block(SETTINGS[0], settings)
    if merged["catalogue_path"] is None:
        merged["catalogue_path"] = os.path.join(settings["THEME"], "locale")
    else:  # a folder the library names must exist, or every page silently stays in English
        missing = missing_path(settings, "I18N['catalogue_path']", merged["catalogue_path"],
                               folder=True, base=os.getcwd())
        problems += [missing] if missing else []
    return merged, problems
