"""Expand a recurring event into its dates, in local wall-clock time (19:00 stays 19:00 across
daylight saving time)."""

from __future__ import annotations

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

from .model import Occurrence

MAX_OCCURRENCES = 400
FREQUENCIES = {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY}


def expand(event) -> list[Occurrence]:
    """Every occurrence of the event, first first; at most MAX_OCCURRENCES + 1 are computed."""
    zone = event.start.tzinfo
    naive_start = event.start.replace(tzinfo=None)
    starts = [naive_start]
    if event.repeat:
        until = event.repeat["until"].replace(tzinfo=None)
        rule = rrule(FREQUENCIES[event.repeat["freq"]], interval=event.repeat["interval"],
                     dtstart=naive_start, until=until)
        starts = []
        for moment in rule:
            starts.append(moment)
            if len(starts) > MAX_OCCURRENCES:
                break
    starts += [moment.replace(tzinfo=None) for moment in event.extra_starts]
    duration = event.end - event.start
    return [Occurrence(s.replace(tzinfo=zone), s.replace(tzinfo=zone) + duration)
            for s in sorted(set(starts))]
