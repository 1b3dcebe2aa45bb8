"""Opening hours: a regular week plus dated exceptions (holidays, summer hours). Pure functions.

Written in settings as

    {"regular": {"mon": "10:00-18:00", "sat": "10:00-12:00, 13:00-15:00", "sun": "closed"},
     "exceptions": [{"date": "2026-12-24", "hours": "closed", "note": "Christmas Eve"},
                    {"from": "2026-07-01", "to": "2026-07-31", "hours": "12:00-17:00"}]}

A day missing from "regular" is closed. When exceptions overlap, the one listed first wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED = "closed"
# "10:00-18:00", "10.00–18.00" or "10-18": minutes optional, en dash or hyphen.
INTERVAL = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$")


@dataclass(frozen=True)
class Interval:
    opens: str   # "HH:MM"
    closes: str  # "HH:MM"

    def __str__(self) -> str:
        return f"{self.opens}–{self.closes}"


@dataclass(frozen=True)
class SpecialHours:
    """Different hours from `first` to `last` (inclusive); no intervals means closed."""

    first: date
    last: date
    intervals: tuple[Interval, ...]
    note: str = ""


@dataclass(frozen=True)
class OpeningHours:
    regular: dict  # day ("mon"...) -> tuple[Interval, ...]; a missing day is closed
    exceptions: tuple[SpecialHours, ...] = ()


@dataclass(frozen=True)
class DayHours:
    """What a reader needs for one day: the intervals (none: closed) and why it differs."""

    day: date
    intervals: tuple[Interval, ...]
    note: str = ""
    exceptional: bool = False

    @property
    def closed(self) -> bool:
        return not self.intervals

    def __str__(self) -> str:
        return ", ".join(str(i) for i in self.intervals)


def parse_intervals(text) -> tuple[tuple[Interval, ...], str | None]:
    """"10:00-18:00" or "10-12, 13-18" style text (or "closed"): intervals, or a problem."""
    if text is None or (isinstance(text, str) and text.strip().lower() == CLOSED):
        return (), None
    if not isinstance(text, str):
        return (), f"{text!r} is not opening hours; write e.g. \"10:00-18:00\" or \"closed\""
    intervals = []
    for part in text.split(","):
        match = INTERVAL.match(part)
        if match is None:
            return (), (f"{part.strip()!r} is not a time span; write e.g. \"10:00-18:00\", "
                        "\"10:00-12:00, 13:00-18:00\" or \"closed\"")
        h1, m1, h2, m2 = (int(g or 0) for g in match.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59 or (h1, m1) >= (h2, m2):
            return (), f"{part.strip()!r}: the opening time must come before the closing time"
        intervals.append(Interval(f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"))
    return tuple(intervals), None


def hours_on(hours: OpeningHours, day: date) -> DayHours:
    """The hours of one date: the first exception covering it, else the regular weekday."""
    for exception in hours.exceptions:
        if exception.first <= day <= exception.last:
            return DayHours(day, exception.intervals, exception.note, True)
    return DayHours(day, hours.regular.get(DAYS[day.weekday()], ()))


def next_exceptions(hours: OpeningHours, today: date, days: int = 60) -> list[SpecialHours]:
    """Exceptions still to come or in force today within `days`, soonest first."""
    horizon = today + timedelta(days=days)
    return sorted((e for e in hours.exceptions if e.last >= today and e.first <= horizon),
                  key=lambda e: (e.first, e.last))
