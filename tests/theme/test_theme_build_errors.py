"""Mistakes in translations and in a post's video: one clear line, no site changes."""

from __future__ import annotations

POST = """
---
title: Film night
date: 2026-03-01
lang: {lang}
{extra}
---
Popcorn at seven.
"""


def test_a_broken_po_file_stops_the_build_and_keeps_the_old_site(site, tmp_path):
    site.write("posts/news/a.md", POST.format(lang="en", extra=""))
    assert site.build() == 0
    before = site.read("index.html")
    locale = tmp_path / "locale"
    locale.mkdir()
    (locale / "da.po").write_text('msgid "Archive"\nmsgstr "Arkiv\n', encoding="utf-8")
    assert site.build(I18N={"catalogue_path": str(locale)}) == 1
    assert "da.po:2: is not a .po line" in site.messages
    assert "Traceback" not in site.messages
    assert site.read("index.html") == before


def test_a_video_field_that_is_not_a_video_names_file_line_and_fix(site):
    site.write("posts/events/film.md", POST.format(lang="en",
                                                   extra="video: https://example.org/film"))
    assert site.build() == 1
    assert "content/posts/events/film.md:5: video: 'https://example.org/film' is not a " \
        "YouTube or Vimeo address" in site.messages
    assert "Traceback" not in site.messages


def test_a_language_without_catalogue_is_a_warning_not_an_error(site):
    site.write("posts/news/nb.md", POST.format(lang="nb", extra=""))
    assert site.build() == 0
    assert "posts/news/nb.md: warning: lang: no UI translation for 'nb'" in site.messages
    assert 'lang="nb"' in site.read("posts/2026/film-night-nb.html")


def test_a_bad_theme_setting_names_pelicanconf(site):
    site.write("posts/news/a.md", POST.format(lang="en", extra=""))
    assert site.build(SHELFCAST_THEME={"SHARE_LINKS": ["myspace"]}) == 1
    assert "pelicanconf.py: SHELFCAST_THEME['SHARE_LINKS']: must be a list" in site.messages
