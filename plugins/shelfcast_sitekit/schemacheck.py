"""Check front matter (or a YAML file) against its content type in the schema.

Every message reads `file:line: field: what is wrong; what to write`. A field whose value the
plugin's own code checks (`Field.checked_by`: a check digit, an audio file, a branch key) is
left to that code; unknown names are caught here at every level.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .filechecks import is_file
from .problems import WARNING, ContentProblem, shorten
from .schema import (
    COLOUR_PATTERN,
    DATE_PATTERN,
    EMAIL_PATTERN,
    LANG_PATTERN,
    SLUG_PATTERN,
    ContentType,
    Field,
)
from .urls import safe_url

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")
SHAPES = {"text": "a single line of text", "markdown": "text", "integer": "a whole number",
          "number": "a number", "boolean": "true or false", "list": "a list like [one, two]",
          "block": "a block of fields (name: value lines, indented)"}


def check_document(content_type: ContentType, meta: Mapping, lines: Mapping, path: str,
                   content_root: str = "", strict: bool | None = None) -> list[ContentProblem]:
    """Problems of one file's fields; `strict` (default: for YAML files) makes any unknown
    name an error, else only a near miss of a known one is (farther-off ones are warned)."""
    strict = content_type.format == "yaml" if strict is None else strict
    where = Where(path, lines, content_root, strict)
    return fields_problems(content_type.fields, meta, where)


class Where:
    """The file being checked: its path, field lines and folder, for messages and files."""

    def __init__(self, path: str, lines: Mapping, content_root: str, strict: bool):
        self.path, self.lines, self.content_root, self.strict = path, lines, content_root, strict

    def problem(self, name: str, message: str, severity: str = "error") -> ContentProblem:
        line = self.lines.get(name.split(".")[0].split("[")[0])
        return ContentProblem(self.path, line, name, message, severity)


def fields_problems(fields, meta: Mapping, where: Where, prefix: str = "") -> list:
    """Unknown, missing and wrong fields of one block (the top level has prefix '')."""
    known = {f.name: f for f in fields}
    problems = unknown_problems(meta, known, where, prefix)
    for f in fields:
        value = meta.get(f.name)
        if value is None or f.required and isinstance(value, str) and not value.strip():
            if f.required and f.checked_by is None:
                problems.append(where.problem(prefix + f.name, missing_message(f, prefix)))
            continue
        if f.checked_by is None:
            problems += value_problems(f, value, where, prefix + f.name)
    return problems


def unknown_problems(meta: Mapping, known: Mapping, where: Where, prefix: str) -> list:
    """A near miss of a known name is an error: its value would be silently ignored (a
    `staus: draft` would publish the post)."""
    problems = []
    for name in meta:
        if not isinstance(name, str):
            problems.append(where.problem(prefix.rstrip(".") or None, f"{shorten(name)} is not "
                                          "a field name; field names are words like title"))
        elif name not in known:
            problems.append(_unknown(name, known, where, prefix))
    return [p for p in problems if p is not None]


def _unknown(name: str, known: Mapping, where: Where, prefix: str) -> ContentProblem | None:
    meant = near_miss(name, known)
    if meant:
        return where.problem(prefix + name, f"unknown field, so its value would be ignored; "
                             f"did you mean '{meant}'? Correct the spelling")
    names = ", ".join(sorted(known))
    if where.strict or prefix:
        return where.problem(prefix + name, f"unknown field; the fields are {names}")
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    if close:
        return where.problem(prefix + name, f"unknown field; did you mean '{close[0]}'?",
                             WARNING)
    return where.problem(prefix + name, "unknown field, so it is not used; remove it or "
                         f"correct it (the fields are {names})", WARNING)


def missing_message(f: Field, prefix: str) -> str:
    example = f" {f.example}" if isinstance(f.example, (str, int, float)) else " ..."
    place = f"under {prefix.rstrip('.')}:" if prefix else "to the front matter"
    return f"missing; add a line '{f.name}:{example}' {place}"


def value_problems(f: Field, value, where: Where, name: str) -> list:
    """What is wrong with one present value of field `f` (shown as `name`)."""
    if f.kind == "block":
        return _block(f, value, where, name)
    if f.kind == "list":
        return _list(f, value, where, name)
    message = scalar_problem(f, value, where)
    if message and f.hint:
        message = f"{shorten(value)} {f.hint}"
    return [where.problem(name, message)] if message else []


def _block(f: Field, value, where: Where, name: str) -> list:
    if not isinstance(value, Mapping):
        if {"text", "any"} & set(f.aliases) or "dates" in f.aliases and isinstance(value, list):
            return []
        return [where.problem(name, f"must be {SHAPES['block']}, not {describe(value)}; "
                              f"write e.g. {_example(f)}")]
    if f.item is not None:  # free names (links: {Bandcamp: https://...})
        return [p for key, item in value.items()
                for p in value_problems(f.item, item, where, f"{name}.{key}")]
    return fields_problems(f.fields, value, where, prefix=name + ".")


def _list(f: Field, value, where: Where, name: str) -> list:
    if not isinstance(value, list):
        if "single" in f.aliases and not isinstance(value, Mapping):
            value = [value]
        else:
            # A list's hint words one of two things: with max_items, what to do about too
            # many (tags); without, a value that is no list (music's tracks).
            message = f"{shorten(value)} {f.hint}" if f.hint and f.max_items is None else \
                f"must be {SHAPES['list']}, not {describe(value)}"
            return [where.problem(name, message)]
    if f.max_items is not None and len(value) > f.max_items:
        message = f"has {len(value):,} items, more than the {f.max_items} allowed"
        return [where.problem(name, f"{message}; {f.hint}" if f.hint else message)]
    if f.item is None:
        return []
    return [p for number, item in enumerate(value, start=1)
            for p in value_problems(f.item, item, where, f"{name}[{number}]")]


def scalar_problem(f: Field, value, where: Where) -> str | None:
    """Why one value does not fit its field; None when it does."""
    shape = _shape_problem(f, value)
    if shape:
        return shape
    text = str(value).strip()
    if f.allowed and text not in {str(a) for a in f.allowed}:
        return f"{shorten(text)} is not allowed; write one of {', '.join(map(str, f.allowed))}"
    return _range_problem(f, value) or pattern_problem(f, text) or \
        _file_problem(f, text, where)


def _shape_problem(f: Field, value) -> str | None:
    if f.kind == "boolean":
        return None if isinstance(value, bool) else f"must be true or false, not {shorten(value)}"
    if f.kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be a whole number, e.g. {f.example or 3}, not " \
                               f"{shorten(value)}"
    if f.kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"must be a number, not {shorten(value)}"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return f"must be {SHAPES['text']}, not {describe(value)}"
    return None


def _range_problem(f: Field, value) -> str | None:
    if f.max_length is not None and len(str(value)) > f.max_length:
        return f"has {len(str(value)):,} characters, more than the {f.max_length} allowed"
    if not isinstance(value, (int, float)):
        return None
    if f.minimum is not None and value < f.minimum:
        return f"{value} is too small; write {f.minimum:g} or more"
    if f.maximum is not None and value > f.maximum:
        return f"{value} is too large; write {f.maximum:g} or less"
    return None


KIND_PATTERNS = {"date": (DATE_PATTERN, "a date; write YYYY-MM-DD"),
                 "datetime": (DATE_TIME.pattern, "a date; write YYYY-MM-DD or "
                                                 "YYYY-MM-DD HH:MM"),
                 "slug": (SLUG_PATTERN, "a slug; use lower-case letters, digits and hyphens "
                                        "only"),
                 "colour": (COLOUR_PATTERN, "a colour; write it like #0b5394"),
                 "email": (EMAIL_PATTERN, "an e-mail address; write it like name@example.org"),
                 "lang": (LANG_PATTERN, "a language code; write it like en, da or sv")}


def pattern_problem(f: Field, text: str) -> str | None:
    if f.kind == "url":
        return url_problem(text, f.schemes)
    pattern, what = (f.pattern, "in the right form") if f.pattern else \
        KIND_PATTERNS.get(f.kind, (None, ""))
    if pattern and not re.search(pattern, text):
        example = f"; write e.g. {f.example}" if isinstance(f.example, (str, int)) and \
            "write" not in what else ""
        return f"{shorten(text)} is not {what}{example}"
    return None


def url_problem(text: str, schemes=()) -> str | None:
    """Why `text` is not a web address with one of `schemes` (default https and http)."""
    schemes = tuple(schemes) or ("https", "http")
    problem = web_address_problem(text, schemes)
    return f"{problem}; write it with {schemes[0]}://" if problem else None


def web_address_problem(value, schemes=("https", "http")) -> str | None:
    """Why `value` is not a full address with one of `schemes` (javascript: never is)."""
    safe = safe_url(value)
    split = urlsplit(safe) if safe else None
    if split is None or split.scheme.lower() not in schemes or not split.netloc \
            or any(c.isspace() for c in safe):
        return f"{shorten(value, 60)} is not a full {' or '.join(schemes)} address"
    return None


def _file_problem(f: Field, text: str, where: Where) -> str | None:
    if f.kind not in ("file", "image") or not where.content_root or "://" in text:
        return None
    folder = os.path.join(where.content_root, f.folder or "")
    source_dir = os.path.dirname(os.path.join(where.content_root, where.path))
    candidates = (os.path.join(source_dir, text), os.path.join(folder, text.lstrip("/")))
    if any(is_file(os.path.normpath(c)) for c in candidates):
        return None
    return f"{shorten(text)} does not exist; put the file in content/{f.folder or ''} and " \
           "write its path"


def _example(f: Field) -> str:
    if isinstance(f.example, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in f.example.items())
    first = next((x for x in f.fields if x.required), f.fields[0] if f.fields else None)
    return f"{first.name}: {first.example}" if first else f"{f.name}: ..."


def near_miss(name: str, known) -> str | None:
    """The known field `name` is one slip away from: another case, one letter added, left out,
    changed or two swapped; two slips for names of six letters or more. None if none is."""
    best = None
    for candidate in sorted(known):
        slips = edit_distance(name.lower().replace("-", "_"), candidate)
        allowed = 2 if len(candidate) >= 6 else 1
        if slips <= allowed and (best is None or slips < best[0]):
            best = (slips, candidate)
    return best[1] if best else None


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete, change or swap with a neighbour to turn a into b."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if previous2 is not None and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def describe(value) -> str:
    """Name a YAML value's shape in plain words."""
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    return repr(value)
