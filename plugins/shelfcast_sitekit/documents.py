"""Read one Markdown content file into clean metadata and HTML, as plain data."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .alttext import missing_alt_problems
from .boundaries import file_link_problems
from .cachefile import NotCacheable, decoded_as, encode
from .declarations import default_type
from .fields import check_common, common_fields, pelican_own
from .frontmatter import decode, split
from .images import localise_images
from .limits import DEFAULTS, nesting_problems
from .paths import relative_path
from .problems import ERROR, ContentProblem
from .sanitise import HtmlPolicy, foreign_media_problems, sanitise
from .schema import Schema


@dataclass
class ContentFile:
    """A post or page as read: checked fields, extra fields for plugins, rendered body."""

    meta: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    html: str = ""
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def to_json(self) -> dict:
        """As cache data (shelfcast_sitekit.cachefile); NotCacheable for a value of another type."""
        return {"meta": encode(self.meta), "extra": encode(self.extra),
                "lines": encode(self.lines), "html": self.html,
                "problems": [p.to_json() for p in self.problems]}

    @classmethod
    def from_json(cls, data: dict) -> ContentFile:
        """Read back from the cache, every field checked; NotCacheable if one is off."""
        lines = _fields(data["lines"])
        if not all(type(n) is int and n >= 0 for n in lines.values()):
            raise NotCacheable("a line number is not a number")
        if type(data["html"]) is not str or type(data["problems"]) is not list:
            raise NotCacheable("not a read file")
        return cls(meta=_fields(data["meta"]), extra=_fields(data["extra"]), lines=lines,
                   html=data["html"],
                   problems=[ContentProblem.from_json(p) for p in data["problems"]])


def _fields(data) -> dict:
    """A dict of field names (text) and values, from the cache."""
    fields = decoded_as(data, dict)
    if not all(type(name) is str for name in fields):
        raise NotCacheable("a field name is not text")
    return fields


def display_path(source_path: str, root: str | None = None) -> str:
    """The path a librarian knows: relative to the repository (the working directory)."""
    relative = relative_path(source_path, root or os.getcwd())
    return source_path if relative.startswith("..") else relative.replace(os.sep, "/")


def section_of(relative_path: str) -> str | None:
    """The section is the folder under posts/; everything under music/ is the music section."""
    parts = relative_path.replace(os.sep, "/").split("/")
    if parts[0] == "posts" and len(parts) > 2:
        return parts[1]
    if parts[0] == "music":
        return "music"
    return None


def read_content_file(data: bytes, source_path: str, content_root: str, kind: str,
                      render, schema: Schema | None = None,
                      policy: HtmlPolicy | None = None, limits: dict = DEFAULTS) -> ContentFile:
    """Decode, split, check, render and sanitise one file; `render(markdown) -> html`.

    `schema` is the build's content schema (shelfcast_sitekit.schema.schema_for; without one,
    the site kit's post and page); `limits` the SITEKIT limits (shelfcast_sitekit.limits).
    """
    shown = display_path(source_path)
    text, problems = decode(shown, data)
    if text is None:
        return ContentFile(problems=problems)
    document, problems = split(shown, text, limits)
    if document is None:
        return ContentFile(problems=problems)
    max_nesting = limits["max_nesting"]
    too_deep = nesting_problems(shown, document.body, document.body_line, max_nesting) or \
        nesting_problems(shown, str(document.meta.get("summary") or ""),
                         document.lines.get("summary", 1), max_nesting)
    if too_deep:
        return ContentFile(problems=too_deep)
    relative = os.path.relpath(source_path, content_root)
    content_type = (schema.type_for(relative, document.meta) if schema else None) or \
        default_type(kind)
    meta, problems = check_common(shown, document, kind, content_root, content_type)
    if kind == "article":
        section = section_of(relative)
        if section is None:
            problems.append(ContentProblem(shown, None, None,
                "a post must be in a section folder, e.g. content/posts/news/; move it there"))
        meta["category"] = section
    policy = policy or HtmlPolicy()
    body = sanitise(render(document.body), policy)
    html, image_problems = localise_images(body.html, document.body, shown,
                                           source_path, content_root, document.body_line)
    image_problems += foreign_media_problems(body.foreign_media, shown, text)
    image_problems += missing_alt_problems(document.body, shown, document.body_line)
    image_problems += file_link_problems(html, document.body, shown, source_path, content_root,
                                         document.body_line)
    if "summary" in meta:
        summary = sanitise(render(meta["summary"]), policy)
        meta["summary"] = summary.html
        image_problems += foreign_media_problems(summary.foreign_media, shown, text)
    # An empty field (`summary:` as the scaffolds write it) is absent, so that no template
    # or plugin ever prints the YAML null as "None".
    # A field the schema does not declare, or one that would set Pelican's own attributes
    # (url, save_as...), never reaches it.
    known = content_type.names()
    extra = {k: v for k, v in document.meta.items() if k in known and v is not None
             and k not in meta and k not in common_fields(content_type)
             and not pelican_own(k, known)}
    return ContentFile(meta=meta, extra=extra, lines=document.lines, html=html,
                       problems=problems + image_problems)
