"""Music pages: album reviews, playlists, artists A–Z, genres, decades. Pelican glue only."""

from __future__ import annotations

from pelican import signals

from .generator import MusicGenerator
from .reading import read_blocks


def get_generators(pelican):
    return MusicGenerator


def register() -> None:
    signals.article_generator_finalized.connect(read_blocks)
    signals.get_generators.connect(get_generators)
