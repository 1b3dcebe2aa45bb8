"""iCalendar (RFC 5545) files: one event, a branch's events, every upcoming event.

Built with the icalendar package (a maintained RFC 5545 implementation: line folding,
escaping and VTIMEZONE generation are easy to get subtly wrong by hand). Output is
deterministic: the same events and build time give the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from .model import Event

PRODID = "-//Shelfcast//Library events//EN"


def calendar_bytes(entries: list[tuple[Event, str, str, str, datetime]], name: str) -> bytes:
    """A calendar of (event, title, summary, page url, last changed) entries.

    DTSTAMP is when the event's post last changed, not the build's time, so two builds of the
    same content write the same bytes (and calendar apps see no change where there is none).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event, title, summary, url, changed in entries:
        stamp = changed.astimezone(UTC).replace(microsecond=0)
        calendar.add_component(_vevent(event, title, summary, url, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _vevent(event: Event, title: str, summary: str, url: str, stamp: datetime) -> VEvent:
    item = VEvent()
    item.add("uid", event.uid)
    item.add("dtstamp", stamp)
    item.add("summary", title)
    if event.all_day:
        item.add("dtstart", event.start.date())
        item.add("dtend", event.end.date())
    else:
        item.add("dtstart", event.start)
        item.add("dtend", event.end)
    if summary:
        item.add("description", summary)
    place = ", ".join(part for part in (event.location, event.address) if part)
    if place or event.online_url:
        item.add("location", place or event.online_url)
    item.add("url", url)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.repeat:
        until = event.repeat["until"].astimezone(UTC).replace(microsecond=0)
        item.add("rrule", vRecur({"FREQ": event.repeat["freq"],
                                  "INTERVAL": event.repeat["interval"], "UNTIL": until}))
    for moment in event.extra_starts:
        item.add("rdate", moment.date() if event.all_day else moment)
    return item
