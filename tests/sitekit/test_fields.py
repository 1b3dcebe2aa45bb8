"""Misspelt fields and language codes: a typo never changes what is published."""

from __future__ import annotations

import pytest
from lxml import html
from shelfcast_sitekit.fields import check_common, near_miss
from shelfcast_sitekit.frontmatter import split
from shelfcast_sitekit.schema import schema_for
from sitetools import TEST_SHOW_YAML


def check(yaml_text, content_type=None):
    document, problems = split("a.md", f"---\n{yaml_text}\n---\n")
    assert problems == []
    return check_common("a.md", document, "article", ".", content_type)


@pytest.mark.parametrize("typo, meant", [
    ("staus", "status"), ("titel", "title"), ("summery", "summary"), ("tittle", "title"),
    ("dat", "date"), ("Title", "title"), ("tag", "tags"), ("image-alt", "image_alt"),
    ("sumary", "summary"), ("auhtor", "author"), ("summmery", "summary"),
])
def test_a_field_one_slip_away_from_a_known_one_is_an_error(typo, meant):
    value = "2026-01-01" if meant == "date" else "x"
    _meta, problems = check(f"title: x\ndate: 2026-01-01\n{typo}: {value}")
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].field == typo and errors[0].line == 4
    assert f"did you mean '{meant}'?" in errors[0].message


@pytest.mark.parametrize("name", ["venue", "subtitle", "event", "isbn", "ean", "location"])
def test_far_off_fields_a_plugin_may_use_are_no_error(name):
    _meta, problems = check(f"title: x\ndate: 2026-01-01\n{name}: x")
    assert not [p for p in problems if p.severity == "error"]


def test_plugins_declare_their_fields_so_near_misses_of_them_are_errors_too():
    schema = schema_for({"PLUGINS": ["shelfcast_sitekit", "shelfcast_podcast", "shelfcast_music"]})
    episode, post = schema.types["episode"], schema.types["post"]
    assert {"episode", "season", "title"} <= episode.names() and "album" in post.names()
    assert check("title: x\ndate: 2026-01-01\nalbum: {artist: A, title: B}", post)[1] == []
    # The block itself is the schema's too (it was the music plugin's).
    assert [p.field for p in check("title: x\ndate: 2026-01-01\nalbum: {}", post)[1]] == \
        ["album.artist", "album.title"]
    assert check("title: x\ndate: 2026-01-01\nepisode: 3", episode)[1] == []
    _meta, problems = check("title: x\ndate: 2026-01-01\nsesaon: 2", episode)
    assert problems[0].severity == "error" and "'season'" in problems[0].message
    assert near_miss("albun", post.names()) == "album"


def test_a_draft_with_a_misspelt_status_is_never_published(site):
    site.write("posts/news/ok.md", "---\ntitle: Open\ndate: 2026-01-05\n---\nOpen.\n")
    site.write("posts/news/secret.md", "---\ntitle: Secret plans\ndate: 2026-01-05\n"
               "staus: draft\n---\nNot yet.\n")
    assert site.build() == 1
    assert "content/posts/news/secret.md:4: staus: unknown field, so its value would be " \
        "ignored; did you mean 'status'?" in site.messages
    assert not site.output.exists()


def test_fields_of_the_podcast_music_and_theme_plugins_are_known(site):
    """Album reviews, episodes and videos build without a word about their fields."""
    from test_content_kept import AUDIO, cover_png

    site.write("music/blue-train.md", """
        ---
        title: Blue Train
        date: 2026-01-05
        album: {artist: John Coltrane, title: Blue Train, year: 1958}
        video: https://www.youtube.com/watch?v=M7lc1UVf-VE
        ---
        A review.
    """)
    site.write("podcasts/talk/show.yaml", TEST_SHOW_YAML)
    site.write("podcasts/talk/cover.png", cover_png())
    site.write("podcasts/talk/audio/first.mp3", AUDIO.read_bytes())
    site.write("podcasts/talk/first.md", """
        ---
        title: First episode
        date: 2026-01-05 10:00
        audio: audio/first.mp3
        guid: test-guid-1
        episode: 1
        season: 1
        episode_type: full
        explicit: false
        ---
        Notes.
    """)
    assert site.build() == 0, site.messages
    assert "unknown field" not in site.messages
    assert (site.output / "podcasts/talk/first-episode.html").is_file()


def test_a_misspelt_episode_number_stops_the_build(site):
    from test_content_kept import AUDIO, cover_png

    site.write("podcasts/talk/show.yaml", TEST_SHOW_YAML)
    site.write("podcasts/talk/cover.png", cover_png())
    site.write("podcasts/talk/audio/first.mp3", AUDIO.read_bytes())
    site.write("podcasts/talk/first.md", "---\ntitle: First\ndate: 2026-01-05\n"
               "audio: audio/first.mp3\nguid: g-1\nepisdoe: 4\n---\nNotes.\n")
    assert site.build() == 1
    assert "first.md:6: episdoe: unknown field, so its value would be ignored; did you mean " \
        "'episode'?" in site.messages


def test_a_country_code_as_language_suggests_the_language(site):
    site.write("posts/news/hej.md", "---\ntitle: Hej\ndate: 2026-01-05\nlang: dk\n---\nHej.\n")
    assert site.build() == 1
    assert "content/posts/news/hej.md:4: lang: 'dk' is a country code, not a language code; " \
        "did you mean da?" in site.messages


def test_a_real_language_code_builds(site):
    site.write("posts/news/hej.md", "---\ntitle: Hej\ndate: 2026-01-05\nlang: da\n---\nHej.\n")
    assert site.build() == 0, site.messages
    assert html.fromstring(site.read("posts/2026/hej-da.html")).get("lang") == "da"
