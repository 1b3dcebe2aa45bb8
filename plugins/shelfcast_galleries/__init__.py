"""Photo galleries: content/galleries/<name>/ with gallery.yaml; resized WebP/JPEG copies with
EXIF removed, a page per gallery and per picture (caption, credit, licence, previous/next)."""

from __future__ import annotations

from pelican import signals

from .generator import OPTIONS_KEY, GalleriesGenerator
from .settings import GALLERIES_SETTINGS


def initialize(pelican) -> None:
    GALLERIES_SETTINGS.load(pelican.settings, OPTIONS_KEY)


def get_generators(pelican):
    return GalleriesGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
