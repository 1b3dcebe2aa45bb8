"""PODCAST["prefix"]: an OP3-style measurement prefix before the feed's enclosures, opt-in only;
GUIDs and the episode page's own links never change with it."""

from __future__ import annotations

import podcastparser
from lxml import etree

PREFIX = "https://op3.dev/e/"
FEED = "podcasts/talk/feed.xml"


def enclosure_and_guid(site) -> tuple[str, str]:
    with (site.output / FEED).open("rb") as stream:
        found = podcastparser.parse("http://127.0.0.1:8000/" + FEED, stream)["episodes"][0]
    return found["enclosures"][0]["url"], found["guid"]


def test_the_prefix_is_opt_in_and_leaves_guids_and_pages_alone(show_site):
    assert show_site.build() == 0, show_site.messages
    plain, guid = enclosure_and_guid(show_site)
    assert plain == "http://127.0.0.1:8000/podcasts/talk/audio/first.mp3"
    page = show_site.read("podcasts/talk/first-episode.html")
    assert show_site.build(PODCAST={"prefix": PREFIX}) == 0, show_site.messages
    prefixed, same_guid = enclosure_and_guid(show_site)
    assert prefixed == "https://op3.dev/e/127.0.0.1:8000/podcasts/talk/audio/first.mp3"
    assert same_guid == guid
    assert show_site.read("podcasts/talk/first-episode.html") == page


def test_a_prefix_or_hub_that_is_no_web_address_is_named(show_site):
    assert show_site.build(PODCAST={"prefix": "op3.dev/e/", "websub_hub": "hub"}) == 1
    assert ("pelicanconf.py: PODCAST['prefix']: 'op3.dev/e/' is not a full https or http "
            "address; write e.g. 'https://op3.dev/e/'") in show_site.messages
    assert "PODCAST['websub_hub']: 'hub' is not a full https or http address" \
        in show_site.messages


def test_no_hub_link_without_a_hub(show_site):
    assert show_site.build() == 0, show_site.messages
    channel = etree.parse(str(show_site.output / FEED)).find("channel")
    rels = [link.get("rel") for link in channel.findall("{http://www.w3.org/2005/Atom}link")]
    assert rels == ["self"]
