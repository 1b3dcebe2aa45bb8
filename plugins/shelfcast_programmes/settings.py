"""The PROGRAMMES settings dict."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import SettingsSpec

from .declarations import SETTINGS

PROGRAMMES_SETTINGS = SettingsSpec(SETTINGS[0])
