"""A question as Pelican content, and the fields only questions have, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.contents import Content
from shelfcast_sitekit.fields import FieldChecker
from shelfcast_sitekit.frontmatter import Document
from shelfcast_sitekit.privacy import scan_fields
from shelfcast_sitekit.problems import WARNING, ContentProblem
from shelfcast_sitekit.slugs import word_slug

from . import declarations

# Each age group (declarations.AGE_GROUPS) with its address part: young people -> young-people.
AGE_GROUPS = {group: word_slug(group) for group in declarations.AGE_GROUPS}


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


def check_question(path: str, meta: dict, lines: dict) -> tuple[QuestionFields | None, list]:
    """The fields of one question file (the schema has checked asked_by and age_group when
    the file was read); an empty topic list, and privacy warnings for contact-like text."""
    check = FieldChecker(path, Document(meta=meta, lines=lines))
    asked_by = check.text("asked_by") or "anonymous"
    age_group = check.text("age_group", required=True) or ""
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
