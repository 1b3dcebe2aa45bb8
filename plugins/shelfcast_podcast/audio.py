"""Facts about one audio file: format, size, duration, title, chapters and embedded cover.

The file is never read whole. MP3 frames are walked through a sliding window (mpeg.py), MP4
boxes are reached by seeking (quicktime.py), and mutagen reads only the tags. Memory stays the
same whatever the episode's length, and a file that is mostly not audio is refused by name.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field

import mutagen
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp4 import MP4, MP4Cover
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from shelfcast_sitekit.mediatypes import extension_for, media_type
from shelfcast_sitekit.urls import safe_url

from . import mpeg, quicktime
from .pictures import Picture, describe

# Format name -> the file extensions that may hold it. A file's type (its enclosure's, its
# <source>'s) is the one media-type table's for its name: what the host serves it as.
FORMATS = {
    "mp3": (".mp3",),
    "m4a": (".m4a", ".m4b", ".mp4", ".aac"),
    "opus": (".opus", ".ogg", ".oga"),
    "ogg": (".ogg", ".oga"),
    "flac": (".flac",),
    "wav": (".wav", ".wave"),
}
APPLE_FORMATS = {"mp3", "m4a"}


def hosted_format(mime: str) -> str:
    """The format name of an enclosure type (audio hosted elsewhere is never read)."""
    given = mime.replace(" ", "").lower()
    for name, extensions in FORMATS.items():
        if media_type(extensions[0]).replace(" ", "") == given:    # the format's own name
            return name
    # Other names feeds give the same audio (audio/mp4, audio/aac, audio/opus): the format
    # whose own extension the one media-type table gives that type.
    bare = given.split(";")[0]
    extension = extension_for(bare)
    return next((name for name, extensions in FORMATS.items() if extensions[0] == extension),
                bare.split("/", 1)[-1])


# An ID3 tag is read whole by mutagen; real ones (with a 3000 px cover) stay far below this.
MAX_ID3_TAG = 64 << 20
HEAD = 4096
MP4_COVER_TYPES = {MP4Cover.FORMAT_JPEG: "image/jpeg", MP4Cover.FORMAT_PNG: "image/png"}


class AudioError(Exception):
    """The file is not usable audio; the message says why in a librarian's words."""


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str
    url: str | None = None
    image: Picture | None = None    # a picture inside the chapter (ID3 CHAP with APIC)


@dataclass(frozen=True)
class AudioFacts:
    format: str
    mime: str
    size: int
    duration: float
    title: str | None = None
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    cover: Picture | None = None    # the picture embedded as the file's cover, if any

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> AudioFacts:
        """Facts read back from the cache, checked as if new (ValueError when they are not
        facts probe() could have found: a cache file is as untrusted as an upload)."""
        fmt, mime, size, duration = (data[k] for k in ("format", "mime", "size", "duration"))
        if fmt not in FORMATS or mime not in map(media_type, FORMATS[fmt]) or not _count(size) \
                or not (_seconds(duration) and 0 < duration <= size):
            raise ValueError("not audio facts")  # a second of audio takes more than a byte
        return cls(fmt, mime, size, duration, _optional_text(data["title"]),
                   tuple(_chapter(c) for c in _listed(data["chapters"])),
                   Picture.from_json(data["cover"]))


def _count(value) -> bool:
    return type(value) is int and value >= 0


def _seconds(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and value >= 0


def _optional_text(value) -> str | None:
    if value is not None and type(value) is not str:
        raise ValueError("not text")
    return value


def _listed(value) -> list:
    if type(value) is not list:
        raise ValueError("not a list")
    return value


def _chapter(data: dict) -> Chapter:
    start, title, url = data["start"], data["title"], data["url"]
    if not _seconds(start) or type(title) is not str or (
            url is not None and not (type(url) is str and _web_address(url))):
        raise ValueError("not a chapter")
    return Chapter(start, title, url, Picture.from_json(data["image"]))


@dataclass(frozen=True)
class Embedded:
    """The bytes of the pictures a file holds, in the order its facts describe them."""

    cover: bytes | None = None
    chapter_images: tuple[bytes | None, ...] = ()


@dataclass
class Tags:
    title: str | None = None
    chapters: list[Chapter] = field(default_factory=list)
    cover: Picture | None = None


def probe(path: str) -> AudioFacts:
    """Read one audio file's facts, a bounded piece at a time; raise AudioError if unusable."""
    name = os.path.basename(path)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            raise AudioError("the file is empty (0 bytes); copy the audio file again")
        window = mpeg.Window(handle, size)
        kind = sniff(window)
        extension = os.path.splitext(name)[1].lower()
        if kind is None:
            raise AudioError(f"is not an audio file (its content is not {_expected(extension)})"
                             "; export the recording again as MP3")
        if extension not in FORMATS[kind]:
            raise AudioError(f"the file is named {extension or 'without extension'} but holds "
                             f"{kind.upper()} audio; rename it to {FORMATS[kind][0]}")
        reader = {"mp3": _mp3, "m4a": _mp4, "opus": _mutagen(OggOpus),
                  "ogg": _mutagen(OggVorbis), "flac": _mutagen(FLAC), "wav": _mutagen(WAVE)}[kind]
        duration, tags = reader(path, handle, window)
    if duration <= 0:
        raise AudioError("holds no audio (duration 0); export the recording again")
    return AudioFacts(kind, media_type(name), size, round(duration, 3), tags.title,
                      tuple(tags.chapters), tags.cover)


def embedded_pictures(path: str, facts: AudioFacts) -> Embedded:
    """The bytes of the cover and chapter images that `facts` describe, read from the tags."""
    if facts.format == "mp3":
        tags = _id3(path)
        if tags is None:
            return Embedded()
        cover = id3_cover(tags)
        return Embedded(cover[0] if cover else None,
                        tuple(getattr(_chapter_apic(chap), "data", None)
                              for chap in _ordered_chaps(tags)))
    if facts.format == "m4a":
        cover = mp4_cover(_mp4_file(path))
        return Embedded(cover[0] if cover else None)
    return Embedded()


def _expected(extension: str) -> str:
    for kind, extensions in FORMATS.items():
        if extension in extensions:
            return f"{kind.upper()} audio"
    return "audio"


def sniff(window: mpeg.Window) -> str | None:
    """Name the format from the file's first bytes (and, for MP3, its first frames)."""
    data = window.read(0, HEAD)
    if data[4:8] == b"ftyp":
        return "m4a"
    if data.startswith(b"OggS"):
        return "opus" if b"OpusHead" in data[:200] else "ogg"
    if data.startswith(b"fLaC"):
        return "flac"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "wav"
    start = mpeg.id3_end(window)
    if start < window.size and mpeg.find_frames(window, start) is not None:
        return "mp3"
    return None


# --- MP3 -------------------------------------------------------------------------------------

def _mp3(path: str, handle, window: mpeg.Window) -> tuple[float, Tags]:
    start = mpeg.id3_end(window)
    if start > MAX_ID3_TAG:
        raise AudioError(f"its ID3 tag is {start >> 20} MB, far more than tags need (a cover "
                         "picture of 3000x3000 pixels is a few MB); save the tags again with a "
                         "smaller cover")
    try:
        stream = mpeg.walk(window, start)
    except mpeg.FramesError as err:
        raise AudioError(str(err)) from None
    tags_at = mpeg.tags_start(window, stream.end)
    if tags_at - stream.end > mpeg.TRAILING_TOLERANCE:
        raise AudioError(mpeg.uncovered_message(stream.end, window.size))
    tags = _id3(path) if start else None
    if tags is None:
        return stream.duration, Tags()
    cover = id3_cover(tags)
    return stream.duration, Tags(_text(tags.get("TIT2")), id3_chapters(tags),
                                 describe(*cover) if cover else None)


def _id3(path: str):
    """The file's ID3v2 tag, or None when it has none."""
    try:
        return ID3(path, load_v1=False)
    except mutagen.id3.ID3NoHeaderError:
        return None
    except mutagen.MutagenError as err:
        raise AudioError(f"its ID3 tag is damaged ({err}); re-save the tags in your "
                         "audio editor") from None


def id3_cover(tags) -> tuple[bytes, str] | None:
    """(bytes, declared MIME type) of the front cover picture (APIC type 3), else the first."""
    pictures = tags.getall("APIC")
    if not pictures:
        return None
    chosen = next((p for p in pictures if p.type == 3), pictures[0])
    return chosen.data, chosen.mime


def _ordered_chaps(tags) -> list:
    """CHAP frames in CTOC order when a table of contents exists, else by start time."""
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    order = []
    for toc in tags.getall("CTOC"):
        order += [element for element in toc.child_element_ids if element in chaps]
    return [chaps[e] for e in order] or sorted(chaps.values(), key=lambda c: c.start_time)


def _chapter_apic(chap):
    """The first picture (APIC sub-frame) inside a CHAP frame, or None."""
    return next((f for f in chap.sub_frames.values() if getattr(f, "FrameID", "") == "APIC"),
                None)


def id3_chapters(tags) -> list[Chapter]:
    """Chapters from CHAP frames, with their link (http and https only) and picture."""
    chapters = []
    for chap in _ordered_chaps(tags):
        sub = chap.sub_frames
        title = _text(sub.get("TIT2")) or chap.element_id
        links = [str(f.url).strip() for f in sub.values()
                 if getattr(f, "FrameID", "") in ("WXXX", "WOAR")]
        # A javascript: or file: link from a tag must never reach a page or an app.
        links = [link for link in links if link.lower().startswith(("http://", "https://"))]
        picture = _chapter_apic(chap)
        chapters.append(Chapter(chap.start_time / 1000, title, links[0] if links else None,
                                describe(picture.data, picture.mime) if picture else None))
    return chapters


def _web_address(url) -> bool:
    """A chapter link from a tag is kept only when it is an http(s) address (no javascript:)."""
    return (safe_url(url) or "").lower().startswith(("http://", "https://"))


def _text(frame) -> str | None:
    if frame is None or not getattr(frame, "text", None):
        return None
    return str(frame.text[0]).strip() or None


# --- MP4 and the rest ------------------------------------------------------------------------

def _mp4(path: str, handle, window: mpeg.Window) -> tuple[float, Tags]:
    try:
        boxes = quicktime.top_level(handle, window.size)
        moov = quicktime.read_moov(handle, boxes)
    except quicktime.BoxError as err:
        raise AudioError(str(err)) from None
    tracks = quicktime.tracks(moov) if moov else []
    unused = quicktime.unused_media(boxes, tracks)
    if unused > quicktime.UNUSED_TOLERANCE:
        raise AudioError(f"audio data fills {window.size - unused:,} bytes but the file is "
                         f"{window.size:,} bytes: the rest is not audio; export the file again")
    audio = _mp4_file(path)
    title = (audio.tags or {}).get("\xa9nam", [None])[0]
    chapter_track = quicktime.chapter_track(tracks)
    if chapter_track is not None:
        found = quicktime.chapter_titles(handle, window.size, chapter_track)
        chapters = [Chapter(round(start, 3), text or f"Chapter {number}")
                    for number, (start, text) in enumerate(found, start=1)]
    else:
        chapters = [Chapter(round(c.start, 3), c.title or f"Chapter {i}")
                    for i, c in enumerate(audio.chapters or [], start=1)]
    cover = mp4_cover(audio)
    return audio.info.length, Tags(title, chapters, describe(*cover) if cover else None)


def _mp4_file(path: str) -> MP4:
    try:
        return MP4(path)
    except mutagen.MutagenError as err:
        raise AudioError(f"is not a readable M4A file ({err}); export it again") from None


def mp4_cover(audio: MP4) -> tuple[bytes, str | None] | None:
    """(bytes, declared MIME type) of the first `covr` picture, if any."""
    covers = (audio.tags or {}).get("covr") or []
    if not covers:
        return None
    return bytes(covers[0]), MP4_COVER_TYPES.get(covers[0].imageformat)


def _mutagen(kind):
    def read(path: str, handle, window: mpeg.Window) -> tuple[float, Tags]:
        try:
            audio = kind(path)
        except mutagen.MutagenError as err:
            raise AudioError(f"is not a readable audio file ({err}); export it again") from None
        titles = (audio.tags or {}).get("title") if kind is not WAVE else None
        return audio.info.length, Tags(titles[0] if titles else None)
    return read
