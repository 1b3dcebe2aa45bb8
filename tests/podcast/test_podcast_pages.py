"""Show and episode pages as search engines and link previews read them: schema.org JSON-LD
(PodcastSeries, PodcastEpisode) and one og:image each, the episode's art or else the show's."""

import json

import podcastparser
from lxml import html
from mpegframes import cbr
from podcasttools import episode, image_bytes

SHOW = "podcasts/talk/"
SITE = "http://127.0.0.1:8000/"
HOSTILE = "Tom & Jerry's \"night\" </script><script>alert(1)</script>"


def page(site, path):
    return html.fromstring(site.read(path))


def json_ld(tree, kind):
    found = [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
    matching = [d for d in found if d.get("@type") == kind]
    assert len(matching) == 1, found
    return matching[0]


def og_images(tree):
    return tree.xpath("//meta[@property='og:image']/@content")


def build(show_site):
    show_site.write(SHOW + "art.png", image_bytes((1500, 1500)))
    show_site.write(SHOW + "audio/second.mp3", cbr(1))
    show_site.write(SHOW + "first.md", episode(image="podcasts/talk/art.png", season="2",
                                               episode="5", image_alt="Two owls reading"))
    show_site.write(SHOW + "second.md", episode(title=json.dumps(HOSTILE), guid="test-guid-2",
                                                audio="audio/second.mp3", slug="second",
                                                date="2026-01-06 10:00"))
    assert show_site.build() == 0, show_site.messages
    with open(show_site.output / "podcasts/talk/feed.xml", "rb") as stream:
        return podcastparser.parse(f"{SITE}podcasts/talk/feed.xml", stream)


def test_episode_pages_carry_podcast_episode_json_ld_matching_the_feed(show_site):
    feed = build(show_site)
    items = {e["title"]: e for e in feed["episodes"]}
    tree = page(show_site, "podcasts/talk/first-episode.html")
    data = json_ld(tree, "PodcastEpisode")
    item = items["First episode"]
    assert data["name"] == "First episode"
    assert data["url"] == item["link"] == f"{SITE}podcasts/talk/first-episode.html"
    assert data["associatedMedia"]["contentUrl"] == item["enclosures"][0]["url"]
    assert data["associatedMedia"]["encodingFormat"] == "audio/mpeg"
    assert data["duration"] == f"PT{item['total_time']}S"
    assert data["episodeNumber"] == 5 and data["partOfSeason"]["seasonNumber"] == 2
    assert data["partOfSeries"]["webFeed"] == f"{SITE}podcasts/talk/feed.xml"
    assert data["partOfSeries"]["name"] == feed["title"]
    assert data["image"] == f"{SITE}podcasts/talk/art.png"
    assert data["inLanguage"] == "en"


def test_json_ld_keeps_a_hostile_title_inside_its_script(show_site):
    build(show_site)
    text = show_site.read("podcasts/talk/second.html")
    scripts = html.fromstring(text).xpath("//script[@type='application/ld+json']")
    assert any(json.loads(s.text).get("name") == HOSTILE for s in scripts)
    for script in scripts:
        assert "</script" not in script.text.lower()


def test_show_page_carries_podcast_series_json_ld_listing_its_episodes(show_site):
    feed = build(show_site)
    data = json_ld(page(show_site, "podcasts/talk/index.html"), "PodcastSeries")
    assert data["name"] == feed["title"] == "Test Talk"
    assert data["url"] == f"{SITE}podcasts/talk/"
    assert data["webFeed"] == f"{SITE}podcasts/talk/feed.xml"
    assert data["image"] == f"{SITE}podcasts/talk/cover.png"
    assert sorted(e["url"] for e in data["episode"]) == sorted(e["link"] for e in
                                                               feed["episodes"])


def test_each_page_has_one_og_image_the_episodes_art_else_the_shows(show_site):
    build(show_site)
    first = page(show_site, "podcasts/talk/first-episode.html")
    assert og_images(first) == [f"{SITE}podcasts/talk/art.png"]
    assert first.xpath("//meta[@property='og:image:width']/@content") == ["1500"]
    assert first.xpath("//meta[@property='og:image:alt']/@content") == ["Two owls reading"]
    assert first.xpath("//meta[@name='twitter:image']/@content") == og_images(first)
    second = page(show_site, "podcasts/talk/second.html")
    assert og_images(second) == [f"{SITE}podcasts/talk/cover.png"]
    show = page(show_site, "podcasts/talk/index.html")
    assert og_images(show) == [f"{SITE}podcasts/talk/cover.png"]
    assert show.xpath("//meta[@property='og:image:width']/@content") == ["1400"]
