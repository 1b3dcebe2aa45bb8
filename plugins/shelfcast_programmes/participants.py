"""Participants' own blogs: an OPML list of their feeds, and (only when asked) their latest posts.

Fetching is off by default: a build must never depend on other people's servers. With
`invoke build --fetch-participants` each feed is fetched through the site kit's fetcher
(public addresses only, after every redirect; `fetch_timeout` seconds for the whole feed); a
feed that is broken, slow or gone is reported as a warning and skipped, and the last good copy
(cached under CACHE_PATH) is used. The cache is input like the feed: each entry read back is
checked again as if it had just been fetched. Nothing a participant's feed says can fail the
build.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from xml.etree import ElementTree

import feedparser
from shelfcast_sitekit.fetcher import FetchError, Limits, fetch_bytes
from shelfcast_sitekit.urls import safe_url

from .programme import Participant

MAX_FEED_BYTES = 2_000_000


@dataclass(frozen=True)
class RemotePost:
    title: str
    url: str
    published: str  # ISO date as the feed gave it, or ""


def opml(title: str, participants: list[Participant]) -> bytes:
    """OPML 2.0 listing every participant's feed (feed readers import it in one go)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    for person in participants:
        if person.feed_url:
            attributes = {"type": "rss", "text": person.name, "title": person.name,
                          "xmlUrl": person.feed_url}
            if person.blog_url:
                attributes["htmlUrl"] = person.blog_url
            ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "utf-8")


def latest_posts(data: bytes, count: int) -> list[RemotePost]:
    """The newest `count` posts of a feed, http(s) links only; [] for anything unreadable."""
    parsed = feedparser.parse(data)
    posts = []
    for entry in parsed.entries:
        post = remote_post({"title": entry.get("title"), "url": entry.get("link"),
                            "published": entry.get("published")})
        if post is not None:
            posts.append(post)
        if len(posts) == count:
            break
    return posts


def remote_post(entry) -> RemotePost | None:
    """One post as it may be published (from a feed or read back from the cache): a title and
    an http(s) link, or None."""
    if not isinstance(entry, dict):
        return None
    title, link = entry.get("title"), entry.get("url")
    published = entry.get("published") if isinstance(entry.get("published"), str) else ""
    if not isinstance(title, str) or not title.strip() or not isinstance(link, str):
        return None
    link = safe_url(link.strip())
    if not link or not link.lower().startswith(("https://", "http://")):
        return None
    return RemotePost(title.strip()[:200], link, published[:40])


def fetch_all(participants: list[Participant], timeout: float, count: int,
              cache_path: str, allow_local: bool = False
              ) -> tuple[dict[str, list[RemotePost]], list[str]]:
    """Latest posts by feed URL, and one plain warning per feed that could not be used."""
    cache = _load(cache_path)
    limits = Limits(max_bytes=MAX_FEED_BYTES, seconds=timeout, allow_local=allow_local)
    found, warnings = {}, []
    for person in participants:
        if not person.feed_url:
            continue
        try:
            posts = latest_posts(fetch_bytes(person.feed_url, limits), count)
        except FetchError as err:
            posts = None
            warnings.append(f"{person.name}'s feed could not be fetched ({err}); showing the "
                            "last copy, if any")
        if posts is not None and not posts:
            warnings.append(f"{person.name}'s feed {person.feed_url} has no readable posts; "
                            "check the address with the participant")
        if posts:
            cache[person.feed_url] = [post.__dict__ for post in posts]
        found[person.feed_url], dropped = _cached_posts(cache.get(person.feed_url))
        if dropped:
            warnings.append(f"{person.name}'s cached copy in {cache_path} had {dropped} "
                            "entries that are not a title with an http(s) link; left out "
                            "(someone may have edited the cache)")
    _save(cache_path, cache)
    return found, warnings


def _cached_posts(entries) -> tuple[list[RemotePost], int]:
    """The cache's posts checked again as new input, and how many were dropped."""
    entries = entries if isinstance(entries, list) else []
    posts = [p for p in (remote_post(e) for e in entries) if p is not None]
    return posts, len(entries) - len(posts)


def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save(path: str, cache: dict) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path + ".part", "w", encoding="utf-8") as handle:
        json.dump(cache, handle, sort_keys=True, indent=1)
    os.replace(path + ".part", path)
