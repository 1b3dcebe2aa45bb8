"""Readers' comments moderated in git: content/comments/<post-slug>/*.yaml shown under the post,
escaped, threaded one level, paginated; an e-mail invitation instead of a form."""

from __future__ import annotations

from pelican import signals

from .generator import OPTIONS_KEY, CommentsGenerator
from .settings import COMMENTS_SETTINGS


def initialize(pelican) -> None:
    COMMENTS_SETTINGS.load(pelican.settings, OPTIONS_KEY)


def get_generators(pelican):
    return CommentsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
