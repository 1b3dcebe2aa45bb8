"""The page-type discovery the browser tests rely on (no browser needed)."""

from __future__ import annotations

import pytest

from browser.page_types import page_type, pages_by_type, url_type


@pytest.mark.parametrize(("path", "expected"), [
    ("", "home"), ("index.html", "home"), ("search.html", "search"), ("404.html", "404"),
    ("section/news/", "section"), ("tag/opening-hours/", "tag"), ("author/karen-holm/", "author"),
    ("archive/", "archive"), ("posts/2026/new-opening-hours.html", "post"),
    ("about-the-library.html", "page"), ("podcasts/bookchat/", "show"),
    ("podcasts/bookchat/episode-1.html", "episode"), ("music/albums/blue-train.html", "album"),
    ("artist/john-coltrane/", "artist"), ("genre/jazz/", "genre"),
    ("playlist/summer/", "playlist"), ("section/news/page/2/", None),
    ("podcasts/bookchat/page/2/", None), ("archive/2026/", None),
])
def test_url_patterns(path, expected):
    assert url_type(path) == expected


def test_markup_decides_for_post_urls():
    album = '<script type="application/ld+json">{"@type": "MusicAlbum"}</script>'
    episode = '<main id="main"><h1>Ep</h1><audio controls src="a.mp3"></audio></main>'
    assert page_type("posts/2026/blue-train.html", album) == "album"
    assert page_type("posts/2026/episode-3.html", episode) == "episode"
    assert page_type("posts/2026/plain.html", "<main><p>text</p></main>") == "post"
    playlist = '<main id="main"><section class="playlist"><ol></ol></section></main>'
    assert page_type("posts/2026/winter-songs.html", playlist) == "playlist"
    assert page_type("tag/jazz/", album) == "tag"


def test_demo_pages_are_grouped(kit_site):
    groups = pages_by_type(kit_site)
    for kind in ("home", "post", "page", "section", "tag", "archive", "search", "404"):
        assert groups.get(kind), f"no {kind} page found in the demo build: {groups}"
