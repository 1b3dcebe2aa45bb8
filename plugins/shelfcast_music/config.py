"""The MUSIC settings dict: defaults in one place, checked once per build."""

from __future__ import annotations

from dataclasses import dataclass, fields

from shelfcast_sitekit.problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
CONFIG_KEY = "SHELFCAST_MUSIC_CONFIG"

DEFAULTS = {
    "index_save_as": "music/index.html",
    "artists_save_as": "music/artists/index.html",
    "artist_url": "music/artists/{slug}/",
    "artist_save_as": "music/artists/{slug}/index.html",
    "genres_save_as": "music/genres/index.html",
    "genre_url": "music/genres/{slug}/",
    "genre_save_as": "music/genres/{slug}/index.html",
    "genre_feed_atom": "feeds/music-genre-{slug}.atom.xml",
    "decades_save_as": "music/decades/index.html",
    "decade_url": "music/decades/{slug}/",
    "decade_save_as": "music/decades/{slug}/index.html",
    "covers_folder": "music/covers",
    "cover_widths": [600, 300],
    "cover_formats": ["webp", "jpeg"],
    "cover_quality": 82,
    "cover_cache": ".cache/music-covers",
    "newest": 12,
    "collation": None,
    "various_artists": ["Various Artists", "Various", "Diverse kunstnere", "Blandade artister",
                        "Olika artister"],
}


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
    """Merge MUSIC over the defaults; bad values are reported and replaced by the default."""
    problems = []

    def bad(key: str, message: str) -> None:
        problems.append(ContentProblem(SETTINGS_FILE, None, f"MUSIC['{key}']", message))

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.append(ContentProblem(SETTINGS_FILE, None, "MUSIC",
                                       "must be a dict like MUSIC = {\"newest\": 12}"))
        raw = {}
    for key in sorted(set(raw) - set(DEFAULTS)):
        bad(key, "unknown setting; known ones are " + ", ".join(sorted(DEFAULTS)))
    values = {**DEFAULTS, **{k: v for k, v in raw.items() if k in DEFAULTS}}
    for key in DEFAULTS:
        values[key] = _checked(key, values[key], bad)
    values["collation"] = values["collation"] or default_lang or "en"
    values["cover_widths"] = tuple(values["cover_widths"])
    values["cover_formats"] = tuple(values["cover_formats"])
    values["various_artists"] = frozenset(values["various_artists"])
    return MusicConfig(**{f.name: values[f.name] for f in fields(MusicConfig)}), problems


def _checked(key: str, value, bad):
    default = DEFAULTS[key]
    if key.endswith(("_url", "_save_as", "_atom")) and key != "cover_cache":
        if not isinstance(value, str) or not value or value.startswith("/") or (
                "{slug}" in default and "{slug}" not in value):
            bad(key, f"must be a path inside the site like {default!r}")
            return default
    elif key in ("cover_widths",):
        if not isinstance(value, (list, tuple)) or not value or not all(
                isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 4000 for w in value):
            bad(key, "must be a list of pixel widths like [600, 300]")
            return default
    elif key == "cover_formats":
        if not isinstance(value, (list, tuple)) or not value or not set(value) <= {"webp", "jpeg"}:
            bad(key, "must be a list of image formats from 'webp' and 'jpeg', e.g. "
                "['webp', 'jpeg']")
            return default
    elif key in ("cover_quality", "newest"):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            bad(key, f"must be a whole number from 1 to 100 (default {default})")
            return default
    elif key in ("covers_folder", "cover_cache"):
        if not isinstance(value, str) or not value.strip("/"):
            bad(key, f"must be a folder name like {default!r}")
            return default
    elif key == "collation":
        if value is not None and not isinstance(value, str):
            bad(key, "must be a language code like 'da', 'sv' or 'en'")
            return None
    elif key == "various_artists":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            bad(key, "must be a list of names like ['Various Artists']")
            return default
    return value


def load_config(settings: dict) -> tuple[MusicConfig, list[ContentProblem]]:
    """The build's MusicConfig, checked on first use and kept in the build's settings."""
    cached = settings.get(CONFIG_KEY)
    if cached is None:
        cached = settings[CONFIG_KEY] = check_music_settings(settings.get("MUSIC"),
                                                             settings.get("DEFAULT_LANG"))
    return cached
