"""Rewrite identifier links in rendered HTML into catalogue links; collect what was linked."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from shelfcast_sitekit.htmlfragments import inner_html, parse_fragment
from shelfcast_sitekit.problems import ContentProblem

from .citations import CatalogueItem
from .config import CatalogueConfig
from .identifiers import SCHEMES, IdentifierError
from .links import resolve


@dataclass
class Rewritten:
    """The result of rewriting one HTML fragment."""

    html: str
    items: list[CatalogueItem] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)


def _identifier_href(anchor) -> str | None:
    """The anchor's href when it is an identifier link (isbn:..., ean:...), else None."""
    href = anchor.get("href")
    if href and href.split(":", 1)[0].lower() in SCHEMES and ":" in href:
        return href
    return None


def has_identifier_links(html: str) -> bool:
    if "href" not in html:
        return False
    return any(_identifier_href(a) for a in parse_fragment(html).iter("a"))


def rewrite(html: str, config: CatalogueConfig, source_text: str = "", path: str = "",
            first_line: int = 1) -> Rewritten:
    """Point every identifier link at the catalogue; list items in order of first mention.

    `source_text` is the file as the author wrote it: a problem's line is where the
    identifier is found in it (counted from `first_line`). The fragment is edited as an
    lxml tree and written back only when a link changed.
    """
    result = Rewritten(html)
    if "href" not in html:
        return result
    wrapper = parse_fragment(html)
    seen: set[str] = set()
    changed = [_rewrite_anchor(a, href, config, source_text, path, first_line, result, seen)
               for a in list(wrapper.iter("a")) if (href := _identifier_href(a))]
    if any(changed):
        result.html = inner_html(wrapper)
    return result


def _rewrite_anchor(anchor, raw_href: str, config: CatalogueConfig, source_text: str,
                    path: str, first_line: int, result: Rewritten, seen: set) -> bool:
    href = unquote(raw_href)
    text = " ".join(anchor.text_content().split())
    line = line_of(href, source_text, first_line)
    try:
        link = resolve(href, config)
    except IdentifierError as err:
        result.problems.append(ContentProblem(path, line, f"link {text or href!r}", str(err)))
        return False
    if text in (href, href.strip(), ""):
        # An autolink <isbn:…> shows the identifier the way people read it.
        for child in list(anchor):
            anchor.remove(child)
        anchor.text = text = link.label
    text_html = inner_html(anchor)
    if link.uri not in seen:
        seen.add(link.uri)
        result.items.append(CatalogueItem(link, text, text_html, line))
    _point_at(anchor, link)
    return True


def _point_at(anchor, link) -> None:
    """href, class and data-identifier last, after the author's other attributes."""
    classes = " ".join(filter(None, [anchor.get("class"), "catalogue-link"]))
    kept = [(k, v) for k, v in anchor.attrib.items() if k not in ("href", "class")]
    anchor.attrib.clear()
    for name, value in [*kept, ("href", link.url), ("class", classes),
                        ("data-identifier", link.identifier)]:
        anchor.set(name, value)


def line_of(href: str, source_text: str, first_line: int = 1) -> int | None:
    """The line of the source where this identifier is written, if it can be found."""
    for needle in (href, href.split(":", 1)[-1].strip()):
        index = source_text.find(needle) if needle else -1
        if index < 0:
            index = source_text.lower().find(needle.lower()) if needle else -1
        if index >= 0:
            return source_text[:index].count("\n") + first_line
    return None
