"""Check and normalise the front matter fields every post and page shares.

Input is the plain dict from YAML; output is plain typed values plus problems.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime

from pelican.contents import Article, Page

from .boundaries import image_problem, outside_folder
from .declarations import (
    CHECK_COMMON,
    MAX_LIST_ITEMS,
    READ_BY_CHECK_COMMON,
    STATUSES,
    TEMPLATE,
    default_type,
)
from .declarations import (
    DATE_HINT as SCHEMA_DATE_HINT,
)
from .filechecks import is_file
from .frontmatter import Document
from .langcodes import language_problem
from .problems import WARNING, ContentProblem, shorten
from .schema import SLUG_PATTERN as SLUG_SHAPE
from .schema import ContentType
from .schemacheck import DATE_TIME, check_document, describe, near_miss  # noqa: F401
from .urls import site_path_problem

# Names Pelican acts on when it finds them among a page's fields (it sets each as an attribute
# of the page): `url` and `save_as` move the page and every link and redirect rule to it
# (`//evil.example/landing.html`), `path` feeds the URL patterns. Front matter may set one only
# where the schema declares it, and then only to a path inside the site.
PELICAN_OWN_FIELDS = frozenset(
    {"url", "save_as", "override_url", "override_save_as", "path", "lang_url", "settings",
     "metadata", "source_path", "relative_source_path", "in_default_lang", "translations",
     "date_format", "locale_date", "category"}
    | {name for name in dir(Article) + dir(Page) if not name.startswith("__")})
TEMPLATE_NAME = re.compile(TEMPLATE.pattern)
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
                "%Y-%m-%dT%H:%M:%S")
SLUG_PATTERN = re.compile(SLUG_SHAPE)
DATE_HINT = "write YYYY-MM-DD or YYYY-MM-DD HH:MM"


def parse_date(value) -> datetime | None:
    """Read a date the way librarians write it; None when it is not a real date."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def parse_day(value) -> date | None:
    """A calendar day from YAML or a settings file: '2027-01-04', a date, or a datetime."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class FieldChecker:
    """Collects problems for one file while its fields are read."""

    def __init__(self, path: str, document: Document):
        self.path = path
        self.document = document
        self.problems: list[ContentProblem] = []

    def line(self, name: str) -> int | None:
        return self.document.lines.get(name)

    def error(self, name: str | None, message: str) -> None:
        line = self.line(name) if name else None
        self.problems.append(ContentProblem(self.path, line, name, message))

    def warn(self, name: str | None, message: str) -> None:
        line = self.line(name) if name else None
        self.problems.append(ContentProblem(self.path, line, name, message, WARNING))

    def text(self, name: str, required: bool = False) -> str | None:
        """A non-empty string field (numbers are accepted as text)."""
        value = self.document.meta.get(name)
        if value is None:
            if required:
                self.error(name, f"missing; add a line '{name}: ...' to the front matter")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(name, f"must be a single line of text, not {describe(value)}")
            return None
        value = str(value).strip()
        if not value and required:
            self.error(name, f"is empty; write the {name} after '{name}:'")
            return None
        return value or None

    def date(self, name: str, required: bool = False) -> datetime | None:
        value = self.document.meta.get(name)
        if value is None:
            if required:
                self.error(name, f"missing; add a line '{name}: YYYY-MM-DD' to the front matter")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(name, f"{shorten(value)} is not a date ({DATE_HINT})")
        return parsed

    def text_list(self, name: str, limit: int = MAX_LIST_ITEMS) -> list[str]:
        """A list of at most `limit` strings; a comma-separated line is accepted too."""
        value = self.document.meta.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            self.error(name, f"must be a list like [one, two], not {describe(value)}")
            return []
        too_long = list_too_long(len(value), limit)
        if too_long:
            self.error(name, too_long)
            return []
        return [str(v).strip() for v in value if str(v).strip()]


def list_too_long(count: int, limit: int = MAX_LIST_ITEMS) -> str | None:
    """Why a list field of `count` items is refused. Each item (a tag, a topic, a genre)
    becomes a page listing its posts: thousands of them make a build that never ends."""
    if count <= limit:
        return None
    return (f"has {count:,} items, more than the {limit} allowed; keep the {limit} that say "
            "most about the text")


def check_common(path: str, document: Document, kind: str, content_root: str,
                 content_type: ContentType | None = None) -> tuple[dict, list]:
    """Check the shared fields of a post ('article'), 'episode' or 'page', and every field
    against the file's content type in the schema (default: the site kit's post or page).

    Returns clean values and problems. Values a plugin's code checks (audio:, album:...) are
    left to it.
    """
    content_type = content_type or default_type(kind)
    check = FieldChecker(path, document)
    # A question's title is the question as asked (its `question:` field).
    meta = {"title": check.text("question" if kind == "question" else "title", required=True)}
    meta["date"] = _calendar_day(check, "date")
    meta["modified"] = _calendar_day(check, "modified")
    meta["summary"] = _checked_text(check, "summary")
    meta["authors"] = _authors(check)
    meta["tags"] = _checked_list(check, "tags")
    meta["lang"] = _lang(check)
    meta["slug"] = _slug(check)
    meta["status"] = _status(check)
    meta["image"] = _image(check, path, content_root)
    meta["image_alt"] = _checked_text(check, "image_alt")
    meta["template"] = _template(check)
    check.problems += check_document(content_type, document.meta, document.lines, path,
                                     content_root, strict=False)
    _pelican_own_fields(check, content_type)
    return {k: v for k, v in meta.items() if v not in (None, [])}, check.problems


def _authors(check: FieldChecker) -> list[str]:
    if "author" in check.document.meta and "authors" in check.document.meta:
        check.error("authors", "use either 'author' or 'authors', not both")
        return []
    # Their shapes are the schema's; the code keeps what it cannot say: not both fields,
    # and a name in a word processor's quotes.
    names = _checked_list(check, "authors") if "authors" in check.document.meta else \
        [author for author in [_checked_text(check, "author")] if author]
    field = "authors" if "authors" in check.document.meta else "author"
    unquoted = [unquoted_name(name) for name in names]
    for name, plain in zip(names, unquoted, strict=True):
        if name != plain:
            # Typographic quotes from a word processor would make "’Anna’" a second author.
            check.warn(field, f"{name} is in typographic quotes, which are not YAML's: read "
                              f"as {plain}; write {field}: {plain} (no quotes needed)")
    return unquoted


# Quote marks word processors put in for ' and " (and the Nordic and French ones).
TYPOGRAPHIC_QUOTES = "‘’‚‛“”„‟«»‹›"


def unquoted_name(name: str) -> str:
    """A name without the typographic (or stray straight) quotes around it."""
    stripped = name.strip()
    quotes = TYPOGRAPHIC_QUOTES + "'\""
    if len(stripped) > 2 and stripped[0] in quotes and stripped[-1] in quotes:
        return stripped[1:-1].strip()
    return stripped


def _lang(check: FieldChecker) -> str | None:
    value = check.document.meta.get("lang")
    if value is False:  # YAML 1.1 reads a bare `no` (Norwegian) as false
        check.error("lang", "write lang: 'no' in quotes (YAML reads a bare no as false)")
        return None
    lang = check.text("lang")
    problem = language_problem(lang) if lang else None
    if problem:  # a country code (dk, se) is the common slip: the message names the language
        check.error("lang", problem)
        return None
    return lang


def _checked_text(check: FieldChecker, name: str) -> str | None:
    """A text field the schema has checked (its shape, and whether it is required)."""
    value = check.document.meta.get(name)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def _checked_list(check: FieldChecker, name: str) -> list[str]:
    """A list of texts the schema has checked (a single value or a comma-separated line is
    one list too); a list the schema refuses is read as empty."""
    value = check.document.meta.get(name)
    if value is None or isinstance(value, dict):
        return []
    if isinstance(value, str):
        value = value.split(",")
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST_ITEMS or any(
            isinstance(v, bool) or not isinstance(v, (str, int, float)) for v in items):
        return []
    return [str(v).strip() for v in items if str(v).strip()]


def _calendar_day(check: FieldChecker, name: str) -> datetime | None:
    """A date the schema has checked for its form (and whether it is required). What a
    pattern cannot say stays here: that 2026-02-31 or 2026-13-01 is no day of the calendar."""
    value = check.document.meta.get(name)
    parsed = parse_date(value)
    if parsed is None and isinstance(value, str) and DATE_TIME.match(value.strip()):
        check.error(name, f"{shorten(value)} {SCHEMA_DATE_HINT}")
    return parsed


# slug, status and template are checked by the schema (declarations.py, with their own
# words as hints); a file with a wrong one is refused, so these only read them.
def _slug(check: FieldChecker) -> str | None:
    slug = check.text("slug")
    return slug if slug and SLUG_PATTERN.match(slug) else None


def _status(check: FieldChecker) -> str:
    status = check.text("status") or "published"
    return status if status in STATUSES else "draft"


def _image(check: FieldChecker, path: str, content_root: str) -> str | None:
    image = check.text("image")
    if image is None:
        return None
    found, outside = locate_file(image, path, content_root)
    if outside:
        check.error("image", f"{shorten(image)} {outside}")
        return None
    if found is None:
        check.error("image", f"{shorten(image)} does not exist; put the image in content/images/ "
                    "and write its path, e.g. images/reading-room.jpg")
        return None
    wrong_kind = image_problem(os.path.join(content_root, found))
    if wrong_kind:
        check.error("image", f"{shorten(image)} {wrong_kind}")
        return None
    return found


def resolve_local_file(reference: str, source_path: str, content_root: str) -> str | None:
    """Find a file named in content, relative to the source file or to content/.

    Returns the path relative to content/ with forward slashes, or None when absent or
    outside content/.
    """
    return locate_file(reference, source_path, content_root)[0]


def locate_file(reference: str, source_path: str, content_root: str
                ) -> tuple[str | None, str | None]:
    """(path relative to content/, None), or (None, why it may not be published) for a file
    outside content/, or (None, None) when there is no such file."""
    reference = reference.split("#")[0].split("?")[0]
    for prefix in ("{static}", "{attach}", "{filename}"):
        reference = reference.removeprefix(prefix)
    content_root = os.path.abspath(content_root)
    source_dir = os.path.dirname(os.path.join(content_root, source_path))
    candidates = [os.path.join(content_root, reference.lstrip("/"))]
    if not reference.startswith("/"):
        candidates.insert(0, os.path.join(source_dir, reference))
    outside = None
    for candidate in map(os.path.normpath, candidates):
        if not is_file(candidate):
            continue
        outside = outside_folder(candidate, content_root)
        if outside is None:
            return os.path.relpath(candidate, content_root).replace(os.sep, "/"), None
    return None, outside


def _template(check: FieldChecker) -> str | None:
    template = check.text("template")
    return template if template and TEMPLATE_NAME.match(template) else None


def common_fields(content_type: ContentType) -> frozenset[str]:
    """The fields check_common reads and returns clean (an empty one is left out)."""
    return frozenset(f.name for f in content_type.fields
                     if f.checked_by == CHECK_COMMON or f.name in READ_BY_CHECK_COMMON)


def _pelican_own_fields(check: FieldChecker, content_type: ContentType) -> None:
    """Refuse fields that would set Pelican's own attributes of the page; a declared one
    (a plugin allows it) must be a path inside the site."""
    known = content_type.names()
    for name, value in check.document.meta.items():
        if not isinstance(name, str) or name in common_fields(content_type):
            continue
        if pelican_own(name, known):
            check.error(name, "sets where or how Pelican writes the page, which front matter "
                        "may not do; remove the line (the address comes from the slug: write "
                        "slug: ... to change it)")
        elif name in PELICAN_OWN_FIELDS and value is not None \
                and (problem := site_path_problem(value)):
            check.error(name, f"{shorten(value)} {problem}; write a relative path, "
                        "e.g. visit/index.html")


def pelican_own(name: str, known: frozenset[str]) -> bool:
    """True for a field name that must not reach Pelican (see PELICAN_OWN_FIELDS)."""
    return (name in PELICAN_OWN_FIELDS or name.startswith("_")) and name not in known


