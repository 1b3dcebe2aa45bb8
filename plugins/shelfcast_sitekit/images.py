"""Point a page's local images and links at their files in content/; report missing ones.

Librarians write paths that preview on their git host (relative to the Markdown file or to
content/); the built page lives at another URL, so each image path becomes Pelican's
`{static}/...` placeholder and each link to a .md file becomes `{filename}/...`, and Pelican
writes the right URL for every page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .boundaries import image_problem
from .fields import resolve_local_file
from .htmlfragments import inner_html, parse_fragment
from .problems import ContentProblem, line_of, shorten

HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")   # on an address, not on HTML
IMAGE_HINT = "check the spelling or add the file to content/images/"
LINK_HINT = "check the spelling of the linked Markdown file's path"


@dataclass(frozen=True)
class Page:
    """Where a body comes from, to find its files and name its lines."""

    source_text: str
    path: str
    source_path: str
    content_root: str
    first_line: int


def localise_images(html: str, source_text: str, path: str, source_path: str,
                    content_root: str, first_line: int = 1) -> tuple[str, list[ContentProblem]]:
    """Rewrite local images to `{static}/...` and .md links to `{filename}/...`."""
    problems: list[ContentProblem] = []
    if "<img" not in html.lower() and ".md" not in html.lower():
        return html, problems          # nothing to edit: the body stays as Markdown wrote it
    page = Page(source_text, path, source_path, content_root, first_line)
    wrapper = parse_fragment(html)
    edited = [_localise(img, "src", "{static}", "image", IMAGE_HINT, page, problems)
              for img in wrapper.iter("img") if img.get("src") is not None]
    edited += [_localise(a, "href", "{filename}", "link", LINK_HINT, page, problems)
               for a in wrapper.iter("a") if _links_markdown(a.get("href"))]
    return (inner_html(wrapper) if any(edited) else html), problems


def _links_markdown(href: str | None) -> bool:
    """An href naming a Markdown file (x.md, x.md#part)."""
    return href is not None and href.split("#", 1)[0].lower().endswith(".md")


def _localise(element, attribute: str, placeholder: str, field: str, hint: str, page: Page,
              problems: list) -> bool:
    """Point element's attribute at Pelican's placeholder for the file; whether it changed."""
    target = element.get(attribute)
    if HAS_SCHEME.match(target) or target.startswith(("#", "{", "|")):
        return False  # Pelican's own {static}... links: boundaries.py checks
    found = resolve_local_file(target, page.source_path, page.content_root)
    line = line_of(target, page.source_text, page.first_line)
    if found is None:
        problems.append(ContentProblem(page.path, line, field,
                                       f"{shorten(target)} does not exist; {hint}"))
        return False
    wrong_kind = image_problem(os.path.join(page.content_root, found)) \
        if placeholder == "{static}" else None
    if wrong_kind:
        problems.append(ContentProblem(page.path, line, field, f"{shorten(target)} {wrong_kind}"))
        return False
    anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
    element.set(attribute, f"{placeholder}/{found}{anchor}")
    return True


