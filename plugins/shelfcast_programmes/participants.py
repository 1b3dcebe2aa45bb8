"""Participants' own blogs: an OPML list of their feeds, and (only when asked) their latest posts.

Fetching is off by default: a build must never depend on other people's servers. With
`invoke build --fetch-participants` each feed is fetched with a timeout; a feed that is
broken, slow or gone is reported as a warning and skipped, and the last good copy (cached
under CACHE_PATH) is used. Nothing a participant's feed says can fail the build.
"""

from __future__ import annotations

import json
import os
import urllib.request
from dataclasses import dataclass
from xml.etree import ElementTree

import feedparser

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
        link = entry.get("link", "")
        title = (entry.get("title") or "").strip()
        if not title or not link.startswith(("https://", "http://")):
            continue
        posts.append(RemotePost(title[:200], link, (entry.get("published") or "")[:40]))
        if len(posts) == count:
            break
    return posts


def fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Shelfcast participant feeds"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
        return response.read(MAX_FEED_BYTES)


def fetch_all(participants: list[Participant], timeout: float, count: int,
              cache_path: str) -> tuple[dict[str, list[RemotePost]], list[str]]:
    """Latest posts by feed URL, and one plain warning per feed that could not be used."""
    cache = _load(cache_path)
    found, warnings = {}, []
    for person in participants:
        if not person.feed_url:
            continue
        try:
            posts = latest_posts(fetch(person.feed_url, timeout), count)
        except (OSError, ValueError) as err:  # URLError, timeouts, refused connections
            posts = None
            warnings.append(f"{person.name}'s feed {person.feed_url} could not be fetched "
                            f"({_reason(err)}); showing the last copy, if any")
        if posts is not None and not posts:
            warnings.append(f"{person.name}'s feed {person.feed_url} has no readable posts; "
                            "check the address with the participant")
        if posts:
            cache[person.feed_url] = [post.__dict__ for post in posts]
        found[person.feed_url] = [RemotePost(**p) for p in cache.get(person.feed_url, [])]
    _save(cache_path, cache)
    return found, warnings


def _reason(err: Exception) -> str:
    return str(getattr(err, "reason", "") or err)[:80] or type(err).__name__


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
