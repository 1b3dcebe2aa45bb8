"""Events: posts with an `event:` block become listings, calendar files and Event JSON-LD."""

from __future__ import annotations

from pelican import signals

from .generator import OPTIONS_KEY, EventsGenerator
from .settings import EVENTS_SETTINGS


def initialize(pelican) -> None:
    EVENTS_SETTINGS.load(pelican.settings, OPTIONS_KEY)


def get_generators(pelican):
    return EventsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
