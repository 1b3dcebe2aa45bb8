"""Front matter `aliases:` -> redirect pages at the old addresses and a `_redirects` file."""

from __future__ import annotations

import pytest
from lxml import html
from shelfcast_publish.hostconfig import htaccess_file, nginx_query_redirects
from shelfcast_publish.redirects import Redirect, redirects_file

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
    ("['/?p=1&x=2']", "is not one key=value pair"),
    ("['/?p=<script>']", "is not one key=value pair"),
    ("['/?']", "is not one key=value pair"),
    ("['/#frag']", "has a fragment"),
    ("['/a/../b/?p=1']", "is not a clean path"),
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


# Written by hand from the hosts' documentation: Netlify's query parameter rules
# (`/store id=:id /blog/:id 301`, a literal value matches that value) and Apache mod_rewrite
# (the condition on QUERY_STRING, a pattern relative to the .htaccess folder, and a trailing
# '?' that drops the old query from the new address).
SMALL = [
    Redirect("content/posts/a.md", 3, "/?p=123", "https://lib.example.dk/posts/2019/a.html"),
    Redirect("content/pages/b.md", 3, "/index.php?page_id=7", "https://lib.example.dk/b/"),
    Redirect("content/pages/b.md", 3, "/old/b.html", "https://lib.example.dk/b/"),
]


def test_netlify_lines_match_the_query_and_come_before_path_rules():
    assert redirects_file(SMALL).splitlines() == [
        "/ p=123 /posts/2019/a.html 301",
        "/index.php page_id=7 /b/ 301",
        "/old/b.html https://lib.example.dk/b/ 301",
    ]


def test_apache_rules_match_the_query_and_drop_it_from_the_new_address():
    tail = htaccess_file("/404.html", [r for r in SMALL if "?" in r.alias]).splitlines()
    start = tail.index("<IfModule mod_rewrite.c>")
    assert tail[start:] == [
        "<IfModule mod_rewrite.c>",
        "  RewriteEngine On",
        "  RewriteCond %{QUERY_STRING} (^|&)p=123(&|$)",
        "  RewriteRule ^$ /posts/2019/a.html? [R=301,L]",
        "  RewriteCond %{QUERY_STRING} (^|&)page_id=7(&|$)",
        "  RewriteRule ^index\\.php$ /b/? [R=301,L]",
        "</IfModule>",
    ]
    assert "mod_rewrite" not in htaccess_file("/404.html")


def test_nginx_include_answers_each_query_in_an_exact_location():
    text = nginx_query_redirects([r for r in SMALL if "?" in r.alias])
    assert 'location = / {\n    if ($arg_p = "123") { return 301 /posts/2019/a.html; }' in text
    assert 'if ($arg_page_id = "7") { return 301 /b/; }' in text


def test_a_short_link_alias_is_answered_without_replacing_the_home_page(site):
    assert with_aliases(site, "['/?p=123', /2019/05/hours/]") == 0, site.messages
    assert "/ p=123 /posts/2026/opening-hours.html 301" in site.read("_redirects").splitlines()
    home = html.fromstring(site.read("index.html"))
    assert home.xpath("//h1")  # still the home page, not a redirect page
    script = home.xpath("//script[contains(@src, 'query-redirects.js')]")
    assert len(script) == 1 and script[0].get("data-map").endswith("/query-redirects.json")
    assert not html.fromstring(site.read("2019/05/hours/index.html")).xpath(
        "//script[@src]"), "only pages at a query alias's path load the script"
    assert '"p=123":"/posts/2026/opening-hours.html"' in site.read("query-redirects.json")


def test_a_site_without_short_links_loads_no_redirect_script(site):
    assert with_aliases(site, "[/2019/05/hours/]") == 0, site.messages
    assert "query-redirects" not in site.read("index.html")
    assert not (site.output / "query-redirects.json").exists()


def test_the_same_short_link_in_two_files_is_an_error_naming_both(site):
    site.write("posts/books/other.md", "---\ntitle: Other\ndate: 2026-01-06\n"
               "aliases: ['/?p=5']\n---\nHi\n")
    assert with_aliases(site, "['/?p=5']") == 1
    line = next(m for m in site.messages.splitlines() if "is also an alias in" in m)
    assert "posts/books/other.md" in line and "posts/news/hours.md" in line


def test_tag_pages_keep_old_addresses_from_tag_aliases_yaml(site):
    site.write(PAGE, "---\ntitle: Opening hours\ndate: 2026-01-05\ntags: [Books]\n---\nHi\n")
    site.write("tag-aliases.yaml", "Books: [/search/label/Books, '/search/label/Books?m=1']\n")
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("search/label/Books/index.html"))
    refresh = page.xpath("//meta[@http-equiv='refresh']/@content")[0]
    assert refresh == "0; url=http://127.0.0.1:8000/tag/books/"
    assert "/search/label/Books m=1 /tag/books/ 301" in site.read("_redirects").splitlines()


def test_a_tag_alias_for_a_tag_no_post_has_is_an_error_naming_the_line(site):
    site.write(PAGE, "---\ntitle: Opening hours\ndate: 2026-01-05\ntags: [Books]\n---\nHi\n")
    site.write("tag-aliases.yaml", "Books: [/search/label/Books]\nFilm: [/search/label/Film]\n")
    assert site.build() == 1
    assert "content/tag-aliases.yaml:2: Film: no post has this tag" in site.messages
