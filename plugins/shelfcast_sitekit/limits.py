"""Bounded work: the site kit's limits (the SITEKIT setting) and the checks that keep to them.

A build must end in seconds with a message whatever a file holds: a 50 MB Markdown file is
refused from its size on disk before it is read, and a list nested 2,000 deep (which
Python-Markdown takes minutes and gigabytes to render) is refused before rendering.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from contextlib import contextmanager

from .problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
SETTING = "SITEKIT"
DEFAULT_MAX_TEXT_BYTES = 2_000_000
DEFAULTS = {
    # Largest Markdown or YAML file the build reads; a long post is about 50 KB.
    "max_text_bytes": DEFAULT_MAX_TEXT_BYTES,
    # Largest YAML: a front matter or show.yaml; a 300-track playlist is about 30 KB.
    "max_yaml_bytes": 200_000,
    # Deepest nesting of lists, block quotes and YAML values; real posts use 3 or 4.
    "max_nesting": 50,
    # Longest a Markdown file may take to read and render; a long post takes well under 1 s,
    # while Python-Markdown needs minutes for 5 KB of '[' (its inline patterns backtrack).
    "max_render_seconds": 5,
    # Most pixels a picture may have: decoding costs 4 bytes a pixel, and a 500 KB PNG can
    # declare 169 million of them. A 48-megapixel phone photo is within it.
    "max_image_pixels": 50_000_000,
    # Largest self-hosted video; ten minutes of 720p H.264 is about 50 MB.
    "max_video_bytes": 500_000_000,
}
# SITEKIT keys another part of the site kit reads and checks (sanitise.py: the HTML allowlist).
CHECKED_ELSEWHERE = ("html_allow",)
HELP = {
    "max_text_bytes": "a whole number of bytes, e.g. 2_000_000",
    "max_yaml_bytes": "a whole number of bytes, e.g. 200_000",
    "max_nesting": "a whole number of levels, e.g. 50",
    "max_render_seconds": "a number of seconds, e.g. 5",
    "max_image_pixels": "a whole number of pixels, e.g. 50_000_000",
    "max_video_bytes": "a whole number of bytes, e.g. 500_000_000",
}


def read_limits(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """The SITEKIT setting merged over the defaults, with one problem per wrong key."""
    given = settings.get(SETTING) or {}
    if not isinstance(given, dict):
        return dict(DEFAULTS), [ContentProblem(SETTINGS_FILE, None, SETTING,
            "must be a dict, e.g. SITEKIT = {\"max_text_bytes\": 2_000_000}")]
    limits, problems = dict(DEFAULTS), []
    for key, value in given.items():
        if key in CHECKED_ELSEWHERE:
            continue
        if key not in DEFAULTS:
            problems.append(ContentProblem(SETTINGS_FILE, None, SETTING,
                f"{key!s:.40} is not a site kit setting; known: "
                f"{', '.join([*DEFAULTS, *CHECKED_ELSEWHERE])}"))
        elif isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES.get(key, int)) \
                or value <= 0:
            problems.append(ContentProblem(SETTINGS_FILE, None, SETTING,
                f"{key} must be {HELP[key]}"))
        else:
            limits[key] = value
    return limits, problems


_NUMBER_TYPES = {"max_render_seconds": (int, float)}


def limits_of(settings: dict) -> dict:
    """The limits for this build (validated in `initialized`; defaults if that has not run)."""
    return read_limits(settings)[0]


class TooSlow(BaseException):
    """The work inside `time_limit` ran over its time.

    A BaseException, so that no `except Exception` inside Markdown or an extension swallows it
    and lets the work run on.
    """


@contextmanager
def time_limit(seconds: float):
    """Interrupt the work inside after `seconds` by raising TooSlow.

    Uses SIGALRM, which only the main thread may handle (Pelican reads files there); in any
    other thread the work runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_signum, _frame):
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def too_slow(shown: str, seconds: float) -> ContentProblem:
    return ContentProblem(shown, None, None,
        f"takes more than {seconds:g} s to read and render; look for a long run of [, < or * "
        "characters (put pasted code or data in a ``` code block), or raise "
        "SITEKIT[\"max_render_seconds\"] in pelicanconf.py")


def read_text_file(path: str, shown: str, max_bytes: int,
                   setting: str = "max_text_bytes") -> tuple[bytes | None, list]:
    """Read a whole text file only when its size on disk is within the limit.

    Every Markdown and YAML file the build reads comes through here: a 1 GB comment or
    programme.yaml is refused from its size, never read. `setting` is the SITEKIT key that
    holds the limit, for the message.
    """
    size = os.stat(path).st_size
    if size > max_bytes:
        return None, [too_big(shown, size, max_bytes, setting)]
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)  # the file may grow between stat and read
    if len(data) > max_bytes:
        return None, [too_big(shown, len(data), max_bytes, setting)]
    return data, []


def too_big(shown: str, size: int, max_bytes: int,
            setting: str = "max_text_bytes") -> ContentProblem:
    return ContentProblem(shown, None, None,
        f"the file is {_megabytes(size)}, more than the {_megabytes(max_bytes)} a text file "
        f"may be; split it into several files, or raise SITEKIT[\"{setting}\"] in "
        "pelicanconf.py")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# What opens a line: quote marks and list markers, each one level ('> - 1. text').
BLOCK_MARKERS = re.compile(r"(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))*")
MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")


def nesting_problems(shown: str, text: str, first_line: int, max_nesting: int) -> list:
    """Refuse lists and block quotes nested deeper than the limit, before Markdown sees them.

    Depth is counted from the text: each quote mark or list marker that opens a line and each
    4 columns of indentation (Markdown's tab width) is one level. Closed code fences are
    skipped (an unclosed one is Markdown text, so it is counted).
    """
    for number, line in _outside_fences(text.splitlines(), first_line):
        depth = _depth(line)
        if depth > max_nesting:
            return [ContentProblem(shown, number, None,
                f"lists or quotes are nested {depth} levels deep here, more than the "
                f"{max_nesting} the build allows; flatten the list (or raise "
                "SITEKIT[\"max_nesting\"] in pelicanconf.py)")]
    return []


def _outside_fences(lines: list[str], first_line: int):
    """(line number, line) for every line not inside a closed ``` or ~~~ fence."""
    fence, fenced = None, []
    for number, line in enumerate(lines, start=first_line):
        opened = FENCE.match(line)
        if fence is None and opened:
            fence, fenced = opened.group(1), [(number, line)]
        elif fence is not None:
            fenced.append((number, line))
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence, fenced = None, []
        else:
            yield number, line
    yield from fenced


def _depth(line: str) -> int:
    line = line.expandtabs(4)
    indent = len(line) - len(line.lstrip(" "))
    markers = BLOCK_MARKERS.match(line).group()
    return indent // 4 + len(MARKER.findall(markers))
