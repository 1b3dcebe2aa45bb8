"""Files under content/ that a browser would run if someone opened them on the site's address.

Static folders (images/) are copied to the site as they are. An .html page or an SVG image
with script in it, opened directly, runs with the library's own address, where no sanitiser
or template ever saw it; such files are refused by name.
"""

from __future__ import annotations

import os
import re

from .problems import ContentProblem

# Served as pages or scripts by every static host.
ACTIVE_EXTENSIONS = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xml",
                     ".xsl", ".xslt", ".swf"}
SVG_SCRIPT = re.compile(rb"<script|<foreignobject|<iframe|<embed|<object|javascript:|"
                        rb"<handler|\son[a-z]+\s*=", re.IGNORECASE)
SVG_READ_LIMIT = 8 * 1024 * 1024


def active_file_problem(path: str, shown: str) -> ContentProblem | None:
    """A problem when the file at `path` is a page, a script or an SVG carrying script."""
    extension = os.path.splitext(path)[1].lower()
    if extension in ACTIVE_EXTENSIONS:
        return ContentProblem(shown, None, None,
            f"{extension} files are web pages or scripts and would run on the library's site; "
            "remove it (write pages as Markdown in content/pages/)")
    if extension in (".svg", ".svgz"):
        with open(path, "rb") as handle:
            head = handle.read(SVG_READ_LIMIT)
        if extension == ".svgz" or SVG_SCRIPT.search(head):
            return ContentProblem(shown, None, None,
                "this SVG image contains script or event handlers, which would run on the "
                "library's site when the image is opened; save the picture as PNG or export "
                "the SVG again without scripts")
    return None
