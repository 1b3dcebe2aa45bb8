"""Point a page's local images and links at their files in content/; report missing ones.

Librarians write paths that preview on their git host (relative to the Markdown file or to
content/); the built page lives at another URL, so each image path becomes Pelican's
`{static}/...` placeholder and each link to a .md file becomes `{filename}/...`, and Pelican
writes the right URL for every page.
"""

from __future__ import annotations

import os
import re

from .boundaries import image_problem
from .fields import resolve_local_file
from .problems import ContentProblem, shorten

IMG_SRC = re.compile(r"(<img\b[^>]*?\bsrc=)(['\"])(.*?)\2", re.IGNORECASE | re.DOTALL)
MD_HREF = re.compile(r"(<a\b[^>]*?\bhref=)(['\"])([^'\"]*?\.md(?:#[^'\"]*)?)\2",
                     re.IGNORECASE | re.DOTALL)
HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def localise_images(html: str, source_text: str, path: str, source_path: str,
                    content_root: str, first_line: int = 1) -> tuple[str, list[ContentProblem]]:
    """Rewrite local images to `{static}/...` and .md links to `{filename}/...`."""
    problems = []

    def rewriter(placeholder: str, field: str, hint: str):
        def rewrite(match):
            target = match.group(3)
            if HAS_SCHEME.match(target) or target.startswith(("#", "{", "|")):
                return match.group(0)  # Pelican's own {static}... links: boundaries.py checks
            found = resolve_local_file(target, source_path, content_root)
            if found is None:
                line = _line_of(target, source_text, first_line)
                problems.append(ContentProblem(path, line, field,
                                               f"{shorten(target)} does not exist; {hint}"))
                return match.group(0)
            wrong_kind = image_problem(os.path.join(content_root, found)) \
                if placeholder == "{static}" else None
            if wrong_kind:
                problems.append(ContentProblem(path, _line_of(target, source_text, first_line),
                                               field, f"{shorten(target)} {wrong_kind}"))
                return match.group(0)
            anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
            quote = match.group(2)
            return f"{match.group(1)}{quote}{placeholder}/{found}{anchor}{quote}"
        return rewrite

    html = IMG_SRC.sub(rewriter("{static}", "image", "check the spelling or add the file to "
                                "content/images/"), html)
    html = MD_HREF.sub(rewriter("{filename}", "link", "check the spelling of the linked "
                                "Markdown file's path"), html)
    return html, problems


def _line_of(needle: str, text: str, first_line: int) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text[:index].count("\n") + first_line
