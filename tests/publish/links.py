"""An independent link checker for a published tree: what a reader's browser or podcast app
would try to fetch, starting from the pages already live, must exist."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

HTML_REFS = "//a/@href | //link/@href | //img/@src | //audio/@src | //source/@src | " \
            "//track/@src | //script/@src | //iframe/@src"
XML_REFS = ("//*[local-name()='link']/@href | //*[local-name()='link']/text() | "
            "//enclosure/@url | //*[local-name()='loc']/text() | //outline/@xmlUrl")


def references(path: str, data: bytes) -> list[str]:
    if path.endswith(".html"):
        return [str(v) for v in html.fromstring(data).xpath(HTML_REFS)]
    if path.endswith((".xml", ".opml")):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        return [str(v).strip() for v in etree.fromstring(data, parser).xpath(XML_REFS)]
    return []


def to_path(base_url: str, page: str, ref: str) -> str | None:
    """The site path a reference points at, or None if it leaves the site."""
    absolute = urldefrag(urljoin(f"{base_url}/{page}", ref))[0]
    if not absolute.startswith(base_url + "/"):
        return None
    path = urlsplit(absolute).path[len(urlsplit(base_url).path) + 1:]
    return path + "index.html" if path == "" or path.endswith("/") else path


def missing_references(files: dict[str, bytes], roots, base_urls) -> list[tuple[str, str]]:
    """(page, missing path) for every broken reference reachable from the given root files."""
    missing, seen, todo = [], set(), [r for r in roots if r in files]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for ref in references(page, files[page]):
            for base in base_urls:
                target = to_path(base, page, ref)
                if target is None:
                    continue
                if target in files:
                    todo.append(target)
                else:
                    missing.append((page, target))
    return sorted(set(missing))
