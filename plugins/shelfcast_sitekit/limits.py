"""Bounded work: the site kit's limits (the SITEKIT setting, declarations.py) and the checks
that keep to them; and the same setting's build options (`sitekit_option`).

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

from .declarations import SETTINGS
from .pluginsettings import read_block
from .problems import ContentProblem

BLOCK = next(block for block in SETTINGS if block.name == "SITEKIT")
SETTING = BLOCK.name
# The limits' defaults (declarations.py); the rest of the same setting is html_allow
# (sanitise.py's) and the build's options (`sitekit_option`).
DEFAULTS = {name: value for name, value in BLOCK.defaults().items() if name.startswith("max_")}
DEFAULT_MAX_TEXT_BYTES = DEFAULTS["max_text_bytes"]


def read_limits(settings: dict) -> tuple[dict, list[ContentProblem]]:
    """The SITEKIT setting merged over the defaults, with one problem per wrong key."""
    limits, problems = read_block(BLOCK, settings)
    return {name: limits[name] for name in DEFAULTS}, problems


def sitekit_option(settings: dict, name: str):
    """One build option of the SITEKIT setting (read_cache, page_cache, read_workers,
    render_workers): the library's value when it is right, else the default (the wrong value
    is reported once, when the build starts, with every other settings problem)."""
    return read_block(BLOCK, settings)[0][name]


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
