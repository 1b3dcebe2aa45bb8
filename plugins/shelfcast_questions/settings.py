"""The QUESTIONS settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec

from .declarations import SETTINGS

QUESTIONS_SETTINGS = SettingsSpec(SETTINGS[0])
