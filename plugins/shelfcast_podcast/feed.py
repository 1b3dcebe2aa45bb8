"""One show's RSS feed from plain data: the same data always gives the same bytes."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree
from lxml import html as lxml_html
from markupsafe import Markup

from .feedext import EpisodeExtension, ShowExtension


@dataclass
class ChannelData:
    title: str
    description: str
    link: str                 # the show page, absolute
    feed_url: str
    language: str
    author: str
    owner_name: str
    owner_email: str
    image_url: str
    categories: list
    explicit: bool
    type: str
    guid: str
    locked: bool
    last_build: datetime
    copyright: str | None = None
    funding: dict | None = None
    new_feed_url: str | None = None
    complete: bool = False
    generator: str = "Shelfcast"
    image_size: tuple[int, int] | None = None
    persons: list = field(default_factory=list)
    medium: str | None = None
    license: dict | None = None            # {name, url}
    update_frequency: dict | None = None   # {text, rrule, dtstart}
    block: bool = False
    trailers: list = field(default_factory=list)   # [TrailerData], newest first
    websub_hub: str | None = None          # <atom:link rel="hub">: apps subscribe there
    podroll: list = field(default_factory=list)    # [{guid, url}] of recommended shows
    txt: list = field(default_factory=list)        # [{text, purpose}]
    images: list = field(default_factory=list)     # [(url, width)]: podcast:images srcset


@dataclass
class TrailerData:
    """A trailer episode, also announced in the channel (podcast:trailer)."""

    title: str
    url: str
    pub_date: datetime
    length: int
    mime: str
    season: int | None = None


@dataclass
class ItemData:
    guid: str
    title: str
    link: str
    pub_date: datetime
    enclosure_url: str
    length: int
    mime: str
    duration: int
    summary: str | None = None
    content_html: str | None = None
    episode: int | None = None
    season: int | None = None
    episode_type: str = "full"
    explicit: bool | None = None
    image_url: str | None = None
    transcript: dict | None = None   # {url, type, language}
    chapters_url: str | None = None
    persons: list = field(default_factory=list)
    # podcast:alternateEnclosure: [{url, mime, length, bitrate, integrity, default, title}]
    alternates: list = field(default_factory=list)
    social_interact: str | None = None    # the episode's fediverse thread
    images: list = field(default_factory=list)     # [(url, width)]


def as_html(text: str) -> str:
    """Plain text for an RSS <description>, which apps render as HTML: `<`, `>`, `&` escaped.

    A summary written with entities (`&lt;img onerror=...&gt;`) is plain text by now; written
    unescaped, an app would render it as a real tag.
    """
    return html.escape(text, quote=False)


def absolute_links(body: str, page_url: str) -> str:
    """Show notes with every relative href/src resolved against the episode page's URL.

    On the page `audio/x.mp3` or `../../posts/...` work; a podcast app shows the notes with no
    page around them, so they must be absolute in the feed.
    """
    if not body or not body.strip():
        return body
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    root.make_links_absolute(page_url, resolve_base_href=False, handle_failures="ignore")
    parts = [root.text or ""] + [etree.tostring(child, encoding="unicode", method="html")
                                 for child in root]
    return "".join(parts)


def build_feed(channel: ChannelData, items: list[ItemData]) -> bytes:
    """RSS 2.0 with iTunes and Podcasting 2.0 tags; items newest first, as listed."""
    fg = FeedGenerator()
    fg.register_extension("shelfcast", ShowExtension, EpisodeExtension)
    fg.shelfcast.channel = channel
    fg.title(channel.title)
    fg.description(as_html(channel.description))
    # feedgen takes the channel's <link> from the last link given: self first, page last.
    fg.link(href=channel.feed_url, rel="self")
    fg.link(href=channel.link, rel="alternate")
    fg.language(channel.language)
    fg.image(url=channel.image_url, title=channel.title, link=channel.link)
    fg.lastBuildDate(channel.last_build)
    fg.generator(channel.generator)
    if channel.copyright:
        fg.copyright(channel.copyright)
    for item in items:
        _add_item(fg, item)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def _add_item(fg: FeedGenerator, item: ItemData) -> None:
    entry = fg.add_entry(order="append")
    entry.shelfcast.item = item
    entry.title(item.title)
    entry.link(href=item.link)
    entry.guid(item.guid, permalink=False)
    entry.pubDate(item.pub_date)
    # feedgen moves the content into <description> when there is no description; a plain
    # text one keeps the show notes in content:encoded, where podcast apps look for HTML.
    if item.summary or item.content_html:
        entry.description(as_html(item.summary or Markup(item.content_html).striptags()
                                  or item.title))
    if item.content_html:
        entry.content(item.content_html, type="CDATA")
    entry.enclosure(item.enclosure_url, str(item.length), item.mime)
