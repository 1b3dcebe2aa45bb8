"""The QUESTIONS settings dict."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import SettingsSpec

from .declarations import SETTINGS

QUESTIONS_SETTINGS = SettingsSpec(SETTINGS[0])
