"""Events: posts with an `event:` block become listings, calendar files and Event JSON-LD."""

from __future__ import annotations

from pelican import signals
from sitekit.problems import problem_log

from .generator import OPTIONS_KEY, EventsGenerator
from .settings import EVENTS_SETTINGS


def initialize(pelican) -> None:
    options, problems = EVENTS_SETTINGS.read(pelican.settings)
    log = problem_log(pelican.settings)
    log.extend(problems)
    log.raise_if_errors()
    pelican.settings[OPTIONS_KEY] = options


def get_generators(pelican):
    return EventsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
