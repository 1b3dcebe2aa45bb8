"""Which kind of page each built HTML file is, decided from its URL and its markup.

Pure functions over paths and text, so that page types added later by other plugins are found
without changing the tests: a page is recognised by its URL pattern, or for pages written at
post or page URLs by its schema.org type (JSON-LD or microdata), an <audio> in <main>
or a class="playlist" block.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

PAGE_TYPES = ("home", "post", "page", "section", "tag", "author", "archive", "episode", "show",
              "album", "artist", "genre", "playlist", "search", "404", "question", "questions",
              "discussion", "gallery", "photo", "events", "event", "programme", "lesson")

_INDEX = r"(index\.html)?"
URL_RULES = (
    ("home", rf"^{_INDEX}$"),
    ("search", r"^search(\.html|/|/index\.html)$"),
    ("404", r"^404\.html$"),
    ("section", rf"^(section|category)/[^/]+/{_INDEX}$"),
    ("tag", rf"^tags?/[^/]+/{_INDEX}$"),
    ("author", rf"^authors?/[^/]+/{_INDEX}$"),
    ("archive", rf"^archives?/{_INDEX}$"),
    ("show", rf"^(podcasts?|shows?)/[^/]+/{_INDEX}$"),
    ("episode", r"^(podcasts?|shows?|episodes?)/(?!.*/page/\d+/).+/[^/]+(\.html|/|/index\.html)$"),
    ("album", r"^(music/)?albums?/[^/]+(\.html|/|/index\.html)$"),
    ("artist", r"^(music/)?artists?/[^/]+(\.html|/|/index\.html)$"),
    ("genre", r"^(music/)?genres?/[^/]+(\.html|/|/index\.html)$"),
    ("playlist", r"^(music/)?playlists?/[^/]+(\.html|/|/index\.html)$"),
    ("questions", rf"^questions/((topic|age)/[^/]+/)?{_INDEX}$"),
    ("question", r"^questions/[^/]+\.html$"),
    ("gallery", rf"^galleries/[^/]+/{_INDEX}$"),
    ("photo", r"^galleries/[^/]+/[^/]+\.html$"),
    ("events", rf"^events/([^/]+/)?{_INDEX}$"),
    ("lesson", r"^programmes/[^/]+/thing-\d+\.html$"),
    ("programme", rf"^programmes/[^/]+/({_INDEX}|all\.html|participants\.html)$"),
    ("post", r"^posts/\d{4}/[^/]+\.html$"),
    ("page", r"^[^/]+\.html$"),
)
SCHEMA_TYPES = {"PodcastEpisode": "episode", "PodcastSeries": "show", "MusicAlbum": "album",
                "MusicPlaylist": "playlist", "MusicGroup": "artist", "Event": "event"}


def url_type(path: str) -> str | None:
    """The page type a site-relative URL path ("posts/2026/x.html", "tag/y/") suggests."""
    for name, pattern in URL_RULES:
        if re.match(pattern, path):
            return name
    return None


def markup_type(html: str) -> str | None:
    """The page type the page's own markup declares, if any."""
    for schema, name in SCHEMA_TYPES.items():
        if re.search(rf'"@type"\s*:\s*"{schema}"|itemtype="https?://schema\.org/{schema}"', html):
            return name
    if re.search(r"<main\b.*<audio\b", html, re.S):
        return "episode"
    # A post with readers' comments under it (the comments plugin's threads).
    if re.search(r"<main\b.*class=\"comment-threads\"", html, re.S):
        return "discussion"
    # The music plugin's playlist block, for when no MusicPlaylist JSON-LD is written.
    if re.search(r"<main\b.*class=\"playlist\"", html, re.S):
        return "playlist"
    return None


def page_type(path: str, html: str) -> str | None:
    """Classify one page; None for pages of no listed type (e.g. the second page of a list)."""
    by_url = url_type(path)
    if by_url in (None, "post", "page"):
        return markup_type(html) or by_url
    return by_url


def sitemap_paths(output: Path) -> list[str]:
    """Site-relative URL paths of every page in output/sitemap.xml, in sitemap order."""
    tree = etree.parse(str(output / "sitemap.xml"))
    locations = tree.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    paths = []
    for location in locations:
        path = re.sub(r"^[a-z]+://[^/]+/?", "", location)
        paths.append(path)
    return paths


def file_for(output: Path, path: str) -> Path:
    """The built file that serves a URL path."""
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


def pages_by_type(output: Path) -> dict[str, list[str]]:
    """Every page of the built site grouped by type; unknown pages under "other"."""
    paths = sitemap_paths(output)
    if (output / "404.html").is_file():
        paths.append("404.html")
    groups: dict[str, list[str]] = {}
    for path in paths:
        html = file_for(output, path).read_text(encoding="utf-8")
        groups.setdefault(page_type(path, html) or "other", []).append(path)
    return groups
