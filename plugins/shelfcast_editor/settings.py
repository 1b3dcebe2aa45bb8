"""The EDITOR settings dict: declared in declarations.py, read by the one settings reader."""

from __future__ import annotations

from collections.abc import Mapping

from shelfcast_sitekit.pluginsettings import read_block

from .declarations import SETTINGS

BLOCK = SETTINGS[0]


class EditorSettingsProblem(ValueError):
    """A key or value of EDITOR the editor cannot use."""


def editor_settings(settings: Mapping) -> dict:
    """EDITOR over its defaults; a wrong key or value stops with its one line."""
    merged, problems = read_block(BLOCK, settings)
    if problems:
        raise EditorSettingsProblem(str(problems[0]))
    return merged
