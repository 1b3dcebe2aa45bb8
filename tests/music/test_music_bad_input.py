"""Each librarian mistake: one clear line naming file and field, exit 1, output/ untouched."""

from __future__ import annotations

import hashlib
import io
import textwrap
from datetime import date

import pytest
from PIL import Image
from sitetools import Site

GOOD = """
    ---
    title: Kind of Blue
    date: 2026-01-05
    album:
      artist: Miles Davis
      title: Kind of Blue
      year: 1959
      ean: "5099750442227"
      tracks:
        - {title: So What, length: "9:22"}
    ---
    A review.
"""


def review(album_lines: str) -> str:
    head = "---\ntitle: Broken\ndate: 2026-02-01\nalbum:\n"
    return head + textwrap.indent(textwrap.dedent(album_lines).strip("\n"), "  ") + \
        "\n---\nText.\n"


ARTIST_TITLE = "artist: Miles Davis\ntitle: Kind of Blue\n"
NEXT_YEAR = date.today().year + 1
CASES = {
    "length": (review(ARTIST_TITLE + 'tracks:\n  - {title: So What, length: "3:7x"}'),
               "album.tracks[1].length", "'3:7x' is not a track length"),
    "no-artist": (review("title: Kind of Blue"), "album.artist", "missing"),
    "no-title": (review("artist: Miles Davis"), "album.title", "missing"),
    "empty-title": (review("artist: Miles Davis\ntitle: ''"), "album.title",
                    "missing; add a line 'title: Kind of Blue' under album:"),
    "ean": (review(ARTIST_TITLE + 'ean: "5099750442228"'), "album.ean", "not a valid EAN"),
    "future": (review(ARTIST_TITLE + f"year: {NEXT_YEAR}"), "album.year", "in the future"),
    "no-cover": (review(ARTIST_TITLE + "cover: covers/missing.jpg"), "album.cover",
                 "does not exist"),
    "text-cover": (review(ARTIST_TITLE + "cover: covers/notes.jpg"), "album.cover",
                   "not an image"),
    "broken-cover": (review(ARTIST_TITLE + "cover: covers/cut.jpg"), "album.cover",
                     "damaged"),
    "list-artist": (review("artist: [Miles Davis, John Coltrane]\ntitle: Kind of Blue"),
                    "album.artist", "not a list"),
    "album-text": ("---\ntitle: Broken\ndate: 2026-02-01\nalbum: Kind of Blue\n---\nText.\n",
                   "album", "block of fields"),
    "playlist-artist": ("---\ntitle: Broken\ndate: 2026-02-01\nplaylist:\n  tracks:\n"
                        "    - {artist: [A, B], title: Song}\n---\n",
                        "playlist.tracks[1].artist", "not a list"),
    "playlist-empty": ("---\ntitle: Broken\ndate: 2026-02-01\nplaylist:\n  title: Empty\n---\n",
                       "playlist.tracks", "missing"),
}


def digest(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("music-bad"))
    site.write("music/kind-of-blue.md", GOOD)
    site.write("music/covers/notes.jpg", b"These are my notes, not a picture.\n")
    jpeg = io.BytesIO()
    Image.new("RGB", (64, 64), "navy").save(jpeg, "JPEG")
    site.write("music/covers/cut.jpg", jpeg.getvalue()[:200])
    assert site.build() == 0, site.messages
    return site, digest(site.output)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_named_and_stops_the_build(built, case):
    site, before = built
    text, field, words = CASES[case]
    bad = site.write("music/broken.md", text)
    try:
        assert site.build() == 1
    finally:
        bad.unlink()
    assert "Traceback" not in site.messages
    errors = [line for line in site.messages.splitlines()
              if line.startswith("content/music/broken.md") and ": warning:" not in line]
    assert len(errors) == 1, site.messages
    assert errors[0].startswith("content/music/broken.md:4: " + field + ": "), errors[0]
    assert words in errors[0]
    assert "nothing was published" in site.messages
    assert digest(site.output) == before


def test_bad_music_setting_names_pelicanconf(built):
    site, before = built
    assert site.build(MUSIC={"newest": "ten", "colour": 1}) == 1
    lines = site.messages.splitlines()
    assert any(line.startswith("pelicanconf.py: MUSIC['newest']: must be a whole number")
               for line in lines), site.messages
    assert any(line.startswith("pelicanconf.py: MUSIC['colour']: unknown setting")
               for line in lines)
    assert digest(site.output) == before


def test_misspelt_album_field_stops_the_build_with_a_suggestion(built):
    # The schema's rule at every level: the value of a misspelt field would be ignored
    # (it was a warning while the music plugin checked its own blocks).
    site, before = built
    typo = site.write("music/typo.md", review(ARTIST_TITLE + "lable: Columbia"))
    try:
        assert site.build() == 1, site.messages
    finally:
        typo.unlink()
    assert "content/music/typo.md:4: album.lable: unknown field, so its value would be " \
        "ignored; did you mean 'label'?" in site.messages
    assert digest(site.output) == before
    assert site.build() == 0


def test_covers_decoded_together_are_judged_as_one_at_a_time(tmp_path):
    """The covers are decoded in threads before the reviews are checked (a warm build at 200
    reviews spent 0.3 s decoding them one by one): each answer is still the cover's own."""
    from shelfcast_sitekit import resized

    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(jpeg, "JPEG")
    files = {"good.jpg": jpeg.getvalue(), "cut.jpg": jpeg.getvalue()[:200],
             "notes.jpg": b"These are my notes, not a picture.\n"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files] * 2  # a cover two reviews share
    together = resized.probe_all(paths)
    assert together == {path: resized.probe(path) for path in paths}
    assert together[str(tmp_path / "good.jpg")] == (64, 48)
    assert "damaged" in together[str(tmp_path / "cut.jpg")]
    assert "not an image" in together[str(tmp_path / "notes.jpg")]
