"""What a review or playlist page shows about its music, ready for the templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from shelfcast_sitekit.resized import CoverFile

from .albums import Album
from .playlists import Entry, Playlist


@dataclass(frozen=True)
class NamedLink:
    """A name and, when the site has a page or the catalogue a record for it, its URL."""

    name: str
    url: str | None = None


@dataclass
class AlbumCard:
    album: Album
    artists: list[NamedLink]            # the album artist, then any track artists
    genres: list[NamedLink]
    decade: NamedLink | None
    borrow: object | None               # a catalogue Link ("Borrow it")
    borrow_is_search: bool
    covers: list[CoverFile] = field(default_factory=list)
    cover_source: str | None = None     # path relative to content/ (never linked)
    cover_alt: str = ""                 # the librarian's; templates supply a default
    jsonld: Markup = Markup("")
    coins: str = ""
    artist_urls: dict[str, str] = field(default_factory=dict)

    @property
    def musicbrainz_url(self) -> str | None:
        mbid = self.album.musicbrainz
        return f"https://musicbrainz.org/release/{mbid}" if mbid else None

    @property
    def cover(self) -> CoverFile | None:
        """The fallback <img>: the largest JPEG (every browser shows it)."""
        jpegs = [c for c in self.covers if c.format == "jpeg"] or self.covers
        return jpegs[0] if jpegs else None

    def srcset(self, fmt: str) -> list[CoverFile]:
        return [c for c in self.covers if c.format == fmt]

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(c.format for c in self.covers))


@dataclass
class PlaylistRow:
    entry: Entry
    artist_url: str | None
    borrow: object | None
    borrow_is_search: bool


@dataclass
class PlaylistCard:
    playlist: Playlist
    rows: list[PlaylistRow]
