"""sitemap.xml from the HTML pages a build wrote.

Written here rather than with pelican-sitemap, which stamps every index page with the build
time and so makes two builds of the same content differ.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape


def sitemap_xml(site_url: str, pages: list[tuple[str, datetime | None]]) -> str:
    """One <url> per (path relative to the site root, last change or None), sorted by path."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, changed in sorted(set(pages), key=lambda page: page[0]):
        url = escape(f"{site_url.rstrip('/')}/{clean_path(path)}")
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        lines.append(f"<url><loc>{url}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def clean_path(path: str) -> str:
    """Drop a trailing index.html: the folder URL is the page's address."""
    path = path.lstrip("/")
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path
