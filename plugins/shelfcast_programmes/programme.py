"""A programme's programme.yaml and participants.yaml, checked into plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shelfcast_sitekit.fields import parse_day
from shelfcast_sitekit.frontmatter import parse_yaml
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.schemacheck import check_document

from .declarations import PARTICIPANTS, PROGRAMME


@dataclass(frozen=True)
class Programme:
    slug: str
    title: str
    description: str
    start: date
    pace: int = 1                 # lessons released per week
    licence: str | None = None
    licence_url: str | None = None
    helpers: tuple = ()


@dataclass(frozen=True)
class Participant:
    name: str
    blog_url: str | None
    feed_url: str | None


def read_programme(text: str, shown: str, slug: str) -> tuple[Programme | None, list]:
    """programme.yaml checked against the schema (declarations.PROGRAMME); the code adds only
    that `start` is a day the calendar has (2027-02-30 has the right shape)."""
    document, problems = parse_yaml(shown, text)
    if document is None:
        return None, problems
    meta = document.meta
    problems = check_document(PROGRAMME, meta, document.lines, shown)
    start = parse_day(meta.get("start"))
    if start is None and not any(p.field == "start" for p in problems):
        problems.append(ContentProblem(shown, document.lines.get("start"), "start",
                                       f"{meta['start']!r} is not a date on the calendar; "
                                       "write the first lesson's day, e.g. start: 2027-01-11"))
    if problems:
        return None, problems
    return Programme(slug, str(meta["title"]).strip(), str(meta.get("description") or "").strip(),
                     start, meta.get("pace") or 1, _text(meta.get("licence")),
                     meta.get("licence_url"), tuple(map(str, meta.get("helpers") or ()))), []


def read_participants(text: str, shown: str) -> tuple[list[Participant], list]:
    """participants.yaml checked against the schema (declarations.PARTICIPANTS)."""
    document, problems = parse_yaml(shown, text)
    if document is None:
        return [], problems
    problems = check_document(PARTICIPANTS, document.meta, document.lines, shown)
    if problems:
        return [], problems
    return [Participant(_text(person["name"]), person.get("blog"), person.get("feed"))
            for person in document.meta["participants"]], []


def _text(value) -> str | None:
    return str(value).strip() or None if isinstance(value, (str, int, float)) \
        and not isinstance(value, bool) else None

