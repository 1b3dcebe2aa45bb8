"""Rewrite identifier links in rendered HTML into catalogue links; collect what was linked."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from shelfcast_sitekit.problems import ContentProblem

from .citations import CatalogueItem
from .config import CatalogueConfig
from .identifiers import SCHEMES, IdentifierError
from .links import resolve

SCHEME_ALTERNATIVES = "|".join(SCHEMES)
ANCHOR = re.compile(
    r"<a\b(?P<before>[^>]*?)\shref=(?P<q>[\"'])(?P<href>(?i:" + SCHEME_ALTERNATIVES + r"):[^\"']*)"
    r"(?P=q)(?P<after>[^>]*)>(?P<text>.*?)</a>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
CLASS_ATTR = re.compile(r"\sclass=([\"'])(.*?)\1", re.DOTALL)


@dataclass
class Rewritten:
    """The result of rewriting one HTML fragment."""

    html: str
    items: list[CatalogueItem] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)


def has_identifier_links(html: str) -> bool:
    return ANCHOR.search(html) is not None


def rewrite(html: str, config: CatalogueConfig, source_text: str = "", path: str = "",
            first_line: int = 1) -> Rewritten:
    """Point every identifier link at the catalogue; list items in order of first mention.

    `source_text` is the file as the author wrote it: a problem's line is where the
    identifier is found in it (counted from `first_line`).
    """
    result = Rewritten(html)
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        href = unquote(htmllib.unescape(match.group("href")))
        text_html = match.group("text")
        text = " ".join(htmllib.unescape(TAG.sub("", text_html)).split())
        line = line_of(href, source_text, first_line)
        try:
            link = resolve(href, config)
        except IdentifierError as err:
            result.problems.append(ContentProblem(path, line, f"link {text or href!r}",
                                                  str(err)))
            return match.group(0)
        if text in (href, href.strip(), ""):
            # An autolink <isbn:…> shows the identifier the way people read it.
            text_html = text = link.label
        if link.uri not in seen:
            seen.add(link.uri)
            result.items.append(CatalogueItem(link, text, text_html, line))
        return _anchor(match, link, text_html)

    result.html = ANCHOR.sub(replace, html)
    return result


def _anchor(match: re.Match, link, text_html: str) -> str:
    attributes = match.group("before") + match.group("after")
    classes = "catalogue-link"
    existing = CLASS_ATTR.search(attributes)
    if existing:
        classes = f"{existing.group(2)} catalogue-link"
        attributes = attributes[:existing.start()] + attributes[existing.end():]
    url = htmllib.escape(link.url, quote=True)
    identifier = htmllib.escape(link.identifier, quote=True)
    return (f'<a{attributes} href="{url}" class="{classes}" data-identifier="{identifier}">'
            f"{text_html}</a>")


def line_of(href: str, source_text: str, first_line: int = 1) -> int | None:
    """The line of the source where this identifier is written, if it can be found."""
    for needle in (href, href.split(":", 1)[-1].strip()):
        index = source_text.find(needle) if needle else -1
        if index < 0:
            index = source_text.lower().find(needle.lower()) if needle else -1
        if index >= 0:
            return source_text[:index].count("\n") + first_line
    return None
