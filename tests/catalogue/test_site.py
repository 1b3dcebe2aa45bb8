"""End to end: a tiny site built with the real settings, theme and build wrapper, read back
with lxml, feedparser, csv, json and urllib.parse as a browser, feed reader or reference
manager would."""

import csv
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest
from lxml import html
from sitetools import (
    KIT_SITE,
    Site,
    tree_digest,  # noqa: F401 (used by this module and its importers)
)

DPL = "https://bibliotek.example.dk"   # the demo settings in pelicanconf.py
KOHA = "https://koha.example.org"
SCHEMES = ("isbn", "issn", "ismn", "ean", "upc", "oclc", "faust", "libris", "record")
# An identifier scheme used as a URI: "isbn:978…", "ISBN:0261…", "faust:509…".
SCHEME_URI = re.compile(rb"(?i)(?<![a-z0-9])(?:" + "|".join(SCHEMES).encode()
                        + rb"):(?=[^\s\"'<>])")

POSTS = {
    "posts/books/hobbit.md": """
        ---
        title: The Hobbit for beginners
        date: 2026-01-05
        author: Karen Holm
        summary: Why we still read [The Hobbit](isbn:9780261103344).
        ---
        Start with [The Hobbit](isbn:978-0-261-10334-4), then
        [The Lord of the Rings](isbn:9780261103252).

        Every copy in the catalogue: <isbn:0261103342>.

        The journal [Nature](issn:0028-0836) is in the reading room.
    """,
    "posts/music/blue.md": """
        ---
        title: Blue notes
        date: 2026-01-06
        ---
        Listen to [Kind of Blue](ean:5099750442227) and
        [an American pressing](upc:075678164125), or the record [we catalogued](faust:50984508).
    """,
    "posts/news/hours.md": """
        ---
        title: Opening hours
        date: 2026-01-07
        ---
        We open at eight.
    """,
    "pages/reading.md": """
        ---
        title: Reading tips
        ---
        Our favourite: [Pride and Prejudice](isbn:0141439513).
    """,
}
ITEMS_PER_PAGE = {"posts/2026/the-hobbit-for-beginners.html": 3,
                  "posts/2026/blue-notes.html": 3, "reading-tips.html": 1}


def build_site(root: Path, **overrides) -> Site:
    site = Site(root)
    for path, text in POSTS.items():
        site.write(path, text)
    assert site.build(**overrides) == 0, site.messages
    return site


@pytest.fixture(scope="session")
def dpl_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("dpl"))


@pytest.fixture(scope="session")
def koha_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("koha"),
                      CATALOGUE={"system": "koha", "base_url": KOHA})


def page(site: Site, relative: str):
    return html.fromstring(site.read(relative))


def catalogue_hrefs(site: Site) -> list[str]:
    hrefs = []
    for path in sorted(site.output.rglob("*.html")):
        hrefs += html.fromstring(path.read_text("utf-8")).xpath(
            "//a[contains(concat(' ', @class, ' '), ' catalogue-link ')]/@href")
    return hrefs


def feed_links(site: Site) -> list[str]:
    links = []
    for feed_file in sorted((site.output / "feeds").glob("*.xml")):
        for entry in feedparser.parse(str(feed_file)).entries:
            for part in [*entry.get("content", []), entry.get("summary_detail")]:
                if part:
                    links += html.fromstring(f"<div>{part.value}</div>").xpath("//a/@href")
    return links


def test_post_links_go_to_the_catalogue(dpl_site):
    doc = page(dpl_site, "posts/2026/the-hobbit-for-beginners.html")
    body = doc.xpath("//article//p/a[@class='catalogue-link']")
    assert [(a.text_content(), a.get("href"), a.get("data-identifier")) for a in body] == [
        ("The Hobbit", f"{DPL}/search?q=9780261103344", "ISBN 9780261103344"),
        ("The Lord of the Rings", f"{DPL}/search?q=9780261103252", "ISBN 9780261103252"),
        ("ISBN 978-0-261-10334-4", f"{DPL}/search?q=9780261103344", "ISBN 9780261103344"),
        ("Nature", f"{DPL}/search?q=0028-0836", "ISSN 0028-0836"),
    ]
    faust = page(dpl_site, "posts/2026/blue-notes.html").xpath(
        "//a[@data-identifier='FAUST 50984508']/@href")
    assert faust[0] == f"{DPL}/work/work-of:870970-basis:50984508"


def test_in_the_library_lists_each_item_once(dpl_site):
    doc = page(dpl_site, "posts/2026/the-hobbit-for-beginners.html")
    aside = doc.xpath("//aside[@aria-labelledby='in-the-library-heading']")[0]
    assert aside.xpath("string(.//h2)") == "In the library"
    assert [a.text_content() for a in aside.xpath(".//li/a")] == [
        "The Hobbit", "The Lord of the Rings", "Nature"]
    assert not page(dpl_site, "posts/2026/opening-hours.html").xpath("//aside")


def test_pages_get_catalogue_links_too(dpl_site):
    doc = page(dpl_site, "reading-tips.html")
    assert doc.xpath("//main//a[@class='catalogue-link']/@href")[0] == \
        f"{DPL}/search?q=9780141439518"


def test_summary_links_are_rewritten_on_the_index(dpl_site):
    doc = page(dpl_site, "index.html")
    assert f"{DPL}/search?q=9780261103344" in doc.xpath("//a/@href")


def test_atom_feed_has_catalogue_urls_and_no_identifier_scheme(dpl_site):
    feed = feedparser.parse(str(dpl_site.output / "feeds" / "all.atom.xml"))
    assert not feed.bozo
    hobbit = next(e for e in feed.entries if e.title == "The Hobbit for beginners")
    links = html.fromstring(hobbit.content[0].value).xpath("//a/@href")
    assert f"{DPL}/search?q=9780261103252" in links
    assert not SCHEME_URI.search((dpl_site.output / "feeds" / "all.atom.xml").read_bytes())


def test_switching_system_changes_every_link_on_the_site_and_in_every_feed(dpl_site,
                                                                           koha_site):
    dpl, koha = catalogue_hrefs(dpl_site), catalogue_hrefs(koha_site)
    assert len(dpl) == len(koha) > 10
    assert all(h.startswith(DPL + "/") for h in dpl)
    assert all(h.startswith(KOHA + "/cgi-bin/koha/") for h in koha)
    assert f"{KOHA}/cgi-bin/koha/opac-search.pl?idx=nb&q=9780261103344" in koha
    koha_feed = feed_links(koha_site)
    assert f"{KOHA}/cgi-bin/koha/opac-search.pl?idx=ns&q=0028-0836" in koha_feed
    assert not any(DPL in h for h in koha_feed)
    for path in koha_site.output.rglob("*"):
        if path.is_file():
            assert b"bibliotek.example.dk" not in path.read_bytes(), path


def test_coins_spans_parse_back(dpl_site):
    spans = page(dpl_site, "posts/2026/the-hobbit-for-beginners.html").xpath(
        "//span[@class='Z3988']/@title")
    citations = [{k: v[0] for k, v in parse_qs(title).items()} for title in spans]
    assert citations[0]["ctx_ver"] == "Z39.88-2004"
    assert citations[0]["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:book"
    assert (citations[0]["rft.btitle"], citations[0]["rft.isbn"]) == ("The Hobbit",
                                                                      "9780261103344")
    assert citations[1]["rft.isbn"] == "9780261103252"
    music = page(dpl_site, "posts/2026/blue-notes.html").xpath("//span[@class='Z3988']/@title")
    album = parse_qs(music[0])
    assert album["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
    assert (album["rft.title"], album["rft.type"]) == (["Kind of Blue"], ["Sound"])


def test_json_ld_names_the_post_and_what_it_mentions(dpl_site):
    def data(relative):
        script = page(dpl_site, relative).xpath("//script[@type='application/ld+json']/text()")
        return json.loads(script[0])

    post = data("posts/2026/the-hobbit-for-beginners.html")
    assert (post["@type"], post["headline"]) == ("BlogPosting", "The Hobbit for beginners")
    assert post["url"].endswith("/posts/2026/the-hobbit-for-beginners.html")
    assert post["mentions"][0] == {"@type": "Book", "name": "The Hobbit", "isbn": "9780261103344",
                                   "url": f"{DPL}/search?q=9780261103344"}
    albums = data("posts/2026/blue-notes.html")["mentions"]
    assert [(a["@type"], a.get("gtin13")) for a in albums[:2]] == [
        ("MusicAlbum", "5099750442227"), ("MusicAlbum", "0075678164125")]


def test_links_csv_lists_every_link_by_page(dpl_site):
    rows = list(csv.DictReader(io.StringIO(dpl_site.read("catalogue-links.csv"))))
    counts = {}
    for row in rows:
        counts[row["page"]] = counts.get(row["page"], 0) + 1
    assert counts == ITEMS_PER_PAGE
    assert {"page": "posts/2026/blue-notes.html", "identifier": "UPC 075678164125",
            "url": f"{DPL}/search?q=075678164125"} in rows


def scheme_survivors(output: Path) -> list[str]:
    found = []
    for path in sorted(output.rglob("*")):
        if path.is_file():
            found += [f"{path.relative_to(output)}: {m.group(0)!r}"
                      for m in SCHEME_URI.finditer(path.read_bytes())]
    return found


def test_no_identifier_scheme_survives_anywhere_in_output(dpl_site, koha_site):
    assert scheme_survivors(dpl_site.output) == []
    assert scheme_survivors(koha_site.output) == []


def test_the_kit_site_builds_with_no_identifier_scheme_left(tmp_path):
    site = Site(tmp_path)
    shutil.rmtree(site.content)
    shutil.copytree(KIT_SITE / "content", site.content)
    assert site.build() == 0, site.messages
    assert scheme_survivors(site.output) == []
    assert len(catalogue_hrefs(site)) >= 9


def test_two_builds_are_byte_identical(dpl_site, tmp_path):
    again = build_site(tmp_path)
    for name in ("catalogue-links.csv", "posts/2026/the-hobbit-for-beginners.html"):
        assert again.read(name) == dpl_site.read(name)



BAD_LINKS = {
    "isbn check digit": ("[Ingen kender dagen](isbn:978-87-02-17301-6)",
                         "link 'Ingen kender dagen': isbn:978-87-02-17301-6 has a wrong check "
                         "digit (did you mean …-7?)"),
    "ismn written as isbn": ("[Score](isbn:979-0-2600-0043-8)", "is an ISMN"),
    "isbn length": ("[Short](isbn:97802611)", "an ISBN has 10 or 13 digits"),
    "issn": ("[Journal](issn:0028-0837)", "issn:0028-0837 has a wrong check digit"),
    "ismn": ("[Score](ismn:979-0-2600-0043-9)", "has a wrong check digit"),
    "ean": ("[Album](ean:5099750442228)", "has a wrong check digit (did you mean …2227?)"),
    "upc": ("[Album](upc:07567816412)", "needs 12 digits"),
    "oclc": ("[Book](oclc:abc)", "is not an OCLC number"),
    "faust": ("[Bog](faust:50984509)", "faust:50984509 has a wrong check digit"),
    "libris": ("[Bok](libris:??)", "is not a Libris id"),
    "record": ("[Item](<record:a b>)", "is not a record id"),
    "autolink": ("<isbn:9780261103343>", "link 'isbn:9780261103343': isbn:9780261103343 has"),
}


@pytest.fixture
def good_site(site):
    site.write("posts/news/hours.md", POSTS["posts/news/hours.md"])
    assert site.build() == 0, site.messages
    return site


@pytest.mark.parametrize("name", BAD_LINKS)
def test_bad_identifier_is_one_clear_line_and_output_is_kept(good_site, name):
    link, expected = BAD_LINKS[name]
    before = tree_digest(good_site.output)
    good_site.write("posts/books/new.md", f"---\ntitle: New\ndate: 2026-01-08\n---\n"
                                          f"First line.\n\nRead {link} now.\n")
    assert good_site.build() == 1
    lines = [m for m in good_site.messages.splitlines() if m.startswith("content/")]
    assert len(lines) == 1, good_site.messages
    assert lines[0].startswith("content/posts/books/new.md:7: link '"), lines[0]
    assert expected in lines[0]
    assert "Traceback" not in good_site.messages
    assert tree_digest(good_site.output) == before


def test_bad_setting_is_reported_on_pelicanconf(good_site):
    before = tree_digest(good_site.output)
    assert good_site.build(CATALOGUE={"system": "kohaa"}) == 1
    assert "pelicanconf.py: CATALOGUE['system']: 'kohaa' is not allowed; write one of aspen" \
        in good_site.messages
    assert "Traceback" not in good_site.messages
    assert tree_digest(good_site.output) == before


def test_identifier_without_template_or_search_stops_the_build(good_site):
    good_site.write("posts/books/new.md", "---\ntitle: New\ndate: 2026-01-08\n---\n"
                                          "[Bog](faust:50984508)\n")
    assert good_site.build(CATALOGUE={"templates": {"isbn": "https://x.org/{isbn}"}}) == 1
    assert "content/posts/books/new.md:5: link 'Bog': faust:50984508 cannot be linked" \
        in good_site.messages


def test_invoke_check_reports_items_per_page(dpl_site, capsys):
    import tasks

    tasks._catalogue_report(str(dpl_site.output))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("Catalogue links: 3 page(s) link 7 different item(s) "
                      "(every one: catalogue-links.csv)")
    assert "  posts/2026/the-hobbit-for-beginners.html: links 3 catalogue items" in out
    assert "  reading-tips.html: links 1 catalogue item" in out
