"""podcasts.opml: every show's feed, so a patron can subscribe to all of them at once."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree


def opml(title: str, shows: list[tuple[str, str, str]]) -> str:
    """OPML 2.0 with one outline per (title, feed URL, page URL), sorted by title."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0">',
             f"  <head><title>{escape(title)}</title></head>", "  <body>"]
    for name, feed_url, page_url in sorted(shows):
        lines.append(f'    <outline type="rss" text={quoteattr(name)} title={quoteattr(name)} '
                     f"xmlUrl={quoteattr(feed_url)} htmlUrl={quoteattr(page_url)}/>")
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def feed_addresses(opml_bytes: bytes) -> list[tuple[str, str]]:
    """(title, xmlUrl) of each outline of an OPML file, in its order."""
    root = etree.fromstring(opml_bytes, etree.XMLParser(resolve_entities=False, no_network=True))
    return [(o.get("text") or o.get("title") or "", o.get("xmlUrl"))
            for o in root.iter("outline") if o.get("xmlUrl")]
