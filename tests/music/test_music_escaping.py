"""Names with &, quotes and angle brackets come out as the same text, never as markup."""

from __future__ import annotations

from lxml import html
from sitetools import Site

NAME = 'Tom & "Jerry" <Band>'
TITLE = "Rock & Roll <Live>"


def test_names_are_text_everywhere(tmp_path):
    site = Site(tmp_path)
    site.write("music/odd.md", f"""
        ---
        title: An odd one
        date: 2026-01-05
        album:
          artist: '{NAME}'
          title: '{TITLE}'
          genres: ['R&B']
          year: 1999
          tracks:
            - {{title: '<b>bold</b>', length: "3:00"}}
        ---
        Text.
    """)
    assert site.build() == 0, site.messages
    artist_pages = [p for p in (site.output / "music" / "artists").glob("*/index.html")]
    assert len(artist_pages) == 1
    artist = html.fromstring(artist_pages[0].read_bytes())
    assert artist.xpath("string(//h1)") == NAME
    assert artist.xpath("string(//title)").startswith(NAME)
    assert artist.xpath("//meta[@property='og:title']/@content")[0].startswith(NAME)
    assert TITLE in artist.xpath("string(//ul[@class='music-list'])")
    assert not artist.xpath("//Band | //band | //live")
    review = html.fromstring(next((site.output / "posts").rglob("*.html")).read_bytes())
    card = review.xpath("//section[@class='album-card']")[0]
    assert card.xpath("string(.//p[@class='album-title'])") == TITLE
    assert card.xpath("string(.//p[@class='album-artist'])") == NAME
    assert card.xpath("string(.//table//tbody//td[2])") == "<b>bold</b>"
    assert not card.xpath(".//b | .//band | .//live")
    genre = html.fromstring((site.output / "music" / "genres" / "r-and-b" / "index.html"
                             ).read_bytes())
    assert genre.xpath("string(//h1)") == "R&B"
