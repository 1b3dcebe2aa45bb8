"""Week-by-week release: which lessons are out on the build's date, and when the rest come."""

from __future__ import annotations

from datetime import date, timedelta


def release_date(start: date, pace: int, position: int) -> date:
    """The day lesson number `position` (1, 2, ... in order) is released."""
    return start + timedelta(weeks=(position - 1) // pace)


def released(start: date, pace: int, count: int, today: date) -> list[tuple[int, date, bool]]:
    """(position, release date, out yet) for each lesson."""
    return [(n, release_date(start, pace, n), release_date(start, pace, n) <= today)
            for n in range(1, count + 1)]
