"""Turn a post's `event:` block into an Event, with the checks a schema cannot say.

The schema (declarations.EVENT) checks the block's types, patterns, required and unknown
fields when the post is read (shelfcast_sitekit.schemacheck); a block it refuses makes no
event here, and its problems are not shown twice. What stays here needs more than one field,
the calendar or the settings: the end after the start, a repeat's interval and last date, a
day the calendar does not have (2027-02-30 passes the pattern), a branch key from
LIBRARY['branches'], the deadline before the start and the number of dates. Each problem
names the file, the line of `event:` and the field (`event.end`), with the fix in a
librarian's words. Nothing here knows about Pelican.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.schemacheck import Where, value_problems

from .declarations import EVENT
from .model import Event
from .occurrences import MAX_OCCURRENCES, expand

DATE_TIME_HINT = "write e.g. 2026-12-03 19:00"
FREE_WORDS = {"0", "0.00", "free", "gratis", "fri entré", "fri entre", "kostenlos"}
UNITS = {"day": "DAILY", "days": "DAILY", "week": "WEEKLY", "weeks": "WEEKLY",
         "month": "MONTHLY", "months": "MONTHLY"}
# Longest repeat interval (52 weeks, 52 months): a yearly event is written as a list of dates.
MAX_INTERVAL = 52
EVERY = re.compile(r"^\s*(?:(\d+)\s+)?([a-z]+)\s*$")
TIME_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}$")
# A location written like a key (one lower-case word or words-with-hyphens) must be a branch.
BRANCH_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _parse_moment(value):
    """A date, a datetime, or None; YAML may already have made a date of it."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().replace("T", " ")
    for fmt, kind in (("%Y-%m-%d %H:%M", datetime), ("%Y-%m-%d %H:%M:%S", datetime),
                      ("%Y-%m-%d", date)):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if kind is datetime else parsed.date()
    return None


class EventChecker:
    """Collects problems for one event block as its fields are read."""

    def __init__(self, path: str, line: int | None, block: dict, zone: ZoneInfo):
        self.path, self.line, self.block, self.zone = path, line, block, zone
        self.problems: list[ContentProblem] = []

    def error(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.path, self.line, f"event.{name}", message))

    def text(self, name: str) -> str | None:
        """A text field as written (the schema has checked it is one line of text)."""
        value = self.block.get(name)
        return None if value is None else str(value).strip() or None

    def flag(self, name: str) -> bool:
        return self.block.get(name) is True

    def moment(self, name: str):
        """A date or date and time. The schema has checked its form; a day the calendar does
        not have (2027-02-30) is what a pattern cannot see."""
        value = self.block.get(name)
        if value is None:
            return None
        parsed = _parse_moment(value)
        if parsed is None:
            self.error(name, f"{str(value)[:40]!r} is not a day in the calendar; "
                             f"{DATE_TIME_HINT}")
        return parsed

    def local(self, moment: datetime) -> datetime:
        return moment.replace(tzinfo=self.zone) if moment.tzinfo is None \
            else moment.astimezone(self.zone)


def read_event(block, path: str, line: int | None, zone: ZoneInfo, branches: dict,
               uid_seed: str, host: str) -> tuple[Event | None, list[ContentProblem]]:
    """Check one `event:` block. `branches` maps branch keys to names; `uid_seed` is stable."""
    # The schema check has reported these when the post was read; they are the same problems
    # (the build's log keeps one of each), and such a block makes no event.
    problems = value_problems(EVENT, block, Where(path, {"event": line}, "", True), "event")
    if problems:
        return None, problems
    check = EventChecker(path, line, block, zone)
    all_day = check.flag("all_day")
    start, end = _times(check, all_day)
    if start is None:
        return None, check.problems
    location, branch = _location(check, branches)
    price = check.text("price")
    deadline = check.moment("registration_deadline")
    if isinstance(deadline, date) and not isinstance(deadline, datetime):
        deadline = datetime.combine(deadline, time(23, 59))
    if isinstance(deadline, datetime):
        deadline = check.local(deadline)
        if deadline > start:
            check.error("registration_deadline", "is after the event starts; registration "
                        "must close before the start")
    repeat, extra = _recurrence(check, start, all_day)
    uid = check.text("uid") or f"event-{hashlib.sha1(uid_seed.encode()).hexdigest()[:16]}@{host}"
    event = Event(uid=uid, start=start, end=end, all_day=all_day, location=location,
                  branch=branch, address=check.text("address"),
                  online_url=check.text("online_url"), price=price,
                  free=bool(price) and price.lower() in FREE_WORDS,
                  registration_url=check.text("registration_url"),
                  registration_deadline=deadline if isinstance(deadline, datetime) else None,
                  capacity_note=check.text("capacity_note"), cancelled=check.flag("cancelled"),
                  repeat=repeat, extra_starts=extra)
    if check.problems:
        return None, check.problems
    occurrences = expand(event)
    if len(occurrences) > MAX_OCCURRENCES:
        check.error("recurrence", f"makes more than {MAX_OCCURRENCES} dates; set an earlier "
                    "'until' or make a new event for next season")
        return None, check.problems
    return Event(**{**event.__dict__, "occurrences": tuple(occurrences)}), []


def _times(check: EventChecker, all_day: bool):
    start = check.moment("start")
    if start is None:
        return None, None
    raw_end = check.block.get("end")
    if all_day:
        first = start.date() if isinstance(start, datetime) else start
        last = _parse_moment(raw_end) if raw_end is not None else first
        last = last.date() if isinstance(last, datetime) else last
        if last is None:
            check.error("end", f"{str(raw_end)[:40]!r} is not a date; write e.g. 2026-12-04")
            return None, None
        begin = check.local(datetime.combine(first, time(0, 0)))
        finish = check.local(datetime.combine(last, time(0, 0))) + timedelta(days=1)
        if finish <= begin:
            check.error("end", "is before the start; the last day must not come before the "
                               "first")
            return None, None
        return begin, finish
    if not isinstance(start, datetime):
        check.error("start", f"has a date but no time; {DATE_TIME_HINT}, or add all_day: true")
        return None, None
    begin = check.local(start)
    if raw_end is None:
        return begin, begin + timedelta(hours=1)
    if isinstance(raw_end, str) and TIME_ONLY.match(raw_end.strip()):
        hours, minutes = re.split(r"[:.]", raw_end.strip())
        finish = begin.replace(hour=int(hours) % 24, minute=int(minutes))
    else:
        parsed = _parse_moment(raw_end)
        if not isinstance(parsed, datetime):
            check.error("end", f"{str(raw_end)[:40]!r} is not a time; write 21:00 or "
                               "2026-12-03 21:00")
            return None, None
        finish = check.local(parsed)
    if finish <= begin:
        check.error("end", "is before the start (or the same); check the date and time")
        return None, None
    return begin, finish


def _location(check: EventChecker, branches: dict) -> tuple[str | None, str | None]:
    """A branch key from the library's settings, or a place's name as written."""
    location = check.text("location")
    if location is None:
        return None, None
    if location in branches:
        return branches[location], location
    for key, name in branches.items():
        if location.casefold() == name.casefold():
            return name, key
    if BRANCH_KEY.fullmatch(location):
        known = ", ".join(branches) or "none: LIBRARY has no branches"
        check.error("location", f"{location!r} is not one of the library's branches "
                                f"({known}); write a branch key or the place's name")
    return location, None


def _interval(match) -> int:
    """The number in `every: 2 weeks` (1 when none), or 0 for none at all or one over
    MAX_INTERVAL: the calendar library overflows on a twenty-digit interval."""
    if match is None:
        return 0
    digits = match.group(1) or "1"
    return int(digits) if len(digits) <= 3 and int(digits) <= MAX_INTERVAL else 0


def _recurrence(check: EventChecker, start: datetime, all_day: bool):
    rule = check.block.get("recurrence")
    if rule is None:
        return None, ()
    if isinstance(rule, list):
        extra = []
        for item in rule:
            moment = _parse_moment(item)
            if moment is None:
                check.error("recurrence", f"{str(item)[:40]!r} is not a date; list dates like "
                                          "2027-01-12 19:00")
                continue
            if not isinstance(moment, datetime):
                moment = datetime.combine(moment, start.time().replace(tzinfo=None))
            moment = check.local(moment)
            if moment <= start:
                check.error("recurrence", f"{str(item)[:40]!r} is not after the first date")
            extra.append(moment)
        return None, tuple(sorted(extra))
    # The schema has checked the block's form: every in words, until a date, no other key.
    # A list of dates is the `dates` form of the block, which its check leaves whole: its
    # dates are checked here, with the rule that each comes after the first.
    match = EVERY.match(str(rule.get("every")))
    unit = UNITS.get(match.group(2)) if match else None
    interval = _interval(match)
    if unit is None or interval < 1:
        check.error("recurrence", f"every: {str(rule.get('every'))[:30]!r} is not a repeat; "
                                  f"write week, 2 weeks or month (at most every {MAX_INTERVAL})")
        return None, ()
    until = _parse_moment(rule.get("until"))
    if until is None:
        check.error("recurrence", f"until: {str(rule.get('until'))[:30]!r} is not a day in "
                                  "the calendar; write the last date, e.g. until: 2027-06-01")
        return None, ()
    if not isinstance(until, datetime):
        until = datetime.combine(until, time(23, 59))
    until = check.local(until)
    if until <= start:
        check.error("recurrence", "'until' is before the first date; the event never repeats")
        return None, ()
    return {"freq": unit, "interval": interval, "until": until}, ()
