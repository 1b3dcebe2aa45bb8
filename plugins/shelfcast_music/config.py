"""The MUSIC settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

from dataclasses import dataclass, fields

from shelfcast_sitekit.pluginsettings import read_block
from shelfcast_sitekit.problems import ContentProblem

from .declarations import SETTINGS

CONFIG_KEY = "SHELFCAST_MUSIC_CONFIG"

DEFAULTS = SETTINGS[0].defaults()


@dataclass(frozen=True)
class MusicConfig:
    index_save_as: str
    artists_save_as: str
    artist_url: str
    artist_save_as: str
    genres_save_as: str
    genre_url: str
    genre_save_as: str
    genre_feed_atom: str
    decades_save_as: str
    decade_url: str
    decade_save_as: str
    covers_folder: str
    cover_widths: tuple
    cover_formats: tuple
    cover_quality: int
    cover_cache: str
    newest: int
    collation: str
    various_artists: frozenset

    def url_of(self, save_as: str) -> str:
        return save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as


def check_music_settings(raw, default_lang: str) -> tuple[MusicConfig, list[ContentProblem]]:
    """Merge MUSIC over the defaults (the site kit's one settings reader); bad values are
    reported and replaced by the default."""
    values, problems = read_block(SETTINGS[0], {"MUSIC": raw})
    values["collation"] = values["collation"] or default_lang or "en"
    values["cover_widths"] = tuple(values["cover_widths"])
    values["cover_formats"] = tuple(values["cover_formats"])
    values["various_artists"] = frozenset(values["various_artists"])
    return MusicConfig(**{f.name: values[f.name] for f in fields(MusicConfig)}), problems


def load_config(settings: dict) -> tuple[MusicConfig, list[ContentProblem]]:
    """The build's MusicConfig, checked on first use and kept in the build's settings."""
    cached = settings.get(CONFIG_KEY)
    if cached is None:
        cached = settings[CONFIG_KEY] = check_music_settings(settings.get("MUSIC"),
                                                             settings.get("DEFAULT_LANG"))
    return cached
