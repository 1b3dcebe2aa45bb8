"""Reading a built site the way a crawler would: HTML files, parsed with lxml."""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

SITE = "http://127.0.0.1:8000"


def html_pages(output: Path) -> dict[str, html.HtmlElement]:
    """Every HTML file of a build, keyed by its path relative to output/."""
    return {path.relative_to(output).as_posix(): html.fromstring(path.read_bytes())
            for path in sorted(output.rglob("*.html"))}


def sitemap_paths(output: Path) -> set[str]:
    tree = etree.parse(str(output / "sitemap.xml"))
    locs = tree.xpath("//*[local-name()='loc']/text()")
    return {loc.removeprefix(SITE + "/") or "index.html" for loc in locs}


def meta(page, name: str) -> str | None:
    found = page.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return found[0] if found else None
