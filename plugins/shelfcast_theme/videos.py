"""Recognise YouTube and Vimeo addresses and find the `[video](address)` lines in a post.

The page shows a local poster and a link; only a click loads the player, from the
privacy-enhanced hosts (youtube-nocookie.com, player.vimeo.com with dnt=1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from shelfcast_sitekit.htmlfragments import inner_html, parse_fragment, replace_with_marker

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                 "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
# What a link written as `[text](url "title")` carries; a link with more is left alone.
LINK_ATTRIBUTES = {"href", "title"}


@dataclass(frozen=True)
class Video:
    provider: str
    id: str
    watch_url: str
    embed_url: str


def parse_video_url(url: str) -> Video | None:
    """A YouTube or Vimeo page address -> Video; None for anything else."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    if parts.scheme not in ("http", "https"):
        return None
    if host in YOUTUBE_HOSTS or host in ("youtu.be", "www.youtu.be"):
        return _youtube(host, parts)
    if host in VIMEO_HOSTS:
        return _vimeo(parts)
    return None


def _youtube(host: str, parts) -> Video | None:
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if host.endswith("youtu.be"):
        candidate = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        candidate = (query.get("v") or [""])[0]
    elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        candidate = segments[1]
    else:
        return None
    if not YOUTUBE_ID.match(candidate):
        return None
    start = (query.get("t") or query.get("start") or [""])[0].rstrip("s")
    extra = f"&start={start}" if start.isdigit() else ""
    return Video("YouTube", candidate, f"https://www.youtube.com/watch?v={candidate}",
                 f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1{extra}")


def _vimeo(parts) -> Video | None:
    numbers = [s for s in parts.path.split("/") if s.isdigit()]
    if len(numbers) != 1:
        return None
    number = numbers[0]
    return Video("Vimeo", number, f"https://vimeo.com/{number}",
                 f"https://player.vimeo.com/video/{number}?dnt=1&autoplay=1")


def replace_video_links(body: str, render) -> str:
    """Replace each lone `[title](video address)` paragraph by render(video, title)."""
    if "<a" not in body:
        return body
    wrapper = parse_fragment(body)
    players = {}
    for paragraph in list(wrapper.iter("p")):
        link = _lone_link(paragraph)
        video = parse_video_url(link.get("href")) if link is not None else None
        if video is None:
            continue
        title = (link.text or "").strip()
        marker = f"shelfcast-video-{len(players)}"
        players[f"<!--{marker}-->"] = render(video, None if title.lower() in ("", "video")
                                              else title)
        replace_with_marker(paragraph, marker)
    if not players:
        return body        # nothing to edit: the body stays as it was written
    written = inner_html(wrapper)
    for marker, player in players.items():
        written = written.replace(marker, player, 1)
    return written


def _lone_link(paragraph):
    """The paragraph's one <a> when it holds nothing else (bare text inside the link only),
    as Markdown writes `[text](url)` on a line of its own; else None."""
    children = list(paragraph)
    if paragraph.attrib or (paragraph.text or "").strip() or len(children) != 1:
        return None
    link = children[0]
    if link.tag != "a" or len(link) or (link.tail or "").strip() \
            or not set(link.attrib) <= LINK_ATTRIBUTES or "href" not in link.attrib:
        return None
    return link
