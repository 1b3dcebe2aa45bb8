"""The `album:` block of a review: checked and turned into an Album (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from shelfcast_sitekit.fields import describe
from shelfcast_sitekit.problems import ERROR, shorten
from shelfcast_sitekit.schemacheck import Where, value_problems

from .declarations import ALBUM
from .durations import LENGTH_HINT, clock, parse_length
from .fields import BlockChecker

OLDEST_YEAR = 1877  # Edison's phonograph: nothing recorded is older


@dataclass(frozen=True)
class Track:
    position: int
    title: str
    seconds: int | None = None
    artist: str | None = None

    @property
    def length(self) -> str:
        return clock(self.seconds) if self.seconds is not None else ""


@dataclass
class Album:
    """What the review's album card, JSON-LD, COinS and the music index pages show."""

    artist: str
    title: str
    artist_sort: str | None = None
    year: int | None = None
    label: str | None = None
    catalogue_number: str | None = None
    ean: str | None = None
    upc: str | None = None
    faust: str | None = None
    genres: list[str] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    musicbrainz: str | None = None
    cover: str | None = None
    cover_alt: str | None = None
    links: dict[str, str] = field(default_factory=dict)

    @property
    def total_seconds(self) -> int | None:
        """The running time, when every track has a length (a partial sum would mislead)."""
        if not self.tracks or any(t.seconds is None for t in self.tracks):
            return None
        return sum(t.seconds for t in self.tracks)

    @property
    def running_time(self) -> str:
        total = self.total_seconds
        return clock(total) if total is not None else ""

    @property
    def decade(self) -> int | None:
        return self.year // 10 * 10 if self.year else None

    @property
    def track_artists(self) -> list[str]:
        """Artists credited on single tracks (a compilation), in tracklist order, once each."""
        return list(dict.fromkeys(t.artist for t in self.tracks if t.artist))

    @property
    def identifier(self) -> str | None:
        """The catalogue identifier "Borrow it" uses: the library's own faust, else a barcode."""
        if self.faust:
            return f"faust:{self.faust}"
        if self.ean or self.upc:
            return f"ean:{self.ean or self.upc}"
        return None


def parse_album(block, path: str, line: int | None, this_year: int):
    """Check an album block; return (Album or None, problems).

    The schema (declarations.ALBUM) has checked the block's fields when the post was read: a
    block it refuses makes no album; its problems, returned here too, are the same ones
    (the build's log keeps one of each). What is checked here is what it leaves to this
    code: the barcodes' check digits, the year against the build's, a length YAML read as
    seconds, a MusicBrainz release URL; the cover file is reading._check_cover's."""
    problems = value_problems(ALBUM, block, Where(path, {"album": line}, "", True), "album")
    if problems:
        return None, problems
    check = BlockChecker(path, line)
    data = check.mapping(block, "album", "'artist: ...' and 'title: ...' on indented lines")
    if data is None:
        return None, check.problems
    artist = check.text(data, "artist", "album.artist")
    title = check.text(data, "title", "album.title")
    album = Album(
        artist=artist or "", title=title or "",
        artist_sort=check.text(data, "artist_sort", "album.artist_sort"),
        year=_year(check, data.get("year"), this_year),
        label=check.text(data, "label", "album.label"),
        catalogue_number=check.text(data, "catalogue_number", "album.catalogue_number"),
        ean=check.ean(data, "ean", "album.ean"),
        upc=check.ean(data, "upc", "album.upc"),
        faust=check.identifier(data, "faust", "album.faust"),
        genres=check.text_list(data, "genres", "album.genres"),
        tracks=_tracks(check, data.get("tracks")),
        musicbrainz=check.musicbrainz(data, "musicbrainz", "album.musicbrainz"),
        cover=check.text(data, "cover", "album.cover"),
        cover_alt=check.text(data, "cover_alt", "album.cover_alt"),
        links=check.links(data, "links", "album.links"),
    )
    failed = not artist or not title or any(p.severity == ERROR for p in check.problems)
    return (None if failed else album), check.problems


def _year(check: BlockChecker, value, this_year: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        check.error("album.year", f"must be a year like 1959, not {describe(value)}")
        return None
    if value > this_year:
        check.error("album.year", f"{value} is in the future; write the year the album "
                    "came out")
        return None
    if value < OLDEST_YEAR:
        check.error("album.year", f"{value} is before recorded sound; write a year like 1959")
        return None
    return value


def _tracks(check: BlockChecker, value) -> list[Track]:
    if value is None:
        return []
    return [t for t in (_track(check, i, item) for i, item in enumerate(value, 1)) if t]


def _track(check: BlockChecker, position: int, item) -> Track | None:
    name = f"album.tracks[{position}]"
    if isinstance(item, str) and item.strip():
        return Track(position, " ".join(item.split()))
    data = check.mapping(item, name, "{title: So What, length: \"9:22\"}")
    if data is None:
        return None
    title = check.text(data, "title", f"{name}.title")
    seconds = None
    if data.get("length") is not None:
        seconds = parse_length(data["length"])
        if seconds is None:
            check.error(f"{name}.length", f"{shorten(data['length'])} is not a track length; "
                        f"{LENGTH_HINT}")
    artist = check.text(data, "artist", f"{name}.artist")
    return Track(position, title, seconds, artist) if title else None
