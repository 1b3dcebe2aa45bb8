"""The GALLERIES settings dict."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import SettingsSpec

from .declarations import SETTINGS

GALLERIES_SETTINGS = SettingsSpec(SETTINGS[0])
