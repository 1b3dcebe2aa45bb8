"""MPEG audio (MP3) frames, walked through a small window that slides over the file.

Durations come from counting frames rather than from mutagen: mutagen estimates a file without
a Xing/VBRI header from its first frame's bitrate, which is wrong by up to a factor of ten for
VBR audio. The file is never read whole: a window of about a megabyte moves along it, so a
three-hour recording costs no more memory than a jingle, and a file that is mostly zeros is
refused after reading the audio it does hold.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

CHUNK = 1 << 20            # bytes read from the file at a time
SYNC_SEARCH = 65536        # how far past damage we look for frames again
MAX_FRAME = 2881           # the longest MPEG audio frame (Layer II, 160 kbit/s, 8 kHz)
MAX_TAGS_AFTER = 1 << 20   # ID3v1/APE/Lyrics3 tags at the end are this size at most
# Bytes after the last frame that are neither frames nor tags and still accepted: encoders and
# tag editors leave a little padding; anything more is not audio.
TRAILING_TOLERANCE = 4096

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


class FramesError(ValueError):
    """The frames say the file is not usable MP3; the message is in a librarian's words."""


@dataclass(frozen=True)
class Frame:
    length: int
    samples: int
    sample_rate: int


@dataclass(frozen=True)
class Stream:
    """Where the audio frames of a file lie and how much audio they hold."""

    start: int
    end: int          # just after the last frame
    frames: int
    samples: int
    sample_rate: int

    @property
    def duration(self) -> float:
        return self.samples / self.sample_rate


class Window:
    """A bounded view of an open file: at most about CHUNK bytes around the read position."""

    def __init__(self, handle, size: int):
        self.handle, self.size = handle, size
        self.base, self.data = 0, b""

    def at(self, pos: int, length: int) -> tuple[bytes, int]:
        """The window's bytes and pos's index in them; they hold pos..pos+length if the file
        does."""
        end = min(pos + length, self.size)
        if not (self.base <= pos and end <= self.base + len(self.data)):
            self.handle.seek(pos)
            self.data = self.handle.read(max(end - pos, CHUNK))
            self.base = pos
        return self.data, pos - self.base

    def read(self, pos: int, length: int) -> bytes:
        data, index = self.at(pos, length)
        return data[index: index + length]


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


def id3_end(window: Window) -> int:
    """Offset just after the ID3v2 tags at the start of the file (0 when there are none)."""
    pos = 0
    while pos + 10 <= window.size:
        head = window.read(pos, 10)
        if not head.startswith(b"ID3"):
            break
        pos += _id3_length(head)
    return pos


def _id3_length(head: bytes) -> int:
    """Length of the ID3v2 tag whose 10-byte header is head (header and footer included)."""
    return 10 + synchsafe(head[6:10]) + (10 if head[5] & 0x10 else 0)


def synchsafe(four: bytes) -> int:
    size = 0
    for byte in four:
        size = (size << 7) | (byte & 0x7F)
    return size


def find_frames(window: Window, start: int) -> int | None:
    """The first offset within SYNC_SEARCH of start that begins two consecutive valid frames
    (or one frame that ends exactly at the end of the file)."""
    data, index = window.at(start, SYNC_SEARCH + 2 * MAX_FRAME)
    limit = min(len(data), index + SYNC_SEARCH)
    pos = data.find(b"\xff", index, limit)
    while pos != -1:
        frame = parse_header(data, pos)
        if frame is not None:
            following = pos + frame.length
            if window.base + following == window.size or parse_header(data, following):
                return window.base + pos
        pos = data.find(b"\xff", pos + 1, limit)
    return None


def walk(window: Window, start: int) -> Stream:
    """Count every frame from the first one at or after start; raise FramesError."""
    first = find_frames(window, start)
    if first is None:
        raise FramesError("is not an MP3 file (no MPEG audio frames found); export it again "
                          "as MP3")
    data, index = window.at(first, MAX_FRAME)
    header = parse_header(data, index)
    announced = info_frames(data[index: index + header.length])
    pos = first + header.length if announced is not None else first  # Xing frame: no audio
    frames = samples = 0
    end = pos
    while pos < window.size:
        data, index = window.at(pos, 16)
        frame = parse_header(data, index)
        if frame is None and data.startswith(b"ID3", index) and index + 10 <= len(data):
            # A tag inside the stream (files joined end to end) or after it: step over it, so
            # that a cover picture's bytes are never taken for frames.
            tag_end = pos + _id3_length(data[index: index + 10])
            if tag_end > window.size:
                break
            pos = end = tag_end
            continue
        if frame is None:
            found = None if data.startswith(_TRAILERS, index) else find_frames(window, pos + 1)
            if found is None:
                break
            pos = found
            continue
        if pos + frame.length > window.size:
            raise FramesError("the file is cut off in the middle of the audio (truncated); "
                              "copy it again from the original recording")
        frames, samples, pos = frames + 1, samples + frame.samples, pos + frame.length
        end = pos
    if announced and frames < announced * 0.98:
        raise FramesError(f"the file is cut off: its header announces {announced} frames but "
                          f"only {frames} are there; copy it again from the original recording")
    return Stream(first, end, frames, samples, header.sample_rate)


def info_frames(body: bytes) -> int | None:
    """Frame count from a Xing/Info or VBRI header in the first frame, 0 if it has no count,
    None when the frame is ordinary audio."""
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


def tags_start(window: Window, floor: int) -> int:
    """Where the tags appended after the audio begin (ID3v1, APE, Lyrics3, an ID3v2 footer),
    or the file's size when there are none; never below floor."""
    end = window.size
    while end > floor and window.size - end < MAX_TAGS_AFTER:
        start = _tag_ending_at(window, end, floor)
        if start is None:
            break
        end = start
    return end


def _tag_ending_at(window: Window, end: int, floor: int) -> int | None:
    def tail(length: int) -> bytes:
        return window.read(end - length, length) if end - length >= floor else b""

    if tail(128)[:3] == b"TAG":
        return end - 128
    footer = tail(32)
    if footer[:8] == b"APETAGEX":
        size, flags = struct.unpack("<II", footer[12:20])
        start = end - size - (32 if flags & 0x80000000 else 0)
    elif tail(15)[6:] == b"LYRICS200" and tail(15)[:6].isdigit():
        start = end - 15 - int(tail(15)[:6])
    elif tail(10)[:3] == b"3DI":
        start = end - 20 - synchsafe(tail(10)[6:10])
    else:
        return None
    return start if floor <= start < end else None


def uncovered_message(stream_end: int, size: int) -> str:
    return (f"audio frames end at byte {stream_end:,} but the file is {size:,} bytes: the rest "
            "is not audio; export the file again")
