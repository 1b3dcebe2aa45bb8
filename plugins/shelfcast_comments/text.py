"""A reader's comment text as safe HTML: escaped, paragraphs and line breaks kept, http(s) links.

Nothing a reader writes becomes markup except the <p>, <br> and <a> made here; links get
rel="nofollow ugc noopener" so the site lends them no reputation and they cannot reach back.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

LINK_REL = "nofollow ugc noopener"
URL = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""
# Characters that reorder or hide text (Trojan-source style spoofing); never meaningful here.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                       "\u200e\u200f\u061c"))


def clean_text(text: str) -> tuple[str, bool]:
    """Normalise newlines, drop control and bidi characters; True when any bidi one was there."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    without_bidi = text.translate(BIDI_CONTROLS)
    kept = "".join(c for c in without_bidi
                   if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs"))
    return kept, without_bidi != text


def safe_url(url: str | None) -> str | None:
    """The address when it is an http(s) address; None for javascript:, data: and the rest."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if re.match(r"^https?://[^\s/]+", url, re.IGNORECASE) and not any(
        c in url for c in " <>\"'`") else None


def link(url: str, label: str | None = None) -> Markup:
    return Markup('<a href="{}" rel="{}">{}</a>').format(url, LINK_REL, label or url)


def linkify(line: str) -> Markup:
    """One line: escaped text, each http(s) address a link (without trailing punctuation)."""
    parts, last = [], 0
    for match in URL.finditer(line):
        url = match.group(0)
        stripped = url.rstrip(TRAILING)
        parts.append(escape(line[last:match.start()]))
        parts.append(link(stripped))
        last = match.start() + len(stripped)
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def comment_html(text: str) -> Markup:
    """Paragraphs at blank lines, <br> at single line breaks."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(linkify(line)
                                                          for line in p.strip().split("\n")))
        for p in paragraphs)
