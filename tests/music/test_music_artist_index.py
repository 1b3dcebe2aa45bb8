"""The A–Z page of a Danish and a Swedish site, as a reader sees it."""

from __future__ import annotations

import pytest
from lxml import html
from sitetools import Site

ARTISTS = ["Aase Ørum Trio", "Zebra Zone", "Ærø Band", "Åsa Ängström", "Östen med Resten",
           "Abba", "The Beatles"]


def review(number: int, artist: str) -> str:
    return (f"---\ntitle: Review {number}\ndate: 2026-01-{number + 1:02d}\nalbum:\n"
            f"  artist: {artist}\n  title: Album {number}\n---\nText.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("music-az"))
    for number, artist in enumerate(ARTISTS):
        site.write(f"music/review-{number}.md", review(number, artist))
    return site


def index(site: Site, lang: str):
    assert site.build(MUSIC={"collation": lang}) == 0, site.messages
    tree = html.fromstring(site.read("music/artists/index.html"))
    return [(h.text, h.xpath("following-sibling::ul[1]/li/a/text()"))
            for h in tree.xpath("//main//h2")]


def test_danish_site(site):
    assert index(site, "da") == [
        ("A", ["Abba"]), ("T", ["The Beatles"]), ("Z", ["Zebra Zone"]), ("Æ", ["Ærø Band"]),
        ("Ø", ["Östen med Resten"]), ("Å", ["Åsa Ängström", "Aase Ørum Trio"])]


def test_swedish_site(site):
    assert index(site, "sv") == [
        ("A", ["Aase Ørum Trio", "Abba"]), ("T", ["The Beatles"]), ("Z", ["Zebra Zone"]),
        ("Å", ["Åsa Ängström"]), ("Ä", ["Ærø Band"]), ("Ö", ["Östen med Resten"])]


def test_english_site(site):
    assert index(site, "en") == [
        ("A", ["Aase Ørum Trio", "Abba", "Ærø Band", "Åsa Ängström"]),
        ("B", ["The Beatles"]), ("O", ["Östen med Resten"]), ("Z", ["Zebra Zone"])]
