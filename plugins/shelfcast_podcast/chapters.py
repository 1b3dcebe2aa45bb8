"""Chapters: times as librarians write them, and the JSON chapters file (version 1.2.0)."""

from __future__ import annotations

import json
import re

from shelfcast_sitekit.problems import shorten

from .audio import Chapter

TIME = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?$")
TIME_HINT = 'write M:SS or H:MM:SS in quotes, e.g. start: "12:30"'


def parse_time(value) -> float | None:
    """Seconds from "M:SS", "H:MM:SS" (or a number YAML already read as seconds); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        # YAML 1.1 reads an unquoted 1:30 as the base-60 number 90, which is the same time.
        return float(value) if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = TIME.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if hours is not None and int(minutes) > 59:
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0)


def read_chapters(value) -> tuple[list[Chapter], list[str]]:
    """Check a front matter `chapters:` list; return chapters and messages for each mistake."""
    if not isinstance(value, list) or not value:
        return [], ["must be a list of chapters, each with start: and title:, e.g.\n"
                    '  - {start: "0:00", title: Welcome}']
    chapters, errors = [], []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            errors.append(f"chapter {number} must have start: and title:")
            continue
        start = parse_time(item.get("start"))
        title = item.get("title")
        url = item.get("url")
        if start is None:
            errors.append(f"chapter {number}: start {shorten(item.get('start'))} is not a time; "
                          + TIME_HINT)
        if not isinstance(title, str) or not title.strip():
            errors.append(f"chapter {number}: title: is missing; give every chapter a title")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://",
                                                                             "https://"))):
            errors.append(f"chapter {number}: url {shorten(url)} must start with https://")
        if start is None or not isinstance(title, str) or not title.strip():
            continue
        chapters.append(Chapter(start, title.strip(), url if isinstance(url, str) else None))
    return chapters, errors + _order_errors(chapters)


def _order_errors(chapters: list[Chapter]) -> list[str]:
    errors = []
    for before, after in zip(chapters, chapters[1:], strict=False):
        if after.start <= before.start:
            errors.append(f"chapter {shorten(after.title)} starts at {clock(after.start)}, "
                          f"not after {shorten(before.title)} ({clock(before.start)}); "
                          "list chapters in order")
    return errors


def beyond_end(chapters: list[Chapter], duration: float) -> list[str]:
    """Messages for chapters that start after the audio has ended."""
    return [f"chapter {shorten(c.title)} starts at {clock(c.start)} but the audio is only "
            f"{clock(duration)} long" for c in chapters if c.start >= duration]


def clock(seconds: float) -> str:
    """12:05 or 1:02:03, as shown to listeners."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def chapters_json(chapters: list[Chapter], title: str | None = None,
                  images: dict[int, str] | None = None) -> str:
    """The Podcasting 2.0 JSON chapters document, stable for the same chapters.

    images maps a chapter's index to the absolute URL of its picture (`img`)."""
    items = []
    for number, chapter in enumerate(chapters):
        item = {"startTime": _number(chapter.start), "title": chapter.title}
        if images and number in images:
            item["img"] = images[number]
        if chapter.url:
            item["url"] = chapter.url
        items.append(item)
    document = {"version": "1.2.0", "chapters": items}
    if title:
        document["title"] = title
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _number(seconds: float):
    return int(seconds) if float(seconds).is_integer() else round(seconds, 3)


def seconds_text(seconds: float) -> str:
    """2 or 2.5: a time for a #t= media fragment."""
    return str(_number(seconds))
