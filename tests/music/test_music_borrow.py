"""'Borrow it' through the real catalogue plugin: by EAN, by faust, and a search fallback."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from lxml import html
from sitetools import Site

CATALOGUE = {"templates": {"ean": "https://opac.example.org/ean/{ean}",
                           "faust": "https://opac.example.org/record/{faust}",
                           "search": "https://opac.example.org/find?q={query}"}}


def review(title: str, lines: str) -> str:
    return (f"---\ntitle: {title}\ndate: 2026-01-05\nalbum:\n" +
            "".join(f"  {line}\n" for line in lines.strip().splitlines()) + "---\nText.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("music-borrow"))
    site.write("music/kind-of-blue.md", review("Kind of Blue", 'artist: Miles Davis\n'
               'title: Kind of Blue\nean: "5099750442227"'))
    site.write("music/blue-train.md", review("Blue Train", 'artist: John Coltrane\n'
               'title: Blue Train\nfaust: "5261843 6"'))
    site.write("music/agaetis.md", review("Agaetis", "artist: Sigur Rós\ntitle: Ágætis byrjun"))
    site.write("music/list.md", "---\ntitle: A list\ndate: 2026-01-06\nplaylist:\n  tracks:\n"
               '    - {artist: Miles Davis, title: So What, ean: "5099750442227"}\n'
               "    - {artist: Bill Evans, title: Peace Piece, album: Everybody Digs Bill Evans}\n"
               "---\n")
    assert site.build(CATALOGUE=CATALOGUE) == 0, site.messages
    return site


def borrow_links(site: Site, name: str) -> list[str]:
    tree = html.fromstring(next(site.output.glob(f"posts/*/{name}.html")).read_bytes())
    return tree.xpath('//a[contains(concat(" ", @class, " "), " borrow ")]/@href')


def test_borrow_by_ean(site):
    assert borrow_links(site, "kind-of-blue") == ["https://opac.example.org/ean/5099750442227"]


def test_borrow_by_faust(site):
    assert borrow_links(site, "blue-train") == ["https://opac.example.org/record/52618436"]


def test_search_fallback_for_an_album_without_identifier(site):
    (url,) = borrow_links(site, "agaetis")
    parsed = urlparse(url)
    assert (parsed.netloc, parsed.path) == ("opac.example.org", "/find")
    assert parse_qs(parsed.query) == {"q": ["Sigur Rós Ágætis byrjun"]}


def test_playlist_rows_link_to_the_catalogue(site):
    links = borrow_links(site, "a-list")
    assert links[0] == "https://opac.example.org/ean/5099750442227"
    assert parse_qs(urlparse(links[1]).query) == {"q": ["Bill Evans Everybody Digs Bill Evans"]}


def test_borrow_links_are_the_only_links_to_the_catalogue_host(site):
    tree = html.fromstring(next(site.output.glob("posts/*/kind-of-blue.html")).read_bytes())
    loaded = tree.xpath("//img/@src | //script/@src | //link[@rel='stylesheet']/@href")
    assert not [url for url in loaded if "opac.example.org" in url]


def test_a_wrong_faust_number_is_named(tmp_path):
    site = Site(tmp_path)
    site.write("music/bad.md", review("Bad", 'artist: John Coltrane\ntitle: Blue Train\n'
                                      'faust: "52618437"'))
    assert site.build(CATALOGUE=CATALOGUE) == 1
    assert "Traceback" not in site.messages
    errors = [line for line in site.messages.splitlines()
              if line.startswith("content/music/bad.md")]
    assert len(errors) == 1 and errors[0].startswith("content/music/bad.md:4: album.faust: ")
    assert not site.output.exists()
