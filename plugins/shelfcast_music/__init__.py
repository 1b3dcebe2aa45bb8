"""Music pages: album reviews, playlists, artists A–Z, genres, decades. Pelican glue only."""

from __future__ import annotations

from pelican import signals
from shelfcast_sitekit.fields import declare_fields

from .generator import MusicGenerator
from .reading import BLOCK_FIELDS, read_blocks


def declare_music_fields(pelican) -> None:
    declare_fields(pelican.settings, BLOCK_FIELDS)


def get_generators(pelican):
    return MusicGenerator


def register() -> None:
    signals.initialized.connect(declare_music_fields)
    signals.article_generator_finalized.connect(read_blocks)
    signals.get_generators.connect(get_generators)
