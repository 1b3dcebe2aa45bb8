"""A feedgen extension for the iTunes and Podcasting 2.0 tags.

Ours instead of feedgen's own podcast extension, which writes itunes:explicit as yes/no/clean
(Apple now wants true/false), drops an itunes:image whose URL does not end in .jpg or .png and
knows nothing of the podcast: namespace.
"""

from __future__ import annotations

import re
from email.utils import format_datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
MASTODON_POST = re.compile(r"^https://([^/@\s]+)/@([A-Za-z0-9_.-]+)(?:/|$)")


def _add(parent, namespace: str, tag: str, content=None, **attributes):
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}")
    for key, value in attributes.items():
        if value is not None:
            element.set(key, str(value))
    if content is not None:
        element.text = str(content)
    return element


def _persons(parent, persons: list[dict]) -> None:
    for person in persons:
        _add(parent, PODCAST, "person", person["name"], role=person["role"],
             group=person.get("group"), href=person.get("href"), img=person.get("img"))


def _bool(value: bool) -> str:
    return "true" if value else "false"


class ShowExtension(BaseExtension):
    """Channel tags; set `channel` to a ChannelData before rendering."""

    def __init__(self):
        self.channel = None

    def extend_ns(self):
        return {"itunes": ITUNES, "podcast": PODCAST}

    def extend_rss(self, feed):
        channel, data = feed[0], self.channel
        _add(channel, ITUNES, "author", data.author)
        owner = _add(channel, ITUNES, "owner")
        _add(owner, ITUNES, "name", data.owner_name)
        _add(owner, ITUNES, "email", data.owner_email)
        _add(channel, ITUNES, "image", href=data.image_url)
        for main, sub in data.categories:
            element = _add(channel, ITUNES, "category", text=main)
            if sub:
                _add(element, ITUNES, "category", text=sub)
        _add(channel, ITUNES, "explicit", _bool(data.explicit))
        _add(channel, ITUNES, "type", data.type)
        _add(channel, ITUNES, "summary", data.description)
        if data.new_feed_url:
            _add(channel, ITUNES, "new-feed-url", data.new_feed_url)
        if data.complete:
            _add(channel, ITUNES, "complete", "Yes")
        if data.websub_hub:
            # WebSub: a hub that apps subscribe to; `invoke publish` tells it of each change.
            _add(channel, ATOM, "link", rel="hub", href=data.websub_hub)
        _add(channel, PODCAST, "guid", data.guid)
        _add(channel, PODCAST, "locked", "yes" if data.locked else "no", owner=data.owner_email)
        if data.funding:
            _add(channel, PODCAST, "funding", data.funding["text"], url=data.funding["url"])
        self._podcasting_2_0(channel, data)
        return feed

    def _podcasting_2_0(self, channel, data) -> None:
        """The show.yaml fields of the Podcasting 2.0 namespace, each only when given."""
        width, height = data.image_size or (None, None)
        _add(channel, PODCAST, "image", href=data.image_url, width=width, height=height)
        for trailer in data.trailers:
            _add(channel, PODCAST, "trailer", trailer.title[:128], url=trailer.url,
                 pubdate=format_datetime(trailer.pub_date), length=trailer.length,
                 type=trailer.mime, season=trailer.season)
        if data.medium:
            _add(channel, PODCAST, "medium", data.medium)
        if data.license:
            _add(channel, PODCAST, "license", data.license["name"], url=data.license["url"])
        if data.update_frequency:
            frequency = data.update_frequency
            _add(channel, PODCAST, "updateFrequency", frequency["text"], rrule=frequency["rrule"],
                 dtstart=frequency["dtstart"], complete="true" if data.complete else None)
        _persons(channel, data.persons)
        _images(channel, data.images)
        for line in data.txt:
            _add(channel, PODCAST, "txt", line["text"], purpose=line["purpose"])
        if data.podroll:
            podroll = _add(channel, PODCAST, "podroll")
            for show in data.podroll:
                _add(podroll, PODCAST, "remoteItem", feedGuid=show["guid"], feedUrl=show["url"])
        if data.block:
            _add(channel, ITUNES, "block", "Yes")
            _add(channel, PODCAST, "block", "yes")


class EpisodeExtension(BaseEntryExtension):
    """Item tags; set `item` to an ItemData before rendering."""

    def __init__(self):
        self.item = None

    def extend_ns(self):
        return {"itunes": ITUNES, "podcast": PODCAST}

    def extend_rss(self, entry):
        item = self.item
        _add(entry, ITUNES, "title", item.title)
        _add(entry, ITUNES, "duration", item.duration)
        if item.summary:
            _add(entry, ITUNES, "summary", item.summary)
        if item.image_url:
            _add(entry, ITUNES, "image", href=item.image_url)
            _add(entry, PODCAST, "image", href=item.image_url)
        if item.explicit is not None:
            _add(entry, ITUNES, "explicit", _bool(item.explicit))
        if item.season is not None:
            _add(entry, ITUNES, "season", item.season)
        if item.episode is not None:
            _add(entry, ITUNES, "episode", item.episode)
        _add(entry, ITUNES, "episodeType", item.episode_type)
        if item.transcript:
            _add(entry, PODCAST, "transcript", url=item.transcript["url"],
                 type=item.transcript["type"], language=item.transcript["language"],
                 rel="captions" if item.transcript["type"] != "text/html" else None)
        if item.chapters_url:
            _add(entry, PODCAST, "chapters", url=item.chapters_url,
                 type="application/json+chapters")
        _persons(entry, item.persons)
        if item.season is not None:
            _add(entry, PODCAST, "season", item.season)
        if item.episode is not None:
            _add(entry, PODCAST, "episode", item.episode)
        _alternates(entry, item.alternates)
        _images(entry, item.images)
        if item.social_interact:
            account, profile = fediverse_account(item.social_interact)
            _add(entry, PODCAST, "socialInteract", uri=item.social_interact,
                 protocol="activitypub", accountId=account, accountUrl=profile, priority=1)
        return entry


def fediverse_account(post_url: str) -> tuple[str | None, str | None]:
    """(@name@server, profile URL) from a Mastodon-style post address, else (None, None)."""
    found = MASTODON_POST.match(post_url)
    if not found:
        return None, None
    server, name = found.groups()
    return f"@{name}@{server}", f"https://{server}/@{name}"


def _images(parent, images: list[tuple[str, int]]) -> None:
    """podcast:images: the artwork in each size we publish, as an HTML srcset."""
    if images:
        _add(parent, PODCAST, "images", srcset=", ".join(f"{url} {width}w"
                                                         for url, width in images))


def _alternates(entry, alternates: list[dict]) -> None:
    """podcast:alternateEnclosure with its source and SRI integrity (the original is the one
    marked default="true")."""
    for version in alternates:
        element = _add(entry, PODCAST, "alternateEnclosure", type=version["mime"],
                       length=version["length"], bitrate=version["bitrate"],
                       default="true" if version["default"] else None,
                       title=version["title"][:32])
        _add(element, PODCAST, "source", uri=version["url"])
        if version["integrity"]:
            _add(element, PODCAST, "integrity", type="sri", value=version["integrity"])
