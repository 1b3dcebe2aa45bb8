"""The GALLERIES settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec

from .declarations import SETTINGS

GALLERIES_SETTINGS = SettingsSpec(SETTINGS[0])
