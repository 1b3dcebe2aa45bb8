"""The `playlist:` block of a post: checked and turned into a Playlist (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from shelfcast_sitekit.problems import ERROR, shorten
from shelfcast_sitekit.schemacheck import Where, value_problems

from .declarations import PLAYLIST
from .durations import LENGTH_HINT, clock, parse_length
from .fields import BlockChecker


@dataclass(frozen=True)
class Entry:
    """One song on a playlist; `album` and `ean`/`faust` lead to the library's copy."""

    position: int
    artist: str
    title: str
    album: str | None = None
    ean: str | None = None
    faust: str | None = None
    seconds: int | None = None

    @property
    def length(self) -> str:
        return clock(self.seconds) if self.seconds is not None else ""

    @property
    def identifier(self) -> str | None:
        if self.faust:
            return f"faust:{self.faust}"
        return f"ean:{self.ean}" if self.ean else None


@dataclass
class Playlist:
    title: str
    tracks: list[Entry] = field(default_factory=list)
    description: str | None = None

    @property
    def artists(self) -> list[str]:
        return list(dict.fromkeys(entry.artist for entry in self.tracks))


def parse_playlist(block, path: str, line: int | None, default_title: str | None = None):
    """Check a playlist block; return (Playlist or None, problems).

    The schema (declarations.PLAYLIST) has checked the block's fields when the post was read:
    a block it refuses makes no playlist; its problems, returned here too, are the same ones
    (the build's log keeps one of each). Left here: the barcodes' check digits, a length
    YAML read as seconds, and an empty track list (the schema has no fewest-items rule)."""
    where = Where(path, {"playlist": line}, "", True)
    problems = value_problems(PLAYLIST, block, where, "playlist")
    if problems:
        return None, problems
    check = BlockChecker(path, line)
    data = check.mapping(block, "playlist", "'title: ...' and 'tracks:' on indented lines")
    if data is None:
        return None, check.problems
    title = check.text(data, "title", "playlist.title") or default_title
    tracks = _entries(check, data.get("tracks"))
    playlist = Playlist(title or "", tracks, check.text(data, "description",
                                                         "playlist.description"))
    if any(p.severity == ERROR for p in check.problems):
        return None, check.problems
    return playlist, check.problems


def _entries(check: BlockChecker, value) -> list[Entry]:
    if not value:  # the schema has checked it is a list; it has no fewest-items rule
        check.error("playlist.tracks", "is empty; list the songs, one per line, like "
                    "- {artist: Nina Simone, title: Feeling Good}")
        return []
    return [e for e in (_entry(check, i, item) for i, item in enumerate(value, 1)) if e]


def _entry(check: BlockChecker, position: int, item) -> Entry | None:
    name = f"playlist.tracks[{position}]"
    data = check.mapping(item, name, "{artist: Nina Simone, title: Feeling Good}")
    if data is None:
        return None
    artist = check.text(data, "artist", f"{name}.artist")
    title = check.text(data, "title", f"{name}.title")
    seconds = None
    if data.get("length") is not None:
        seconds = parse_length(data["length"])
        if seconds is None:
            check.error(f"{name}.length", f"{shorten(data['length'])} is not a track length; "
                        f"{LENGTH_HINT}")
    entry = Entry(position, artist or "", title or "",
                  album=check.text(data, "album", f"{name}.album"),
                  ean=check.ean(data, "ean", f"{name}.ean"),
                  faust=check.identifier(data, "faust", f"{name}.faust"), seconds=seconds)
    return entry if artist and title else None
