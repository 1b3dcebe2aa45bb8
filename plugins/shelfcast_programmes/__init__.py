"""Learning programmes ("23 things"): numbered lessons released week by week, participants."""

from __future__ import annotations

from pelican import signals
from shelfcast_sitekit.reader import FOLDER_KINDS_KEY

from .generator import OPTIONS_KEY, ProgrammesGenerator
from .settings import PROGRAMMES_SETTINGS


def initialize(pelican) -> None:
    options = PROGRAMMES_SETTINGS.load(pelican.settings, OPTIONS_KEY)
    # Lessons are read like pages: they need no date (their release date is computed).
    pelican.settings[FOLDER_KINDS_KEY] = {**(pelican.settings.get(FOLDER_KINDS_KEY) or {}),
                                          options["path"]: "page"}


def get_generators(pelican):
    return ProgrammesGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
