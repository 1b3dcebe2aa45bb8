"""The SEARCH settings dict: read by the site kit's one settings reader (declarations.py)."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import read_block

from .declarations import SETTINGS

DEFAULTS = SETTINGS[0].defaults()


def search_settings(raw) -> tuple[dict, list]:
    """Merge the site's SEARCH dict over the defaults; return it with any problems found."""
    return read_block(SETTINGS[0], {"SEARCH": raw})
