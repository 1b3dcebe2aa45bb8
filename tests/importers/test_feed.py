"""`invoke import-feed`: an existing podcast moves in without subscribers noticing."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import podcastparser
import pytest
import yaml
from lxml import etree, html
from shelfcast_import.commands import ImportError_, import_feed
from test_wordpress import assert_nothing_written, serve

COVER = Path(__file__).resolve().parents[1] / "fixture_site/content/podcasts/book-talk/cover.png"
OLD_URL = "https://mp3s.example.org/feed.xml"


def run(site, source: str, show: str = "pc20", **options):
    """Import as `invoke import-feed --allow-local` would: test servers are on 127.0.0.1."""
    return import_feed(source, show, str(site.content), str(site.root / "import-report.md"),
                       "Europe/Copenhagen", allow_local=True, **options)


def finish_by_hand(site, show: str) -> None:
    """What the report asks a person to do without --download: put the artwork in place."""
    folder = site.content / "podcasts" / show
    data = yaml.safe_load((folder / "show.yaml").read_text(encoding="utf-8"))
    shutil.copy(COVER, folder / "cover.png")
    data["image"] = "cover.png"
    (folder / "show.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def new_feed(site, show: str) -> bytes:
    opml = etree.fromstring(site.read("podcasts.opml").encode("utf-8"))
    url = [u for u in opml.xpath("//outline/@xmlUrl") if f"/{show}/" in u][0]
    return (site.output / url.removeprefix("http://127.0.0.1:8000/")).read_bytes()


def episodes(data: bytes, url: str = OLD_URL) -> list[tuple]:
    parsed = podcastparser.parse(url, __import__("io").BytesIO(data))
    return [(e["title"], e["enclosures"][0]["url"], e["enclosures"][0]["file_size"])
            for e in parsed["episodes"]]


def guids(data: bytes) -> list[str]:
    return [g.strip() for g in etree.fromstring(data).xpath("//item/guid/text()")]


def test_the_podcasting_2_feed_moves_in_with_every_guid_and_enclosure(site, pc20_feed):
    old = pc20_feed.read_bytes()
    run(site, str(pc20_feed))
    finish_by_hand(site, "pc20")
    assert site.build() == 0, site.messages
    new = new_feed(site, "pc20")
    assert guids(new) == guids(old)
    assert episodes(new) == episodes(old)
    # Hosted audio: the page links to the file; it loads nothing from the old host.
    page = next(p for p in (site.output / "podcasts" / "pc20").rglob("*.html")
                if "rebel-rubes" in p.name)
    tree = html.fromstring(page.read_text(encoding="utf-8"))
    assert not tree.xpath("//audio[contains(@src, 'nashownotes')]")
    assert tree.xpath("//a[@href='https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3']")
    report = (site.root / "import-report.md").read_text(encoding="utf-8")
    assert "podcast:value" in report and "podcast:chapters" in report
    text = next((site.content / "podcasts/pc20").glob("episode-57-*.md")).read_text("utf-8")
    kept = yaml.safe_load(text.split("---")[1])["imported"]
    assert kept["transcript"][0]["url"] == "https://mp3s.nashownotes.com/PC20-57-Captions.srt"
    show = yaml.safe_load((site.content / "podcasts/pc20/show.yaml").read_text("utf-8"))
    assert show["guid"] == "917393e3-1b1e-5cef-ace4-edaa54e1f810" and show["locked"] is True


SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Bogsnak</title><link>https://old.example.org/</link><language>da</language>
<description>Bibliotekets podcast</description><itunes:author>Ørstad Bibliotek</itunes:author>
<itunes:owner><itunes:name>Ørstad</itunes:name><itunes:email>pod@library.example.org</itunes:email>
</itunes:owner><itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>
<itunes:image href="https://old.example.org/cover.jpg"/><itunes:type>episodic</itunes:type>
<item><title>Bonus: Julekalender</title><guid isPermaLink="false">bonus-1</guid>
<pubDate>Mon, 02 Dec 2024 08:00:00 +0100</pubDate><itunes:episodeType>bonus</itunes:episodeType>
<enclosure url="https://cdn.example.org/bonus1.mp3" length="2000" type="audio/mpeg"/>
<itunes:duration>600</itunes:duration>
<description>&lt;p&gt;Ekstra &lt;b&gt;afsnit&lt;/b&gt;&lt;/p&gt;</description>
<podcast:soundbite startTime="10" duration="30">Et citat</podcast:soundbite></item>
<item><title>Første afsnit</title><guid>https://old.example.org/?p=1</guid>
<pubDate>Mon, 04 Nov 2024 08:00:00 +0100</pubDate><itunes:episode>1</itunes:episode>
<itunes:season>1</itunes:season>
<enclosure url="https://cdn.example.org/ep1.mp3" length="1000" type="audio/mpeg"/>
<itunes:duration>00:31:10</itunes:duration>
<podcast:person role="host" href="https://library.example.org/anna">Anna Berg</podcast:person>
</item>
<item><title>Trailer</title><guid isPermaLink="false">trailer-0</guid>
<pubDate>Mon, 28 Oct 2024 08:00:00 +0100</pubDate><itunes:episodeType>trailer</itunes:episodeType>
<enclosure url="https://cdn.example.org/trailer.mp3" length="500" type="audio/mpeg"/></item>
</channel></rss>"""


def test_trailer_and_bonus_items_keep_their_type_and_guid(site, tmp_path):
    (tmp_path / "feed.xml").write_text(SMALL, encoding="utf-8")
    server = serve(tmp_path)
    address = f"http://127.0.0.1:{server.server_port}/feed.xml"
    try:
        run(site, address, show="bogsnak")
    finally:
        server.shutdown()
        server.server_close()
    show = yaml.safe_load((site.content / "podcasts/bogsnak/show.yaml").read_text("utf-8"))
    assert show["old_feed_url"] == address and show["categories"] == ["Arts > Books"]
    finish_by_hand(site, "bogsnak")
    assert site.build() == 0, site.messages
    new = new_feed(site, "bogsnak")
    assert guids(new) == ["bonus-1", "https://old.example.org/?p=1", "trailer-0"]
    assert episodes(new) == episodes(SMALL.encode("utf-8"))
    tree = etree.fromstring(new)
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
    assert [i.findtext(f"{itunes}episodeType") for i in tree.iter("item")] == [
        "bonus", "full", "trailer"]
    first = tree.xpath("//item[guid='https://old.example.org/?p=1']")[0]
    assert first.findtext(f"{itunes}duration") in ("1870", "00:31:10", "31:10")
    bonus = (site.content / "podcasts/bogsnak/bonus-julekalender.md").read_text("utf-8")
    assert "soundbite" in bonus and "Ekstra **afsnit**" in bonus


def test_not_a_feed_gets_one_clear_message(site, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>Hello</body></html>", encoding="utf-8")
    with pytest.raises(ImportError_) as caught:
        run(site, str(page))
    assert "is not a podcast feed" in str(caught.value)
    assert_nothing_written(site)


def test_a_feed_address_that_does_not_answer_gets_one_clear_message(site, tmp_path):
    server = serve(tmp_path)
    port = server.server_port
    server.shutdown()
    server.server_close()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    with pytest.raises(ImportError_) as caught:
        run(site, f"http://127.0.0.1:{port}/feed.xml")
    assert "did not answer" in str(caught.value)
    assert_nothing_written(site)


def test_download_fetches_audio_and_artwork_from_the_old_host(site, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    audio = next((Path(__file__).resolve().parents[1] / "fixture_site/content/podcasts/"
                  "book-talk/audio").glob("*.mp3"))
    shutil.copy(audio, served / "ep1.mp3")
    shutil.copy(COVER, served / "cover.png")
    (served / "ep1.json").write_text('{"version": "1.2.0", "chapters": [{"startTime": 0, '
                                     '"title": "Velkommen"}, {"startTime": 1.5, "title": '
                                     '"Bøgerne", "url": "https://library.example.org/b"}]}')
    (served / "ep1.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHej og velkommen\n")
    server = serve(served)
    base = f"http://127.0.0.1:{server.server_port}"
    extras = (f'<podcast:chapters url="{base}/ep1.json" type="application/json+chapters"/>'
              f'<podcast:transcript url="{base}/ep1.srt" type="application/srt"/>'
              f'<podcast:transcript url="{base}/gone.vtt" type="text/vtt"/>')
    feed = tmp_path / "feed.xml"
    feed.write_text(SMALL.replace("https://old.example.org/cover.jpg", f"{base}/cover.png")
                    .replace("https://cdn.example.org/ep1.mp3", f"{base}/ep1.mp3")
                    .split("<item><title>Bonus")[0] + "<item>" + SMALL.split("<item>")[2]
                    .replace("https://cdn.example.org/ep1.mp3", f"{base}/ep1.mp3")
                    .replace("<itunes:season>1</itunes:season>", extras)
                    .split("<item><title>Trailer")[0] + "</channel></rss>", encoding="utf-8")
    try:
        run(site, str(feed), show="bogsnak", download=True)
    finally:
        server.shutdown()
        server.server_close()
    folder = site.content / "podcasts/bogsnak"
    assert (folder / "audio/forste-afsnit.mp3").read_bytes() == audio.read_bytes()
    assert site.build() == 0, site.messages
    feed = new_feed(site, "bogsnak")
    assert guids(feed) == ["https://old.example.org/?p=1"]
    podcast = "{https://podcastindex.org/namespace/1.0}"
    item = etree.fromstring(feed).find("channel/item")
    assert item.find(f"{podcast}transcript").get("url").endswith(".srt")
    chapters_url = item.find(f"{podcast}chapters").get("url")
    chapters = json.loads((site.output / chapters_url.removeprefix("http://127.0.0.1:8000/"))
                          .read_text(encoding="utf-8"))
    assert [c["title"] for c in chapters["chapters"]] == ["Velkommen", "Bøgerne"]


@pytest.mark.parametrize(("change", "expected"), [
    (("<pubDate>Mon, 04 Nov 2024 08:00:00 +0100</pubDate>", ""), "item 2: has no readable date"),
    (("<title>Første afsnit</title>", "<title></title>"), "item 2: has no title"),
])
def test_an_item_without_title_or_date_stops_the_import(site, tmp_path, change, expected):
    feed = tmp_path / "feed.xml"
    feed.write_text(SMALL.replace(*change), encoding="utf-8")
    with pytest.raises(ImportError_) as caught:
        run(site, str(feed), show="bogsnak")
    assert expected in str(caught.value) and "Nothing was imported" in str(caught.value)
    assert_nothing_written(site)
