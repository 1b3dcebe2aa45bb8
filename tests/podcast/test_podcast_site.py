"""The demo site's feeds, pages and OPML, read with the tools podcast apps and browsers use."""

import hashlib
import json
import uuid
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
import yaml
from lxml import etree, html
from podcasttools import ffprobe_duration
from sitetools import KIT_SITE

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0",
      "atom": "http://www.w3.org/2005/Atom",
      "content": "http://purl.org/rss/1.0/modules/content/"}
SHOWS = sorted(p.name for p in (KIT_SITE / "content" / "podcasts").iterdir() if p.is_dir())
SITE = "http://127.0.0.1:8000/"


def published(show: str) -> int:
    """Episodes a patron should get: not drafts, not dated in the future."""
    count = 0
    for path in (KIT_SITE / "content" / "podcasts" / show).glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        date = meta["date"] if isinstance(meta["date"], datetime) else \
            datetime.fromisoformat(str(meta["date"]))
        count += meta.get("status", "published") == "published" and date <= datetime.now()
    return count


def feed(demo, show):
    return etree.parse(str(demo.output / "podcasts" / show / "feed.xml"))


def local(demo, url: str) -> Path:
    assert url.startswith(SITE), url
    return demo.output / url[len(SITE):]


def test_demo_has_a_danish_and_an_english_show_with_three_episodes_each(demo):
    languages = {feed(demo, show).findtext("channel/language") for show in SHOWS}
    assert {"da", "en"} <= languages
    assert all(published(show) >= 3 for show in SHOWS)


@pytest.mark.parametrize("show", SHOWS)
def test_podcastparser_and_feedparser_see_every_published_episode(demo, show):
    path = demo.output / "podcasts" / show / "feed.xml"
    with open(path, "rb") as stream:
        parsed = podcastparser.parse(f"{SITE}podcasts/{show}/feed.xml", stream)
    assert len(parsed["episodes"]) == published(show)
    result = feedparser.parse(path.read_bytes())
    assert not result.bozo, result.get("bozo_exception")
    assert len(result.entries) == published(show)
    assert all(len(e.enclosures) == 1 for e in result.entries)


def test_opml_lists_every_feed_by_its_public_url(demo):
    opml = etree.parse(str(demo.output / "podcasts.opml"))
    urls = sorted(opml.xpath("//outline[@type='rss']/@xmlUrl"))
    selfs = sorted(feed(demo, s).xpath("channel/atom:link[@rel='self']/@href", namespaces=NS)[0]
                   for s in SHOWS)
    assert urls == selfs and len(urls) == len(SHOWS)
    assert all(local(demo, url).is_file() for url in urls)


@pytest.mark.parametrize("show", SHOWS)
def test_enclosure_lengths_and_durations_match_the_published_files(demo, show):
    for item in feed(demo, show).iter("item"):
        enclosure = item.find("enclosure")
        path = local(demo, enclosure.get("url"))
        assert int(enclosure.get("length")) == path.stat().st_size
        duration = int(item.findtext("itunes:duration", namespaces=NS))
        assert abs(duration - ffprobe_duration(path)) <= 1


@pytest.mark.parametrize("show", SHOWS)
def test_apple_required_tags(demo, show):
    channel = feed(demo, show).find("channel")

    def one(path):
        values = channel.xpath(path, namespaces=NS)
        assert len(values) == 1 and str(values[0]).strip(), path
        return str(values[0])

    for path in ("title/text()", "link/text()", "description/text()", "language/text()",
                 "itunes:image/@href", "itunes:author/text()", "itunes:owner/itunes:email/text()",
                 "itunes:type/text()"):
        one(path)
    assert one("itunes:explicit/text()") in ("true", "false")
    assert channel.xpath("itunes:category/@text", namespaces=NS)
    assert local(demo, one("itunes:image/@href")).is_file()
    for item in channel.iter("item"):
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.find("enclosure").get("type") in ("audio/mpeg", "audio/x-m4a")
        assert parsedate_to_datetime(item.findtext("pubDate"))


@pytest.mark.parametrize("show", SHOWS)
def test_podcasting_2_tags(demo, show):
    channel = feed(demo, show).find("channel")
    feed_url = channel.xpath("atom:link[@rel='self']/@href", namespaces=NS)[0]
    expected = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                          feed_url.split("://", 1)[1])
    assert channel.xpath("podcast:guid/text()", namespaces=NS) == [str(expected)]
    assert channel.xpath("podcast:locked/text()", namespaces=NS) == ["yes"]
    for url in channel.xpath("item/podcast:chapters/@url", namespaces=NS):
        assert json.loads(local(demo, url).read_text(encoding="utf-8"))["version"] == "1.2.0"
    for transcript in channel.xpath("item/podcast:transcript", namespaces=NS):
        assert transcript.get("language") == channel.findtext("language")
        assert local(demo, transcript.get("url")).is_file()


def test_funding_and_persons(demo):
    channel = feed(demo, "bogsnak").find("channel")
    assert channel.xpath("podcast:funding/@url", namespaces=NS) == \
        ["https://library.example.org/stoet"]
    roles = channel.xpath("item/podcast:person/@role", namespaces=NS)
    assert {"host", "guest"} <= set(roles)


def test_vtt_and_srt_transcripts_reach_the_feed_and_the_page(demo):
    types = {}
    for show in SHOWS:
        for element in feed(demo, show).xpath("//podcast:transcript", namespaces=NS):
            types[element.get("type")] = element.get("url")
    assert set(types) == {"text/vtt", "application/x-subrip"}
    page = html.parse(str(demo.output / "podcasts/bogsnak/vinterlaesning.html"))
    text = " ".join(page.xpath("//section[@class='transcript']//text()"))
    assert "I dag taler vi om vinterens bedste bøger." in text and "Karen Holm" in text
    page = html.parse(str(demo.output / "podcasts/bogsnak/krimi-i-norden.html"))
    assert "Vi anbefaler tre nye titler." in page.xpath("string(//section[@class='transcript'])")


def chapters_of(demo, show, title):
    channel = feed(demo, show).find("channel")
    item = next(i for i in channel.iter("item") if i.findtext("title") == title)
    url = item.xpath("podcast:chapters/@url", namespaces=NS)[0]
    document = json.loads(local(demo, url).read_text(encoding="utf-8"))
    page = html.parse(str(local(demo, item.findtext("link"))))
    links = page.xpath("//nav[@class='chapters']//a[@data-start]")
    return document["chapters"], links


def test_chapters_from_id3_chap_frames_reach_json_and_page(demo):
    chapters, links = chapters_of(demo, "book-talk", "The Hobbit at ninety")
    assert [(c["startTime"], c["title"]) for c in chapters] == [
        (0, "Welcome"), (1.5, "Ninety years of The Hobbit")]
    assert [a.text_content().split(" ", 1)[1] for a in links] == [c["title"] for c in chapters]
    assert links[1].get("href").endswith("the-hobbit-at-ninety.mp3#t=1.5")


def test_chapters_from_front_matter_reach_json_and_page(demo):
    chapters, links = chapters_of(demo, "bogsnak", "Vinterlæsning")
    assert [(c["startTime"], c["title"]) for c in chapters] == [(0, "Velkommen"),
                                                                (2, "Vinterens bøger")]
    assert [a.get("data-start") for a in links] == ["0", "2"]


def test_episode_page_player_download_and_subscribe(demo):
    page = html.parse(str(demo.output / "podcasts/bogsnak/vinterlaesning.html"))
    assert page.getroot().get("lang") == "da"
    audio = page.xpath("//audio")[0]
    assert audio.get("preload") == "none" and audio.get("controls") is not None
    assert audio.get("aria-label")
    source = audio.get("src")
    target = (demo.output / "podcasts/bogsnak" / source).resolve()
    assert target.is_file() and not source.startswith("http")
    assert page.xpath("//a[@download and contains(@href, 'vinterlaesning.mp3')]")
    apps = page.xpath("//section[@class='subscribe']//li/a/text()")
    assert {"Apple Podcasts", "AntennaPod", "Pocket Casts", "gPodder", "Overcast"} <= set(apps)
    assert not page.xpath("//script[starts-with(@src, 'http')] | //img[starts-with(@src, 'http')]")


def test_show_page_lists_published_episodes(demo):
    page = html.parse(str(demo.output / "podcasts/book-talk/index.html"))
    titles = page.xpath("//section[@class='episodes']//h3/a/text()")
    assert len(titles) == published("book-talk")
    assert "Reading with children, part two" not in titles


def test_drafts_are_in_no_feed_and_no_page(demo):
    everything = " ".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in demo.output.rglob("*") if p.suffix in (".xml", ".html"))
    assert "Reading with children, part two" not in everything


def test_sitemap_lists_episode_and_show_pages(demo):
    sitemap = (demo.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE}podcasts/bogsnak/vinterlaesning.html" in sitemap
    assert f"{SITE}podcasts/book-talk/</loc>" in sitemap


def test_last_build_date_is_the_newest_episode(demo):
    for show in SHOWS:
        channel = feed(demo, show).find("channel")
        dates = [parsedate_to_datetime(d) for d in channel.xpath("item/pubDate/text()")]
        assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == max(dates)


def test_two_builds_give_byte_identical_podcast_output(demo):
    def digest():
        folder = demo.output
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()
                and (p.suffix in (".xml", ".json", ".opml", ".html"))}

    before = digest()
    assert demo.build() == 0, demo.messages
    assert digest() == before


def test_content_object_init_plugins_rewrite_show_notes_on_page_and_in_feed(tmp_path):
    """The catalogue plugin's hook: episodes are Pelican content objects."""
    from mpegframes import cbr
    from pelican import signals
    from podcasttools import EPISODE, SHOW_YAML, _site_class, image_bytes

    site = _site_class()(tmp_path)
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    site.write("podcasts/talk/cover.png", image_bytes())
    site.write("podcasts/talk/audio/first.mp3", cbr(2))
    site.write("podcasts/talk/first.md", EPISODE)

    def rewrite(instance):
        if type(instance).__name__ == "Episode":
            instance._content = instance._content.replace("first episode", "FIRST EPISODE")

    signals.content_object_init.connect(rewrite)
    try:
        assert site.build() == 0, site.messages
    finally:
        signals.content_object_init.disconnect(rewrite)
    assert "Show notes for the FIRST EPISODE" in site.read("podcasts/talk/first-episode.html")
    notes = feed(site, "talk").xpath("//content:encoded/text()", namespaces=NS)
    assert notes == ["<p>Show notes for the FIRST EPISODE.</p>"]
