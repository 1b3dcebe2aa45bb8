"""Front matter `aliases:` -> redirect pages at the old addresses and a `_redirects` file."""

from __future__ import annotations

import pytest
from lxml import html

PAGE = "posts/news/hours.md"


def with_aliases(site, value: str):
    site.write(PAGE, f"---\ntitle: Opening hours\ndate: 2026-01-05\naliases: {value}\n---\nHi\n")
    return site.build()


def test_each_old_address_sends_readers_to_the_post(site):
    assert with_aliases(site, "[/2019/05/hours/, /old/hours.html, /hours]") == 0, site.messages
    target = "http://127.0.0.1:8000/posts/2026/opening-hours.html"
    for path in ("2019/05/hours/index.html", "old/hours.html", "hours/index.html"):
        page = html.fromstring(site.read(path))
        refresh = page.xpath("//meta[@http-equiv='refresh']/@content")[0]
        assert refresh == f"0; url={target}"
        assert page.xpath("//link[@rel='canonical']/@href") == [target]
        assert page.xpath("//a/@href") == [target]
        assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert page.xpath("//script") == []
    lines = site.read("_redirects").splitlines()
    assert f"/2019/05/hours/ {target} 301" in lines
    assert "2019/05/hours" not in site.read("sitemap.xml")


@pytest.mark.parametrize(("value", "expected"), [
    ("/old/hours/", "must be a list"),
    ("[https://old.example.org/hours/]", "is a full address"),
    ("[old/hours/]", "must start with '/'"),
    ("['/?p=123']", "has a query or fragment"),
    ("[/a/../b/]", "is not a clean path"),
    ("[42]", "is not an address"),
    ("[[/a/]]", "is not an address"),
    ("['']", "is not an address"),
])
def test_a_bad_alias_fails_with_one_line_naming_file_line_and_field(site, value, expected):
    assert with_aliases(site, value) == 1
    lines = [m for m in site.messages.splitlines() if m.startswith("content/")]
    assert len(lines) == 1, site.messages
    assert lines[0].startswith(f"content/{PAGE}:4: aliases: ")
    assert expected in lines[0]
    assert "Traceback" not in site.messages
    assert not site.output.exists()


def test_an_alias_over_a_real_page_is_an_error_naming_the_file(site):
    site.write("pages/about.md", "---\ntitle: About us\n---\nWe are a library.\n")
    assert with_aliases(site, "[/about-us.html]") == 1
    assert f"content/{PAGE}:4: aliases: '/about-us.html' would replace the real page " \
           "output/about-us.html" in site.messages


def test_the_same_alias_in_two_files_is_an_error(site):
    site.write("posts/books/other.md", "---\ntitle: Other\ndate: 2026-01-06\n"
               "aliases: [/old/]\n---\nHi\n")
    assert with_aliases(site, "[/old/]") == 1
    assert "is also an alias in" in site.messages


def test_a_post_without_aliases_writes_no_redirects(site):
    site.write(PAGE, "---\ntitle: Opening hours\ndate: 2026-01-05\n---\nHi\n")
    assert site.build() == 0, site.messages
    assert not (site.output / "_redirects").exists()
