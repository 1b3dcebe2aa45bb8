"""Facts about one audio file: format, size, duration, title and chapters.

Each file is read once, into memory, and every parser works on those bytes. MP3 durations come
from counting frames rather than from mutagen: mutagen estimates a file without a Xing/VBRI
header from its first frame's bitrate, which is wrong by up to a factor of ten for VBR audio.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import asdict, dataclass, field

import mutagen
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from sitekit.urls import safe_url

# Format name -> (enclosure MIME type, file extensions that may hold it).
FORMATS = {
    "mp3": ("audio/mpeg", (".mp3",)),
    "m4a": ("audio/x-m4a", (".m4a", ".m4b", ".mp4", ".aac")),
    "opus": ("audio/opus", (".opus", ".ogg", ".oga")),
    "ogg": ("audio/ogg", (".ogg", ".oga")),
    "flac": ("audio/flac", (".flac",)),
    "wav": ("audio/wav", (".wav", ".wave")),
}
APPLE_FORMATS = {"mp3", "m4a"}


class AudioError(Exception):
    """The file is not usable audio; the message says why in a librarian's words."""


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str
    url: str | None = None


@dataclass(frozen=True)
class AudioFacts:
    format: str
    mime: str
    size: int
    duration: float
    title: str | None = None
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> AudioFacts:
        chapters = tuple(Chapter(**c) for c in data.get("chapters", ()))
        return cls(**{**data, "chapters": chapters})


def probe(path: str) -> AudioFacts:
    """Read one audio file and return its facts; raise AudioError for unusable files."""
    with open(path, "rb") as handle:
        data = handle.read()
    return probe_bytes(data, os.path.basename(path))


def probe_bytes(data: bytes, name: str) -> AudioFacts:
    if not data:
        raise AudioError("the file is empty (0 bytes); copy the audio file again")
    kind = sniff(data)
    extension = os.path.splitext(name)[1].lower()
    if kind is None:
        raise AudioError(f"is not an audio file (its content is not {_expected(extension)}); "
                         "export the recording again as MP3")
    if extension not in FORMATS[kind][1]:
        raise AudioError(f"the file is named {extension or 'without extension'} but holds "
                         f"{kind.upper()} audio; rename it to {FORMATS[kind][1][0]}")
    reader = {"mp3": _mp3, "m4a": _mp4, "opus": _mutagen(OggOpus), "ogg": _mutagen(OggVorbis),
              "flac": _mutagen(FLAC), "wav": _mutagen(WAVE)}[kind]
    duration, title, chapters = reader(data)
    if duration <= 0:
        raise AudioError("holds no audio (duration 0); export the recording again")
    return AudioFacts(kind, FORMATS[kind][0], len(data), round(duration, 3), title,
                      tuple(chapters))


def _expected(extension: str) -> str:
    for kind, (_mime, extensions) in FORMATS.items():
        if extension in extensions:
            return f"{kind.upper()} audio"
    return "audio"


def sniff(data: bytes) -> str | None:
    """Name the format from the file's first bytes."""
    if data[4:8] == b"ftyp":
        return "m4a"
    if data.startswith(b"OggS"):
        return "opus" if b"OpusHead" in data[:200] else "ogg"
    if data.startswith(b"fLaC"):
        return "flac"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "wav"
    start = id3_end(data)
    if first_frame(data, start) is not None:
        return "mp3"
    return None


# --- MP3 -------------------------------------------------------------------------------------

_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_BITRATES[(2, 3)] = _BITRATES[(2, 2)]
_SAMPLE_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 3: (11025, 12000, 8000)}
_VERSIONS = {3: 1, 2: 2, 0: 3}  # header bits -> MPEG 1, 2, 2.5 (3 stands for 2.5 here)
_LAYERS = {3: 1, 2: 2, 1: 3}
_TRAILERS = (b"TAG", b"APETAGEX", b"LYRICSBEGIN")


@dataclass(frozen=True)
class Frame:
    length: int
    samples: int
    sample_rate: int


def parse_header(data: bytes, pos: int) -> Frame | None:
    """The MPEG audio frame starting at pos, or None when there is no valid header."""
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return None
    b1, b2 = data[pos + 1], data[pos + 2]
    version, layer = _VERSIONS.get((b1 >> 3) & 3), _LAYERS.get((b1 >> 1) & 3)
    bitrate_index, rate_index, padding = b2 >> 4, (b2 >> 2) & 3, (b2 >> 1) & 1
    if version is None or layer is None or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _BITRATES[(min(version, 2), layer)][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    if layer == 1:
        return Frame((12 * bitrate // rate + padding) * 4, 384, rate)
    if layer == 3 and version != 1:
        return Frame(72 * bitrate // rate + padding, 576, rate)
    return Frame(144 * bitrate // rate + padding, 1152, rate)


def id3_end(data: bytes) -> int:
    """Offset just after any ID3v2 tags (and zero padding) at the start of the file."""
    pos = 0
    while data.startswith(b"ID3", pos) and pos + 10 <= len(data):
        size = 0
        for byte in data[pos + 6: pos + 10]:
            size = (size << 7) | (byte & 0x7F)
        footer = 10 if data[pos + 5] & 0x10 else 0
        pos += 10 + size + footer
    while pos < len(data) and data[pos] == 0:
        pos += 1
    return pos


def first_frame(data: bytes, start: int, limit: int = 65536) -> int | None:
    """The first offset from start that begins two consecutive valid frames."""
    end = min(len(data), start + limit)
    pos = data.find(b"\xff", start, end)
    while pos != -1:
        frame = parse_header(data, pos)
        if frame is not None:
            following = pos + frame.length
            if following == len(data) or parse_header(data, following) is not None:
                return pos
        pos = data.find(b"\xff", pos + 1, end)
    return None


def count_frames(data: bytes) -> tuple[float, int]:
    """Return (duration in seconds, frames) by walking every frame; raise for a cut-off file."""
    pos = first_frame(data, id3_end(data))
    if pos is None:
        raise AudioError("is not an MP3 file (no MPEG audio frames found); export it again as MP3")
    xing_frames = _info_frames(data, pos)
    frames = samples = 0
    rate = parse_header(data, pos).sample_rate
    if xing_frames is not None:
        pos += parse_header(data, pos).length  # the Xing/Info frame carries no audio
    while pos + 4 <= len(data):
        frame = parse_header(data, pos)
        if frame is None:
            if data.startswith(_TRAILERS, pos):
                break
            pos = first_frame(data, pos + 1)
            if pos is None:
                break
            continue
        if pos + frame.length > len(data):
            raise AudioError("the file is cut off in the middle of the audio (truncated); "
                             "copy it again from the original recording")
        frames, samples, pos = frames + 1, samples + frame.samples, pos + frame.length
    if xing_frames and frames < xing_frames * 0.98:
        raise AudioError(f"the file is cut off: its header announces {xing_frames} frames but "
                         f"only {frames} are there; copy it again from the original recording")
    return samples / rate, frames


def _info_frames(data: bytes, pos: int) -> int | None:
    """Frame count from a Xing/Info or VBRI header in the first frame, 0 if it has none."""
    frame = parse_header(data, pos)
    body = data[pos: pos + frame.length]
    for marker in (b"Xing", b"Info"):
        at = body.find(marker, 4, 64)
        if at != -1:
            flags = struct.unpack(">I", body[at + 4: at + 8])[0] if len(body) >= at + 8 else 0
            if flags & 1 and len(body) >= at + 12:
                return struct.unpack(">I", body[at + 8: at + 12])[0]
            return 0
    if body[36:40] == b"VBRI" and len(body) >= 54:
        return struct.unpack(">I", body[50:54])[0]
    return None


def _mp3(data: bytes):
    duration, _frames = count_frames(data)
    title, chapters = None, []
    if data.startswith(b"ID3"):
        try:
            tags = ID3(io.BytesIO(data))
        except mutagen.MutagenError as err:
            raise AudioError(f"its ID3 tag is damaged ({err}); re-save the tags in your "
                             "audio editor") from None
        title = _text(tags.get("TIT2"))
        chapters = id3_chapters(tags)
    return duration, title, chapters


def id3_chapters(tags) -> list[Chapter]:
    """Chapters from CHAP frames, in CTOC order when a table of contents exists."""
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    order = []
    for toc in tags.getall("CTOC"):
        order += [element for element in toc.child_element_ids if element in chaps]
    ordered = [chaps[e] for e in order] or sorted(chaps.values(), key=lambda c: c.start_time)
    chapters = []
    for chap in ordered:
        sub = chap.sub_frames
        title = _text(sub.get("TIT2")) or chap.element_id
        links = [f.url for f in sub.values() if getattr(f, "FrameID", "") in ("WXXX", "WOAR")
                 and _web_address(f.url)]
        chapters.append(Chapter(chap.start_time / 1000, title, links[0] if links else None))
    return chapters


def _web_address(url) -> bool:
    """A chapter link from a tag is kept only when it is an http(s) address (no javascript:)."""
    return (safe_url(url) or "").lower().startswith(("http://", "https://"))


def _text(frame) -> str | None:
    if frame is None or not getattr(frame, "text", None):
        return None
    return str(frame.text[0]).strip() or None


# --- MP4 and the rest ------------------------------------------------------------------------

def _mp4(data: bytes):
    check_atoms(data)
    try:
        audio = MP4(io.BytesIO(data))
    except mutagen.MutagenError as err:
        raise AudioError(f"is not a readable M4A file ({err}); export it again") from None
    title = (audio.tags or {}).get("\xa9nam", [None])[0]
    chapters = [Chapter(round(c.start, 3), c.title or f"Chapter {i}")
                for i, c in enumerate(audio.chapters or [], start=1)]
    return audio.info.length, title, chapters


def check_atoms(data: bytes) -> None:
    """Walk the top-level MP4 boxes; a box reaching past the end means a cut-off file."""
    pos = 0
    while pos + 8 <= len(data):
        size = struct.unpack(">I", data[pos: pos + 4])[0]
        if size == 1 and pos + 16 <= len(data):
            size = struct.unpack(">Q", data[pos + 8: pos + 16])[0]
        elif size == 0:
            size = len(data) - pos
        if size < 8 or pos + size > len(data):
            raise AudioError("the file is cut off or damaged (truncated); copy it again from "
                             "the original recording")
        pos += size


def _mutagen(kind):
    def read(data: bytes):
        try:
            audio = kind(io.BytesIO(data))
        except mutagen.MutagenError as err:
            raise AudioError(f"is not a readable audio file ({err}); export it again") from None
        titles = (audio.tags or {}).get("title") if kind is not WAVE else None
        return audio.info.length, (titles[0] if titles else None), []
    return read
