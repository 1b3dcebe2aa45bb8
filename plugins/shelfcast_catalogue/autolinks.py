"""Markdown extension: `<isbn:9780261103344>` becomes a link, like `<https://…>` does.

Python-Markdown only autolinks http(s)/ftp and e-mail addresses; any other `<scheme:…>` would
be passed through as a raw (broken) HTML tag. The link keeps the identifier as its text; the
catalogue plugin later points it at the catalogue and shows the identifier readably.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from .identifiers import SCHEMES

AUTOLINK_PATTERN = r"<((?i:" + "|".join(SCHEMES) + r"):[^<>\n]+)>"
# Above Python-Markdown's own autolink (120) and raw HTML (90) patterns.
PRIORITY = 125


class IdentifierAutolinkProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        element = etree.Element("a")
        element.set("href", m.group(1).strip())
        element.text = AtomicString(m.group(1).strip())
        return element, m.start(0), m.end(0)


class IdentifierAutolinkExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.inlinePatterns.register(IdentifierAutolinkProcessor(AUTOLINK_PATTERN, md),
                                   "catalogue_autolink", PRIORITY)


def makeExtension(**kwargs):  # noqa: N802 (Markdown loads extensions by this name)
    return IdentifierAutolinkExtension(**kwargs)
