"""The SHELFCAST_THEME settings dict: declared in declarations.py, read by the one reader."""

from __future__ import annotations

from shelfcast_sitekit.pluginsettings import problem_at, read_block
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.settings import missing_path

from .declarations import SETTINGS
from .menu import menu_problem

BLOCK = SETTINGS[0]


def read_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """The theme's options; a wrong one keeps its default and is one problem."""
    merged, problems = read_block(BLOCK, settings)
    if (message := menu_problem(merged["menu"])):
        problems.append(problem_at(settings, BLOCK.name, f"{BLOCK.name}['menu']", message))
        merged["menu"] = None
    # Every page without its own image links this one: a missing file breaks every preview.
    missing = missing_path(settings, f"{BLOCK.name}['default_image']",
                           merged["default_image"], published=True)
    return merged, problems + ([missing] if missing else [])
