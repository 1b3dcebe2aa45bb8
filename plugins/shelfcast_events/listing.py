"""Which events are upcoming and which are past, on the build's date; grouped for the pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from .model import Event, Occurrence


@dataclass(frozen=True)
class Listed:
    """An event with the post it belongs to and the occurrence a listing shows."""

    event: Event
    post: object
    when: Occurrence

    @property
    def month(self) -> str:
        return self.when.start.strftime("%Y-%m")


def next_occurrence(event: Event, now: datetime) -> Occurrence | None:
    """The first occurrence that has not ended yet; None when every one is over."""
    return next((o for o in event.occurrences if o.end > now), None)


def split(entries: list[tuple[Event, object]], now: datetime) -> tuple[list, list]:
    """(upcoming, past): upcoming soonest first, past latest first."""
    upcoming, past = [], []
    for event, post in entries:
        coming = next_occurrence(event, now)
        if coming is not None:
            upcoming.append(Listed(event, post, coming))
        else:
            past.append(Listed(event, post, event.occurrences[-1]))
    upcoming.sort(key=lambda item: (item.when.start, item.event.uid))
    past.sort(key=lambda item: (item.when.start, item.event.uid), reverse=True)
    return upcoming, past


def by_branch(listed: list[Listed]) -> dict[str, list[Listed]]:
    groups = defaultdict(list)
    for item in listed:
        if item.event.branch:
            groups[item.event.branch].append(item)
    return dict(sorted(groups.items()))


def by_month(listed: list[Listed], now: datetime) -> dict[str, list[Listed]]:
    """Every upcoming occurrence of every event, by month ("2026-12"), each month in order."""
    groups = defaultdict(list)
    for item in listed:
        for occurrence in item.event.occurrences:
            if occurrence.end > now:
                groups[occurrence.start.strftime("%Y-%m")].append(
                    Listed(item.event, item.post, occurrence))
    return {month: sorted(items, key=lambda i: (i.when.start, i.event.uid))
            for month, items in sorted(groups.items())}
