"""Feeds, enclosures, OPML, sitemap, canonical links and the subscribe box carry the public
address in force at the end of the settings, wherever it is set: in publishconf.py, or in a
line a library adds at the bottom of pelicanconf.py. Never the preview address."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.settings import feed_domain
from sitetools import KIT_SITE, build_kit_site

PREVIEW_HOST = "127.0.0.1"
# An address of the library's own, set by the last line of pelicanconf.py.
APPENDED = "https://bibliotek.orstad.example.net"
TEXT_FILES = (".html", ".xml", ".opml", ".json", ".webmanifest", ".txt", ".csv")


def _build_copy(folder: Path, edit) -> Path:
    site = folder / "site"
    shutil.copytree(KIT_SITE, site,
                    ignore=shutil.ignore_patterns("output*", ".cache", "__pycache__"))
    settings = site / "pelicanconf.py"
    settings.write_text(edit(settings.read_text(encoding="utf-8")), encoding="utf-8")
    code, messages = build_kit_site(site / "output", site=site)
    assert code == 0, messages
    return site / "output"


@pytest.fixture(scope="module")
def appended_site(tmp_path_factory) -> Path:
    return _build_copy(tmp_path_factory.mktemp("appended"),
                       lambda text: text + f'\nSITEURL = "{APPENDED}"\n')


@pytest.fixture(scope="module")
def round_one_site(tmp_path_factory) -> Path:
    """A pelicanconf.py from the first round still says FEED_DOMAIN = SITEURL early on."""
    def edit(text):
        text = text.replace('SITEURL = "http://127.0.0.1:8000"\n',
                            'SITEURL = "http://127.0.0.1:8000"\nFEED_DOMAIN = SITEURL\n')
        assert "FEED_DOMAIN = SITEURL" in text
        return text + f'\nSITEURL = "{APPENDED}"\n'
    return _build_copy(tmp_path_factory.mktemp("round-one"), edit)


@pytest.fixture(params=["publishconf.py", "SITEURL appended to pelicanconf.py",
                        "SITEURL appended after FEED_DOMAIN = SITEURL"])
def built(request) -> tuple[Path, str]:
    """(output folder, the public address the settings name)."""
    if request.param == "publishconf.py":
        public = load_settings(str(KIT_SITE / "publishconf.py"))["SITEURL"]
        assert PREVIEW_HOST not in public
        return request.getfixturevalue("production_site"), public
    if request.param.endswith("FEED_DOMAIN = SITEURL"):
        return request.getfixturevalue("round_one_site"), APPENDED
    return request.getfixturevalue("appended_site"), APPENDED


def test_a_feed_domain_of_ones_own_is_kept():
    cdn = "https://feeds.orstad.example.net"
    assert feed_domain(cdn, APPENDED) == cdn
    assert feed_domain(None, APPENDED) == APPENDED
    assert feed_domain("http://127.0.0.1:8000", "http://localhost:8000") == \
        "http://127.0.0.1:8000"


def test_no_built_file_names_the_preview_address(built):
    output, _public = built
    found = [path.relative_to(output).as_posix() for path in sorted(output.rglob("*"))
             if path.suffix in TEXT_FILES
             and PREVIEW_HOST in path.read_text(encoding="utf-8", errors="replace")]
    assert found == [], f"these files still point at the preview address: {found}"


def test_feeds_and_enclosures_use_the_public_address(built):
    output, public = built
    feeds = [*output.glob("feeds/*.xml"), *output.glob("podcasts/*/feed.xml")]
    assert len(feeds) >= 3
    enclosures = 0
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        links = [parsed.feed.get("link", "")] + [entry.link for entry in parsed.entries]
        for entry in parsed.entries:
            links += [enclosure.href for enclosure in entry.get("enclosures", [])]
            enclosures += len(entry.get("enclosures", []))
        stray = [link for link in links if not link.startswith(public + "/")]
        assert stray == [], f"{feed.relative_to(output)}: links off {public}: {stray[:3]}"
    assert enclosures, "no podcast feed with enclosures was checked"


def test_opml_and_sitemap_use_the_public_address(built):
    output, public = built
    opml = etree.parse(str(output / "podcasts.opml"))
    feed_urls = opml.xpath("//outline/@xmlUrl")
    assert feed_urls and all(url.startswith(public + "/") for url in feed_urls), feed_urls
    sitemap = etree.parse(str(output / "sitemap.xml"))
    locations = sitemap.xpath("//*[local-name()='loc']/text()")
    assert locations and all(loc.startswith(public + "/") for loc in locations)


def test_canonical_links_and_subscribe_box_use_the_public_address(built):
    output, public = built
    pages = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    for page in pages:
        canonical = lxml_html.parse(str(page)).xpath("//link[@rel='canonical']/@href")
        assert all(url.startswith(public + "/") for url in canonical), \
            f"{page.relative_to(output)}: canonical {canonical}"
    shows = sorted(output.glob("podcasts/*/index.html"))
    assert shows, "the fixture site has no show page"
    for show in shows:
        box = lxml_html.parse(str(show)).xpath("//*[contains(@class, 'feed-url')]//a")[0]
        assert box.get("href").startswith(public + "/"), box.get("href")
        assert box.text_content().strip().startswith(public + "/"), \
            f"{show.relative_to(output)}: 'copy this address' shows {box.text_content()!r}"
