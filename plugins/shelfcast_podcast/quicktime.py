"""MP4/M4A boxes read with seeks: the file's layout, its sample tables and QuickTime chapters.

mutagen reads tags, covers and Nero `chpl` chapters, but not the QuickTime chapter track that
Apple's tools (and ffmpeg) write: a text track named by a `chap` reference in another track's
`tref` box, one text sample per chapter. Only the `moov` box is read into memory (its size is
capped); the media data is never read, except the few bytes of each chapter title.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass, field

MAX_MOOV = 64 << 20       # a 10-hour episode's sample tables are a few megabytes
MAX_CHAPTERS = 1000
MAX_TITLE = 4096          # bytes of one chapter title sample read at most
# Media data that no track's samples use, still accepted: muxers pad a little.
UNUSED_TOLERANCE = 1 << 20
MAX_DEPTH = 8             # trak/mdia/minf/stbl is four deep; a deeper nest is not a track
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"tref", b"edts", b"udta"}


class BoxError(ValueError):
    """The box structure says the file is not usable; the message is in a librarian's words."""


@dataclass(frozen=True)
class Box:
    kind: bytes
    start: int
    payload: int     # offset of the payload
    end: int


@dataclass
class Track:
    """One trak box: its id, kind and chapter references, and its sample tables' raw bytes,
    decoded only for the track that needs them (an hour of AAC has 170,000 samples)."""

    track_id: int = 0
    handler: bytes = b""
    timescale: int = 0
    chapter_refs: tuple[int, ...] = ()
    tables: dict[bytes, bytes] = field(default_factory=dict)

    def sizes(self) -> tuple[int, array]:
        """(the size of every sample when they are alike, else 0; each sample's size)."""
        body = self.tables.get(b"stsz", b"")
        if len(body) < 12:
            return 0, array("I")
        fixed, count = struct.unpack(">II", body[4:12])
        if fixed:
            return fixed, array("I", [fixed]) * min(count, MAX_CHAPTERS)
        return 0, _array("I", body[12: 12 + 4 * count])

    def media_bytes(self) -> int:
        body = self.tables.get(b"stsz", b"")
        if len(body) < 12:
            return 0
        fixed, count = struct.unpack(">II", body[4:12])
        return fixed * count if fixed else sum(self.sizes()[1])

    def sample_offsets(self) -> list[int]:
        """File offset of each sample (at most MAX_CHAPTERS), from the chunk offsets and the
        samples-per-chunk runs."""
        sizes = self.sizes()[1]
        offsets = _offsets(self.tables)
        runs = [(first, per) for first, per, _desc in _entries(self.tables.get(b"stsc", b""),
                                                              12, ">III")]
        runs.append((len(offsets) + 1, 0))
        result, sample = [], 0
        for (first, per_chunk), (following, _) in zip(runs, runs[1:], strict=False):
            for chunk in range(max(first, 1), min(following, len(offsets) + 1)):
                pos = offsets[chunk - 1]
                for _ in range(per_chunk):
                    if sample >= min(len(sizes), MAX_CHAPTERS):
                        return result
                    result.append((pos, sizes[sample]))
                    pos += sizes[sample]
                    sample += 1
        return result

    def sample_starts(self) -> list[float]:
        """Start time in seconds of each sample (at most MAX_CHAPTERS)."""
        starts, now = [], 0
        for count, delta in _entries(self.tables.get(b"stts", b""), 8, ">II"):
            for _ in range(min(count, MAX_CHAPTERS - len(starts))):
                starts.append(now / self.timescale if self.timescale else 0.0)
                now += delta
        return starts


def _array(code: str, data: bytes) -> array:
    values = array(code)
    values.frombytes(data[: len(data) // values.itemsize * values.itemsize])
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _offsets(tables: dict[bytes, bytes]) -> array:
    if b"co64" in tables:
        return _array("Q", tables[b"co64"][8:])
    return _array("I", tables.get(b"stco", b"")[8:])


def top_level(handle, size: int) -> list[Box]:
    """The file's top-level boxes; raise BoxError for a cut-off file or data that is no box."""
    boxes, pos = [], 0
    while pos + 8 <= size:
        handle.seek(pos)
        head = handle.read(16)
        length, kind = struct.unpack(">I4s", head[:8])
        header = 8
        if length == 1 and len(head) == 16:
            length, header = struct.unpack(">Q", head[8:16])[0], 16
        elif length == 0:
            length = size - pos
        if length < header or pos + length > size:
            raise BoxError("the file is cut off or damaged (truncated); copy it again from the "
                           "original recording")
        if not _printable(kind):
            raise BoxError(f"audio data ends at byte {pos:,} but the file is {size:,} bytes: "
                           "the rest is not audio; export the file again")
        boxes.append(Box(kind, pos, pos + header, pos + length))
        pos += length
    return boxes


def _printable(kind: bytes) -> bool:
    return all(32 <= byte < 127 for byte in kind)


def children(data: bytes, start: int, end: int) -> list[Box]:
    """The boxes inside data[start:end] (a box's payload), as far as they are whole."""
    boxes, pos = [], start
    while pos + 8 <= end:
        length, kind = struct.unpack(">I4s", data[pos: pos + 8])
        header = 8
        if length == 1 and pos + 16 <= end:
            length, header = struct.unpack(">Q", data[pos + 8: pos + 16])[0], 16
        elif length == 0:
            length = end - pos
        if length < header or pos + length > end:
            break
        boxes.append(Box(kind, pos, pos + header, pos + length))
        pos += length
    return boxes


def read_moov(handle, boxes: list[Box]) -> bytes | None:
    """The moov box's bytes (None when the file has none); raise BoxError when it is huge."""
    moov = next((b for b in boxes if b.kind == b"moov"), None)
    if moov is None:
        return None
    if moov.end - moov.start > MAX_MOOV:
        raise BoxError(f"its index (moov box) is {(moov.end - moov.start) >> 20} MB, more than "
                       "any audio file needs; export the file again")
    handle.seek(moov.start)
    return handle.read(moov.end - moov.start)


def tracks(moov: bytes) -> list[Track]:
    """Every track in a moov box, with the tables we use."""
    found = []
    for trak in children(moov, 8, len(moov)):
        if trak.kind == b"trak":
            track = Track()
            _fill(track, moov, trak)
            found.append(track)
    return found


def _fill(track: Track, data: bytes, box: Box, depth: int = 0) -> None:
    for child in children(data, box.payload, box.end):
        body = data[child.payload: child.end]
        if child.kind in CONTAINERS and depth < MAX_DEPTH:
            _fill(track, data, child, depth + 1)
        elif child.kind == b"chap" and box.kind == b"tref":
            track.chapter_refs = tuple(_array("I", body))
        elif child.kind == b"tkhd":
            track.track_id = _field(body, 20 if body[:1] == b"\x01" else 12)
        elif child.kind == b"mdhd":
            track.timescale = _field(body, 20 if body[:1] == b"\x01" else 12)
        elif child.kind == b"hdlr":
            track.handler = body[8:12]
        elif child.kind in (b"stts", b"stsz", b"stsc", b"stco", b"co64"):
            track.tables[child.kind] = body


def _field(body: bytes, at: int) -> int:
    return struct.unpack(">I", body[at: at + 4])[0] if len(body) >= at + 4 else 0


def _entries(body: bytes, width: int, fmt: str) -> list:
    """The first MAX_CHAPTERS entries of a full box's table (version, flags, count, entries)."""
    if len(body) < 8:
        return []
    count = min(struct.unpack(">I", body[4:8])[0], (len(body) - 8) // width, MAX_CHAPTERS)
    return list(struct.iter_unpack(fmt, body[8: 8 + count * width]))


def chapter_track(all_tracks: list[Track]) -> Track | None:
    """The text track another track names as its chapters (tref/chap), if any."""
    by_id = {t.track_id: t for t in all_tracks}
    for track in all_tracks:
        for ref in track.chapter_refs:
            target = by_id.get(ref)
            if target is not None and target.handler in (b"text", b"sbtl"):
                return target
    return None


def chapter_titles(handle, size: int, track: Track) -> list[tuple[float, str]]:
    """(start in seconds, title) of each text sample, reading only the samples' bytes."""
    result = []
    starts = track.sample_starts()
    for number, (offset, length) in enumerate(track.sample_offsets()):
        if number >= len(starts) or offset + length > size:
            break
        handle.seek(offset)
        sample = handle.read(min(length, MAX_TITLE))
        result.append((starts[number], text_sample(sample)))
    return result


def text_sample(sample: bytes) -> str:
    """The text of a QuickTime text sample: a 16-bit length, then UTF-8 or UTF-16 with BOM."""
    if len(sample) < 2:
        return ""
    length = struct.unpack(">H", sample[:2])[0]
    text = sample[2: 2 + length]
    if text.startswith((b"\xfe\xff", b"\xff\xfe")):
        return text.decode("utf-16", errors="replace").strip()
    return text.decode("utf-8", errors="replace").strip()


def unused_media(boxes: list[Box], all_tracks: list[Track]) -> int:
    """Bytes of media data (mdat) that no track's samples use; 0 for fragmented files."""
    if any(b.kind == b"moof" for b in boxes):
        return 0
    media = sum(b.end - b.payload for b in boxes if b.kind == b"mdat")
    return max(0, media - sum(t.media_bytes() for t in all_tracks))
