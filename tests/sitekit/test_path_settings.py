"""A path setting that names a missing file or folder stops the build, naming the setting."""

from __future__ import annotations

import pytest
from lxml import html

POST = "---\ntitle: Opening hours\ndate: 2026-01-05\n---\nWe open at eight.\n"
THEME = {"SHARE_LINKS": ["email"], "SEARCH_URL": "search.html"}


def settings_lines(messages: str) -> list[str]:
    return [line for line in messages.splitlines() if line.startswith("pelicanconf.py:")]


@pytest.fixture
def posted(site):
    site.write("posts/news/hours.md", POST)
    return site


def test_default_image_that_does_not_exist_is_an_error(posted):
    theme = {**THEME, "DEFAULT_IMAGE": "images/library-card.png"}
    assert posted.build(SHELFCAST_THEME=theme) == 1
    lines = settings_lines(posted.messages)
    assert len(lines) == 1, posted.messages
    assert lines[0].startswith("pelicanconf.py: SHELFCAST_THEME['DEFAULT_IMAGE']: "
                               "'images/library-card.png' does not exist")
    assert "content/images/library-card.png is missing" in lines[0]
    assert "Traceback" not in posted.messages
    assert not posted.output.exists()


def test_default_image_outside_the_published_folders_is_an_error(posted):
    posted.write("pages/card.png", (posted.content / "images/site-card.png").read_bytes())
    theme = {**THEME, "DEFAULT_IMAGE": "pages/card.png"}
    assert posted.build(SHELFCAST_THEME=theme) == 1
    lines = settings_lines(posted.messages)
    assert len(lines) == 1 and "SHELFCAST_THEME['DEFAULT_IMAGE']" in lines[0], posted.messages
    assert "not in a folder the site publishes" in lines[0] and "content/images/" in lines[0]


def test_default_image_that_exists_is_the_link_preview_picture(posted):
    assert posted.build() == 0, posted.messages
    page = html.fromstring(posted.read("posts/2026/opening-hours.html"))
    image = page.xpath("//meta[@property='og:image']/@content")[0]
    assert image.endswith("/images/site-card.png")
    assert (posted.output / "images" / "site-card.png").is_file()


def test_catalogue_folder_that_does_not_exist_is_an_error(posted):
    assert posted.build(I18N={"catalogue_path": "translations"}) == 1
    lines = settings_lines(posted.messages)
    assert len(lines) == 1, posted.messages
    assert lines[0].startswith("pelicanconf.py: I18N['catalogue_path']: 'translations' does "
                               "not exist")


def test_podcast_folder_that_does_not_exist_is_an_error(posted):
    posted.write("podcast/talk/show.yaml", "title: Talk\n")
    assert posted.build(PODCAST={"path": "podcasts"}) == 1
    lines = settings_lines(posted.messages)
    assert len(lines) == 1, posted.messages
    assert lines[0].startswith("pelicanconf.py: PODCAST['path']: 'podcasts' does not exist")
    assert "add the folder there" in lines[0]


def test_a_static_file_that_does_not_exist_is_an_error(posted):
    posted.write("extra/favicon.ico", b"\0")
    overrides = {"STATIC_PATHS": ["images", "extra/robots.txt", "extra/favicon.ico"],
                 "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"},
                                         "extra/favicon.ico": {"path": "favicon.ico"}}}
    assert posted.build(**overrides) == 1
    lines = settings_lines(posted.messages)
    assert len(lines) == 2, posted.messages
    assert lines[0].startswith("pelicanconf.py: EXTRA_PATH_METADATA['extra/robots.txt']: "
                               "'extra/robots.txt' does not exist")
    assert lines[1].startswith("pelicanconf.py: STATIC_PATHS: 'extra/robots.txt' does not exist")


def test_static_folders_may_be_missing(posted):
    assert posted.build(STATIC_PATHS=["images", "pdf"]) == 0, posted.messages
