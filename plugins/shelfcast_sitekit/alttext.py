"""Every picture in a post or page says what it shows: an image without alt text stops the
build with the file and line, as a gallery picture without one does. Pure."""

from __future__ import annotations

import re

from .problems import ContentProblem

# ![](path) or ![ ](path "title") in Markdown; <img ...> in raw HTML (checked for alt below).
EMPTY_MARKDOWN_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])\s*\S""", re.I)
HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
MESSAGE = ("{src} has no alt text, so a blind reader hears only the file name; describe the "
           "picture in the brackets: ![What the picture shows]({src})")


def missing_alt_problems(source_text: str, shown: str, first_line: int) -> list[ContentProblem]:
    """A problem, with its line, for each picture in the Markdown body without alt text."""
    found = [(m.start(), m.group(1)) for m in EMPTY_MARKDOWN_ALT.finditer(source_text)]
    for image in HTML_IMAGE.finditer(source_text):
        if not HTML_ALT.search(image.group(0)):
            src = HTML_SRC.search(image.group(0))
            found.append((image.start(), src.group(1) if src else "<img>"))
    return [ContentProblem(shown, source_text[:start].count("\n") + first_line, "image",
                           MESSAGE.format(src=src)) for start, src in sorted(found)]
