"""The built demo site, read as a reader's tools read it (lxml, json, urllib, feedparser)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
import yaml
from lxml import etree, html
from PIL import Image
from sitetools import KIT_SITE, build_kit_site, kit_site_copy

SITE_HOST = "127.0.0.1:8000"
LOADED = [("img", "src"), ("img", "srcset"), ("source", "srcset"), ("script", "src"),
          ("iframe", "src"), ("audio", "src"), ("video", "src"), ("source", "src"),
          ("embed", "src"), ("object", "data")]


class Demo:
    """The session's demo build (the shared kit_site fixture) and the content it came from."""

    def __init__(self, output: Path):
        self.output = output
        self.content = KIT_SITE / "content"


@pytest.fixture
def demo(kit_site) -> Demo:
    return Demo(kit_site)


def page(site, pattern: str):
    matches = sorted(site.output.glob(pattern))
    assert len(matches) == 1, (pattern, matches)
    return html.fromstring(matches[0].read_bytes())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def demo_blocks(site) -> list[dict]:
    return [front_matter(p) for p in sorted((site.content / "music").glob("*.md"))]


def music_pages(site) -> list[Path]:
    """Every HTML page the music plugin writes or fills: indexes, reviews, playlists."""
    pages = sorted((site.output / "music").rglob("*.html"))
    posts = [p for p in sorted((site.output / "posts").rglob("*.html"))
             if b'class="album-card"' in p.read_bytes() or b'class="playlist"' in p.read_bytes()]
    return pages + posts


def test_demo_has_the_promised_reviews_and_playlists(demo):
    blocks = demo_blocks(demo)
    albums = [b["album"] for b in blocks if "album" in b]
    assert len(albums) >= 8 and sum("playlist" in b for b in blocks) >= 2
    assert any(set("æøå") & set(a["artist"].lower()) for a in albums)
    assert any(set("åäö") & set(a["artist"].lower()) and "æ" not in a["artist"].lower()
               for a in albums)
    assert any(any("artist" in t for t in a.get("tracks", [])) for a in albums)
    assert any(not ({"ean", "faust", "upc"} & set(a)) for a in albums)
    assert len(music_pages(demo)) > 20


def test_jsonld_review_of_music_album(demo):
    tree = page(demo, "posts/*/kind-of-blue*.html")
    scripts = [json.loads(text)
               for text in tree.xpath('//script[@type="application/ld+json"]/text()')]
    reviews = [data for data in scripts if data.get("@type") == "Review"]
    assert len(reviews) == 1
    data = reviews[0]
    assert data["@context"] == "https://schema.org" and data["@type"] == "Review"
    album = data["itemReviewed"]
    assert album["@type"] == "MusicAlbum" and album["name"] == "Kind of Blue"
    assert album["byArtist"]["name"] == "Miles Davis"
    assert album["numTracks"] == 5 == len(album["track"])
    assert album["track"][0] == {"@type": "MusicRecording", "position": 1, "name": "So What",
                                 "duration": "PT9M22S"}
    assert album["track"][3]["duration"] == "PT11M33S"
    release = album["albumRelease"]
    assert release["catalogNumber"] == "CK 64935"
    assert release["recordLabel"]["name"] == "Columbia"
    assert release["gtin13"] == "5099750442227"
    assert data["url"].startswith(f"http://{SITE_HOST}/posts/")
    assert album["image"].startswith(f"http://{SITE_HOST}/music/covers/")


def test_compilation_jsonld_credits_each_track(demo):
    tree = page(demo, "posts/*/orstad-sessions*.html")
    album = next(data for data in map(json.loads, tree.xpath(
        '//script[@type="application/ld+json"]/text()')) if data.get("@type") == "Review")[
        "itemReviewed"]
    assert [t["byArtist"]["name"] for t in album["track"]][:3] == [
        "Søstrene Ærø", "Aase Ørum Trio", "Åsa Ängström"]


def test_coins_for_zotero(demo):
    tree = page(demo, "posts/*/kind-of-blue*.html")
    spans = tree.xpath('//span[@class="Z3988"]/@title')
    assert len(spans) == 1
    fields = parse_qs(spans[0])
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
    assert fields["rft.type"] == ["audioRecording"]
    assert fields["rft.title"] == ["Kind of Blue"]
    assert fields["rft.creator"] == ["Miles Davis"]
    assert fields["rft.date"] == ["1959"]
    assert fields["rft.publisher"] == ["Columbia"]
    assert "urn:ean:5099750442227" in fields["rft.identifier"]


def test_album_card_shows_tracklist_and_total_running_time(demo):
    tree = page(demo, "posts/*/kind-of-blue*.html")
    rows = tree.xpath('//table[@class="tracklist"]/tbody/tr')
    assert [r.xpath("string(td[2])") for r in rows][:2] == ["So What", "Freddie Freeloader"]
    assert [r.xpath("string(td[3])") for r in rows] == ["9:22", "9:46", "5:37", "11:33", "9:26"]
    assert tree.xpath('string(//table[@class="tracklist"]/tfoot//td)') == "45:44"
    abbey = page(demo, "posts/*/abbey-road*.html")
    assert abbey.xpath('string(//table[@class="tracklist"]/tfoot//td)') == "47:16"


def test_open_graph_music_album(demo):
    tree = page(demo, "posts/*/kind-of-blue*.html")
    og = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
    assert og["og:type"] == "music.album"
    assert og["music:musician"] == f"http://{SITE_HOST}/music/artists/miles-davis/"
    assert og["og:image"].startswith(f"http://{SITE_HOST}/music/covers/")
    assert og["music:release_date"] == "1959"


def test_listen_links_are_plain_links(demo):
    tree = page(demo, "posts/*/over-angarna*.html") if list(
        demo.output.glob("posts/*/over-angarna*.html")) else page(demo, "posts/*/asa-*.html")
    listen = tree.xpath('//a[@class="listen"]')
    assert [a.get("href") for a in listen] == ["https://example.org/asa-angstrom/over-angarna"]
    assert not tree.xpath("//iframe | //audio | //video | //embed | //object")


def test_covers_are_resized_and_the_original_is_not_used(demo):
    covers = sorted((demo.output / "music" / "covers").iterdir())
    widths = {}
    for cover in covers:
        with Image.open(cover) as image:
            widths.setdefault(image.format, set()).add(image.size[0])
    assert widths == {"JPEG": {600, 300}, "WEBP": {600, 300}}
    originals = {p.name for p in (demo.content / "music" / "covers").iterdir()}
    assert not originals & {p.name for p in demo.output.rglob("*")}
    for path in music_pages(demo):
        assert b"covers/kind-of-blue.png" not in path.read_bytes()
    tree = page(demo, "posts/*/kind-of-blue*.html")
    img = tree.xpath('//section[@class="album-card"]//img')[0]
    assert img.get("alt") and img.get("width") == "600"
    assert (demo.output / "posts" / "2026" / img.get("src")).resolve().is_file()


def test_every_music_page_is_in_the_sitemap(demo):
    sitemap = etree.parse(str(demo.output / "sitemap.xml"))
    locs = set(sitemap.xpath("//s:loc/text()",
                             namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}))
    for path in music_pages(demo):
        url = f"http://{SITE_HOST}/" + str(path.relative_to(demo.output)).replace(
            "index.html", "")
        assert url in locs, url
    artists = {b["album"]["artist"] for b in demo_blocks(demo) if "album" in b}
    artists |= {t["artist"] for b in demo_blocks(demo) if "album" in b
                for t in b["album"].get("tracks", []) if "artist" in t}
    artists |= {t["artist"] for b in demo_blocks(demo) if "playlist" in b
                for t in b["playlist"]["tracks"]}
    artists.discard("Various Artists")
    artist_pages = [loc for loc in locs if "/music/artists/" in loc
                    and not loc.endswith("/music/artists/")]
    assert len(artist_pages) == len(artists)
    genres = {g.lower() for b in demo_blocks(demo) if "album" in b
              for g in b["album"].get("genres", [])}
    assert len([loc for loc in locs if "/music/genres/" in loc]) == len(genres) + 1
    decades = {b["album"]["year"] // 10 for b in demo_blocks(demo)
               if "album" in b and "year" in b["album"]}
    assert {f"http://{SITE_HOST}/music/decades/{d}0s/" for d in decades} <= locs
    assert f"http://{SITE_HOST}/music/decades/" in locs
    assert f"http://{SITE_HOST}/music/artists/sigur-ros/" in locs
    assert f"http://{SITE_HOST}/music/artists/kaizers-orchestra/" in locs


def test_artist_index_is_a_to_z_in_english(demo):
    tree = page(demo, "music/artists/index.html")
    headings = tree.xpath("//main//h2/text()")
    assert headings == sorted(headings, key=lambda h: (h != "0–9", h))
    b_names = tree.xpath('//h2[text()="B"]/following-sibling::ul[1]/li/a/text()')
    assert b_names[:2] == ["The Beatles", "Bill Evans"]
    d_names = tree.xpath('//h2[text()="D"]/following-sibling::ul[1]/li/a/text()')
    assert d_names == ["Miles Davis"]  # artist_sort: Davis, Miles
    a_names = tree.xpath('//h2[text()="A"]/following-sibling::ul[1]/li/a/text()')
    assert a_names == ["Aase Ørum Trio", "Søstrene Ærø", "Åsa Ängström"]  # both by artist_sort


def test_artist_page_lists_reviews_and_playlists(demo):
    tree = page(demo, "music/artists/aase-orum-trio/index.html")
    links = tree.xpath("//main//ul[@class='music-list']//a/@href")
    assert any("morkebla" in link for link in links)
    assert any("orstad-sessions" in link for link in links)
    assert any("if-you-liked-kind-of-blue" in link for link in links)
    assert any("nordic-winter" in link for link in links)


def test_genre_feeds_parse_cleanly_with_absolute_links(demo):
    feeds = sorted((demo.output / "feeds").glob("music-genre-*.atom.xml"))
    assert len(feeds) >= 5
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.entries
        for entry in parsed.entries:
            assert entry.link.startswith(f"http://{SITE_HOST}/posts/")
    jazz = feedparser.parse((demo.output / "feeds" / "music-genre-jazz.atom.xml").read_bytes())
    assert any(e.title.startswith("Kind of Blue") for e in jazz.entries)
    genre_page = page(demo, "music/genres/jazz/index.html")
    assert genre_page.xpath('//link[@type="application/atom+xml"]/@href')[-1] == \
        f"http://{SITE_HOST}/feeds/music-genre-jazz.atom.xml"


def test_no_music_page_loads_anything_from_another_host(demo):
    for path in music_pages(demo):
        tree = html.fromstring(path.read_bytes())
        urls = []
        for tag, attribute in LOADED:
            for value in tree.xpath(f"//{tag}/@{attribute}"):
                urls += [part.strip().split(" ")[0] for part in value.split(",")]
        for link in tree.xpath("//link[@href]"):
            if set((link.get("rel") or "").split()) & {"stylesheet", "icon", "preload",
                                                         "modulepreload", "manifest"}:
                urls.append(link.get("href"))
        assert urls, path
        for url in urls:
            assert urlparse(url).netloc in ("", SITE_HOST), (path, url)


def test_two_builds_are_identical_and_reuse_the_covers(demo, tmp_path):
    def digest(folder):
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    # The demo's build made the covers in its own copy of the fixture site; a second build
    # there reuses them.
    copy = kit_site_copy(demo.output)
    cache = copy / ".cache" / "music-covers"
    cached = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert cached
    code, messages = build_kit_site(tmp_path / "output", site=copy)
    assert code == 0, messages
    assert digest(tmp_path / "output") == digest(demo.output)
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == cached
