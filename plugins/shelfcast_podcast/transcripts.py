"""WebVTT and SRT transcripts: checked for podcast apps, turned into text for the episode page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from shelfcast_sitekit.frontmatter import CONTROL_CHARACTER, control_character_message
from shelfcast_sitekit.mediatypes import bare_type
from shelfcast_sitekit.problems import shorten

# podcast:transcript names the bare type (no charset); both come from the one table.
MIME_TYPES = {extension: bare_type(extension) for extension in (".vtt", ".srt")}
_VTT_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_SRT_TIME = r"(\d+):([0-5]\d):([0-5]\d),(\d{3})"
VTT_TIMING = re.compile(rf"^{_VTT_TIME}\s+-->\s+{_VTT_TIME}(?:\s+.*)?$")
SRT_TIMING = re.compile(rf"^{_SRT_TIME}\s+-->\s+{_SRT_TIME}(?:\s+.*)?$")
VOICE = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>")
TAG = re.compile(r"</?[^>]+>")


class TranscriptError(Exception):
    """Not a valid transcript; the message names the line and the fix."""


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    speaker: str | None = None


def parse_transcript(data: bytes, extension: str) -> list[Cue]:
    """Parse a .vtt or .srt file's bytes into cues; raise TranscriptError when it is invalid."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TranscriptError("is not UTF-8 text; save it again as UTF-8") from None
    control = CONTROL_CHARACTER.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise TranscriptError(control_character_message(control.group(), line))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues = _vtt(lines) if extension == ".vtt" else _srt(lines)
    if not cues:
        raise TranscriptError("holds no cues (timed lines like 00:00:01.000 --> 00:00:04.000)")
    return cues


def _blocks(lines: list[str], first: int):
    """Yield (line number, lines) for each block of non-empty lines."""
    block, start = [], None
    for number, line in enumerate(lines[first:], start=first + 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _vtt(lines: list[str]) -> list[Cue]:
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise TranscriptError("line 1 must be WEBVTT; a WebVTT transcript starts with that "
                              "line (is it an SRT file? then name it .srt)")
    cues = []
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    for number, block in _blocks(lines, header_end):
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        if "-->" not in block[0]:
            block, number = block[1:], number + 1
        if not block:
            raise TranscriptError(f"line {number}: a cue needs a timing line")
        cues.append(_cue(block, number, VTT_TIMING, "00:00:01.000 --> 00:00:04.000"))
    return cues


def _srt(lines: list[str]) -> list[Cue]:
    cues = []
    for number, block in _blocks(lines, 0):
        if not block[0].strip().isdigit():
            raise TranscriptError(f"line {number}: an SRT cue starts with its number "
                                  "(1, 2, 3...); is this a WebVTT file? then name it .vtt")
        if len(block) < 2:
            raise TranscriptError(f"line {number}: cue {block[0].strip()} has no timing line")
        cues.append(_cue(block[1:], number + 1, SRT_TIMING, "00:00:01,000 --> 00:00:04,000"))
    return cues


def _cue(block: list[str], number: int, timing: re.Pattern, example: str) -> Cue:
    match = timing.match(block[0].strip())
    if not match:
        raise TranscriptError(f"line {number}: {shorten(block[0].strip())} is not a timing line; "
                              f"write it like {example}")
    groups = match.groups()
    start, end = _seconds(groups[:4]), _seconds(groups[4:])
    if end < start:
        raise TranscriptError(f"line {number}: the cue ends before it starts")
    raw = " ".join(line.strip() for line in block[1:])
    voice = VOICE.match(raw)
    text = html.unescape(TAG.sub("", raw)).strip()
    return Cue(start, end, text, voice.group(1).strip() if voice else None)


def _seconds(parts) -> float:
    hours, minutes, seconds, millis = parts
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
