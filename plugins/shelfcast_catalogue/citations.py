"""Citations reference managers read: COinS (OpenURL Z39.88-2004 in a span) and schema.org.

Neither form writes an identifier as a URI (no `urn:isbn:`), so no identifier scheme shows up
in the built site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from .identifiers import upc_as_ean
from .links import Link

COINS_VERSION = "Z39.88-2004"
RECORDINGS = ("ean", "upc")


@dataclass(frozen=True)
class CatalogueItem:
    """One referenced item of a page: its link and the words the author linked."""

    link: Link
    title: str          # link text as plain text
    title_html: str     # link text as the author formatted it (safe HTML from Markdown)
    line: int | None = None

    @property
    def coins(self) -> str:
        return coins_title(self.link, self.title)

    @property
    def identifier(self) -> str:
        return self.link.identifier


def coins_title(link: Link, title: str) -> str:
    """The KEV string for a COinS span's title attribute (escape it when writing HTML)."""
    pairs = [("ctx_ver", COINS_VERSION), ("rfr_id", "info:sid/shelfcast")]
    if link.scheme == "isbn":
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "book"),
                  ("rft.btitle", title), ("rft.isbn", link.value)]
    elif link.scheme == "issn":
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "journal"),
                  ("rft.jtitle", title), ("rft.issn", link.value)]
    else:
        dc_type = "Sound" if link.scheme in RECORDINGS else "Text"
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", dc_type),
                  ("rft.title", title), ("rft.identifier", link.url)]
    return urlencode(pairs)


def mention(item: CatalogueItem) -> dict:
    """The schema.org thing an item is: a Book, a MusicAlbum, a Periodical or a work."""
    link = item.link
    thing = {"name": item.title, "url": link.url}
    if link.scheme == "isbn":
        return {"@type": "Book", **thing, "isbn": link.value}
    if link.scheme in RECORDINGS:
        gtin = upc_as_ean(link.value) if link.scheme == "upc" else link.value
        return {"@type": "MusicAlbum", **thing, f"gtin{len(gtin)}": gtin}
    if link.scheme == "issn":
        return {"@type": "Periodical", **thing, "issn": link.value}
    return {"@type": "CreativeWork", **thing,
            "identifier": {"@type": "PropertyValue", "propertyID": link.scheme,
                           "value": link.value}}


def json_ld(kind: str, headline: str, url: str, published: str | None,
            items: list[CatalogueItem]) -> str:
    """schema.org JSON-LD for a post or episode and what it mentions, safe inside <script>."""
    data = {"@context": "https://schema.org", "@type": kind, "headline": headline, "url": url}
    if published:
        data["datePublished"] = published
    data["mentions"] = [mention(item) for item in items]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" in a title must not end the script element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
