"""A programme's programme.yaml and participants.yaml, checked into plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shelfcast_sitekit.fields import parse_day
from shelfcast_sitekit.frontmatter import parse_yaml
from shelfcast_sitekit.problems import ContentProblem

from .declarations import PROGRAMME

PROGRAMME_FIELDS = tuple(f.name for f in PROGRAMME.fields)  # from the schema


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


def _web(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def read_programme(text: str, shown: str, slug: str) -> tuple[Programme | None, list]:
    document, problems = parse_yaml(shown, text)
    if document is None:
        return None, problems
    meta, lines = document.meta, document.lines

    def error(name, message):
        problems.append(ContentProblem(shown, lines.get(name), name, message))

    for name in meta:
        if name not in PROGRAMME_FIELDS:
            error(str(name), f"unknown field; the fields are {', '.join(PROGRAMME_FIELDS)}")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        error("title", "missing; write the programme's name, e.g. title: 23 things")
    start = parse_day(meta.get("start"))
    if start is None:
        error("start", "missing or not a date; write the first lesson's day, e.g. "
                       "start: 2027-01-11")
    pace = meta.get("pace", 1)
    if isinstance(pace, bool) or not isinstance(pace, int) or pace < 1:
        error("pace", "must be how many lessons are released a week, e.g. pace: 2")
        pace = 1
    licence_url = meta.get("licence_url")
    if licence_url is not None and not _web(licence_url):
        error("licence_url", "must be a web address starting with https://")
    helpers = meta.get("helpers") or []
    if not isinstance(helpers, list) or not all(isinstance(h, str) for h in helpers):
        error("helpers", "must be a list of names, e.g. helpers: [Karen Holm, Jonas Lindqvist]")
        helpers = []
    if problems:
        return None, problems
    return Programme(slug, title.strip(), str(meta.get("description") or "").strip(), start,
                     pace, _text(meta.get("licence")), licence_url, tuple(helpers)), []


def read_participants(text: str, shown: str) -> tuple[list[Participant], list]:
    document, problems = parse_yaml(shown, text)
    if document is None:
        return [], problems
    people = document.meta.get("participants")
    if not isinstance(people, list):
        return [], [ContentProblem(shown, 1, "participants", "write a list:\nparticipants:\n"
                                   "  - name: Anna\n    blog: https://...\n    feed: https://...")]
    found = []
    for number, person in enumerate(people, start=1):
        where = f"participants[{number}]"
        if not isinstance(person, dict) or not _text(person.get("name")):
            problems.append(ContentProblem(shown, document.lines.get("participants"), where,
                                           "needs name: (the name shown on the page)"))
            continue
        for key in ("blog", "feed"):
            if person.get(key) is not None and not _web(person.get(key)):
                problems.append(ContentProblem(shown, document.lines.get("participants"),
                                               f"{where}.{key}", "must be a web address "
                                               "starting with https://"))
        found.append(Participant(_text(person["name"]), person.get("blog"), person.get("feed")))
    return found, problems


def _text(value) -> str | None:
    return str(value).strip() or None if isinstance(value, (str, int, float)) \
        and not isinstance(value, bool) else None

