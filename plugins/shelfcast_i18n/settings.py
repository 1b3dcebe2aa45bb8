"""The I18N settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

import os

from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.settings import missing_path

DEFAULTS = {
    # Folder of <lang>.po catalogues; None means the theme's own `locale/` folder.
    "CATALOGUE_PATH": None,
    # How dates are written: a Babel style (short, medium, long, full) or a CLDR pattern.
    "DATE_STYLE": "long",
}


def read_settings(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """Merge the site's I18N dict over the defaults; problems point at pelicanconf.py."""
    given = settings.get("I18N") or {}
    if not isinstance(given, dict):
        problems = [_problem("I18N", "must be a dict like {'DATE_STYLE': 'long'}")]
        given = {}
    else:
        problems = []
    problems += [_problem(f"I18N[{key!r}]", f"unknown setting; known ones: {', '.join(DEFAULTS)}")
                 for key in given if key not in DEFAULTS]
    merged = {**DEFAULTS, **{k: v for k, v in given.items() if k in DEFAULTS}}
    if merged["CATALOGUE_PATH"] is None:
        merged["CATALOGUE_PATH"] = os.path.join(settings["THEME"], "locale")
    elif not isinstance(merged["CATALOGUE_PATH"], str):
        problems.append(_problem("I18N['CATALOGUE_PATH']", "must be a folder path in quotes"))
        merged["CATALOGUE_PATH"] = os.path.join(settings["THEME"], "locale")
    else:  # a folder the library names must exist, or every page silently stays in English
        missing = missing_path(settings, "I18N['CATALOGUE_PATH']", merged["CATALOGUE_PATH"],
                               folder=True, base=os.getcwd())
        problems += [missing] if missing else []
    if not isinstance(merged["DATE_STYLE"], str) or not merged["DATE_STYLE"].strip():
        problems.append(_problem("I18N['DATE_STYLE']", "must be short, medium, long, full "
                                 "or a date pattern such as 'd MMMM y'"))
        merged["DATE_STYLE"] = DEFAULTS["DATE_STYLE"]
    return merged, problems


def _problem(field: str, message: str) -> ContentProblem:
    return ContentProblem("pelicanconf.py", None, field, message)
