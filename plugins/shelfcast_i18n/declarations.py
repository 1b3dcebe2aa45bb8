"""The I18N settings dict, as data (keys lower-case)."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import SettingsBlock

SETTINGS = (SettingsBlock("I18N", (
    # A folder the library names must exist (settings.py checks it), or every page silently
    # stays in English.
    setting("catalogue_path", "text", None, "Folder of <lang>.po catalogues; None: the theme's "
            "own locale/ folder.", example="translations"),
    setting("date_style", "text", "long", "How dates are written: a Babel style (short, "
            "medium, long, full) or a CLDR pattern such as 'd MMMM y'.", pattern=r"\S",
            example="long"),
# The old upper-case keys are moved by shelfcast_sitekit.settingmoves before this is read.
)),)
