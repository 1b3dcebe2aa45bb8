"""What an event is once its front matter has been checked: plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Occurrence:
    """One time the event happens (a recurring event has several)."""

    start: datetime
    end: datetime

    @property
    def last_day(self):
        """The last day an all-day occurrence covers (its end is midnight after it)."""
        return (self.end - timedelta(seconds=1)).date()


@dataclass(frozen=True)
class Event:
    """An event block, checked: times are aware datetimes in the site's time zone."""

    uid: str
    start: datetime
    end: datetime
    all_day: bool = False
    location: str | None = None
    branch: str | None = None          # the key of a LIBRARY branch, when `location` names one
    address: str | None = None
    online_url: str | None = None
    price: str | None = None
    free: bool = False
    registration_url: str | None = None
    registration_deadline: datetime | None = None
    capacity_note: str | None = None
    cancelled: bool = False
    repeat: dict | None = None         # {"freq": "WEEKLY"|"MONTHLY", "interval": n, "until": dt}
    extra_starts: tuple = ()
    occurrences: tuple = field(default=())

    @property
    def duration(self):
        return self.end - self.start

    @property
    def attendance(self) -> str:
        if self.online_url and (self.location or self.address):
            return "mixed"
        return "online" if self.online_url else "offline"
