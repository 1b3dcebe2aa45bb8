"""More Podcasting 2.0 where a static host can: podroll, txt, socialInteract, images, and the
WebSub hub link; read by podcast-partytime (npm), podcastparser and feedparser."""

from __future__ import annotations

import feedparser
import podcastparser
from mpegframes import cbr
from podcasttools import EPISODE, SHOW_YAML, episode, image_bytes
from test_podcast_alternates import partytime

PARTNER = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
STORIES_GUID = "5b1c7a39-3f2e-5a8b-9b8e-0c1f6d2e4a11"
THREAD = "https://mastodon.example/@library/111222333"


def two_shows(site, talk_extra: str = "", first: str = EPISODE) -> None:
    site.write("podcasts/talk/show.yaml", SHOW_YAML + talk_extra)
    site.write("podcasts/talk/cover.png", image_bytes((1500, 1500)))
    site.write("podcasts/talk/audio/first.mp3", cbr(2))
    site.write("podcasts/talk/first.md", first)
    site.write("podcasts/stories/show.yaml",
               SHOW_YAML.replace("Test Talk", "Stories") + f"    guid: {STORIES_GUID}\n")
    site.write("podcasts/stories/cover.png", image_bytes())
    site.write("podcasts/stories/audio/first.mp3", cbr(2))
    site.write("podcasts/stories/one.md", episode(guid="stories-1"))


TALK_EXTRA = f"""
    podroll:
      - stories
      - guid: {PARTNER}
        url: https://partner.example.org/podcasts/books/feed.xml
    txt:
      - purpose: verify
        text: S6lpp-7ZCn8-dZfGc-OoyaG
      - Recorded at Ørstad Public Library
"""


def test_podroll_txt_images_and_social_interact_reach_an_independent_parser(site):
    two_shows(site, TALK_EXTRA, episode(fediverse_thread=THREAD))
    assert site.build(PODCAST={"websub_hub": "https://hub.example.org/"}) == 0, site.messages
    feed_path = site.output / "podcasts/talk/feed.xml"
    feed = partytime(feed_path)
    assert feed["podroll"] == [
        {"feedGuid": STORIES_GUID, "feedUrl": "http://127.0.0.1:8000/podcasts/stories/feed.xml"},
        {"feedGuid": PARTNER, "feedUrl": "https://partner.example.org/podcasts/books/feed.xml"}]
    assert feed["podcastTxt"] == [{"value": "S6lpp-7ZCn8-dZfGc-OoyaG", "purpose": "verify"},
                                  {"value": "Recorded at Ørstad Public Library"}]
    assert feed["podcastImages"][0]["raw"] == \
        "http://127.0.0.1:8000/podcasts/talk/cover.png 1500w"
    item = feed["items"][0]
    assert item["podcastSocialInteraction"] == [{
        "platform": "activitypub", "id": "@library@mastodon.example", "url": THREAD,
        "priority": 1, "profileUrl": "https://mastodon.example/@library"}]
    assert item["podcastImages"][0]["raw"].endswith("/podcasts/talk/cover.png 1500w")
    with feed_path.open("rb") as stream:
        assert len(podcastparser.parse("http://127.0.0.1:8000/x", stream)["episodes"]) == 1
    parsed = feedparser.parse(feed_path.read_bytes())
    assert not parsed.bozo
    assert {link.rel: link.href for link in parsed.feed.links}["hub"] == \
        "https://hub.example.org/"


def test_a_podroll_naming_no_show_of_the_site_says_which_there_are(site):
    two_shows(site, "    podroll: [storys]\n")
    assert site.build() == 1
    assert "1 error(s)" in site.messages
    assert ("content/podcasts/talk/show.yaml: podroll: 'storys' is not another show of this "
            "site (they are: stories)") in site.messages


def test_a_wrong_podroll_entry_or_txt_is_named_with_the_fix(site):
    two_shows(site, "    podroll:\n      - guid: 12\n    txt:\n      - text: ''\n")
    assert site.build() == 1
    assert "podroll: {'guid': 12} is neither a show folder of this site nor a partner's show" \
        in site.messages
    assert "txt: {'text': ''} must be text of up to 4000 characters" in site.messages
    assert "2 error(s)" in site.messages


def test_a_fediverse_thread_that_is_not_https_is_named(site):
    two_shows(site, first=episode(fediverse_thread="http://mastodon.example/@library/1"))
    assert site.build() == 1
    assert ("fediverse_thread: 'http://mastodon.example/@library/1' is not an https:// "
            "address") in site.messages
    assert "1 error(s)" in site.messages
