"""A question as Pelican content, and the fields only questions have, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pelican.contents import Content
from shelfcast_sitekit.fields import FieldChecker
from shelfcast_sitekit.frontmatter import Document
from shelfcast_sitekit.privacy import scan_fields
from shelfcast_sitekit.problems import WARNING, ContentProblem
from shelfcast_sitekit.slugs import WORDS, slug_for

AGE_GROUPS = {"children": "children", "young people": "young-people", "adults": "adults"}
# asked_by is a first name: one word (a hyphen or apostrophe allowed), or "anonymous".
FIRST_NAME = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


class Question(Content):
    """Answered question: URL from QUESTION_URL / QUESTION_SAVE_AS, template question.html."""

    mandatory_properties = ("title",)
    default_template = "question"


@dataclass(frozen=True)
class QuestionFields:
    asked_by: str
    age_group: str
    topics: tuple = field(default_factory=tuple)
    answered_by: str | None = None


def slug(text: str) -> str:
    """A topic or age group as a URL part: 'Space & stars' -> 'space-stars' (words only, the
    rule its published URLs were made with)."""
    return slug_for(text, subs=WORDS)


def check_question(path: str, meta: dict, lines: dict) -> tuple[QuestionFields | None, list]:
    """The fields of one question file, checked; privacy warnings for contact-like text."""
    check = FieldChecker(path, Document(meta=meta, lines=lines))
    asked_by = check.text("asked_by") or "anonymous"
    if asked_by.lower() != "anonymous" and not FIRST_NAME.match(asked_by):
        check.error("asked_by", f"{asked_by!r} is more than a first name; write only the "
                    "first name (e.g. Maja) or anonymous, never a surname or contact details")
    age_group = (check.text("age_group", required=True) or "").lower()
    if age_group and age_group not in AGE_GROUPS:
        check.error("age_group", f"{age_group!r} is not an age group; write one of "
                    + ", ".join(AGE_GROUPS))
    topics = tuple(check.text_list("topics"))
    if not topics:
        check.error("topics", "missing; add at least one topic, e.g. topics: [space, animals]")
    answered_by = check.text("answered_by")
    problems = check.problems + privacy_warnings(path, meta, lines)
    if any(p.severity != WARNING for p in problems):
        return None, problems
    return QuestionFields(asked_by, age_group, topics, answered_by), problems


def privacy_warnings(path: str, meta: dict, lines: dict) -> list[ContentProblem]:
    return [ContentProblem(path, lines.get(name), name,
                           f"looks like it contains {what}; published questions carry a first "
                           "name only: remove contact details before publishing", WARNING)
            for name, what in scan_fields(meta)]
