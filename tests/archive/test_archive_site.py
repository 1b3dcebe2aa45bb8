"""Archive mode: a closed section or programme keeps its pages and feeds, says it is closed,
asks no one to subscribe and moves from the main menu to the Archive page."""

from __future__ import annotations

import feedparser
import pytest
from lxml import html

POSTS = {
    "posts/project/first.md": "---\ntitle: Week one of the project\ndate: 2019-03-01\n---\n"
                              "We started.\n",
    "posts/news/hours.md": "---\ntitle: New hours\ndate: 2026-01-05\n---\nWe open at ten.\n",
}
CLOSED = {"project": {"since": "2019-06-30", "note": "The project ended in June 2019."}}


def build(site, archive=CLOSED, **overrides) -> int:
    for path, text in POSTS.items():
        site.write(path, text)
    return site.build(CLOSED_PARTS=archive, SEARCH={"INDEX": False}, **overrides)


def page(site, relative):
    return html.fromstring(site.read(relative))


def notice(tree) -> str:
    return " ".join(" ".join(tree.xpath("//main//aside[@class='archive-notice']//text()"))
                    .split())


def test_pages_of_a_closed_section_say_so_and_others_do_not(site):
    assert build(site) == 0, site.messages
    for relative in ("posts/2019/week-one-of-the-project.html", "section/project/index.html"):
        text = notice(page(site, relative))
        assert "This is an archive." in text and "June 30, 2019" in text, relative
        assert "The project ended in June 2019." in text
    for relative in ("posts/2026/new-hours.html", "section/news/index.html", "index.html"):
        assert notice(page(site, relative)) == "", relative


def test_feeds_are_kept_but_marked_and_not_offered(site):
    assert build(site) == 0, site.messages
    closed = feedparser.parse(site.read("feeds/section-project.atom.xml"))
    assert not closed.bozo and len(closed.entries) == 1
    assert closed.feed.subtitle.startswith("Archive, no new items expected:")
    rss = feedparser.parse(site.read("feeds/section-project.rss.xml"))
    assert "no new items expected" in rss.feed.description
    assert "no new items" not in site.read("feeds/section-news.atom.xml")
    section = page(site, "section/project/index.html")
    assert not section.xpath("//main//a[contains(@href, 'section-project.atom.xml')]")
    assert page(site, "section/news/index.html").xpath(
        "//main//a[contains(@href, 'section-news.atom.xml')]")


def test_menu_moves_a_closed_section_to_the_archive_page(site):
    assert build(site) == 0, site.messages
    menu = page(site, "index.html").xpath("//nav[@aria-label='Main menu']")[0]
    targets = menu.xpath(".//a/@href")
    assert any("section/news/" in t for t in targets)
    assert not any("section/project/" in t for t in targets)
    archive = page(site, "archive/index.html")
    closed = archive.xpath("//ul[contains(@class,'closed-projects')]//a/@href")
    assert any("section/project/" in t for t in closed)


def test_a_closed_programme(site):
    site.write("programmes/p/programme.yaml", "title: Web tools\nstart: 2019-01-07\n")
    site.write("programmes/p/one.md", "---\ntitle: Blogs\nthing: 1\n---\nStart a blog.\n")
    closed = {"programmes/p": {"since": "2019-05-01", "note": "The course has ended."}}
    assert build(site, archive=closed) == 0, site.messages
    assert "The course has ended." in notice(page(site, "programmes/p/thing-1.html"))
    assert "The course has ended." in notice(page(site, "programmes/p/index.html"))
    menu = page(site, "index.html").xpath("//nav[@aria-label='Main menu']//a/@href")
    assert not any("programmes/p/" in t for t in menu)


def test_a_closed_site_marks_every_page_and_the_main_feed(site):
    assert build(site, archive={"*": {"since": "2026-02-01", "note": "We moved."}}) == 0
    assert "We moved." in notice(page(site, "posts/2026/new-hours.html"))
    assert "We moved." in notice(page(site, "index.html"))
    assert feedparser.parse(site.read("feeds/all.atom.xml")).feed.subtitle.endswith("We moved.")


@pytest.mark.parametrize("archive, message", [
    ({"project": {"note": "x"}}, "needs 'since'"),
    ({"project": {"since": "2019-06-30"}}, "needs 'note'"),
    ({"project": "2019"}, "must be {"),
    (["project"], "must be a dict"),
])
def test_bad_archive_settings_are_named(site, archive, message):
    assert build(site, archive=archive) == 1
    line = next(m for m in site.messages.splitlines() if m.startswith("pelicanconf.py:"))
    assert "CLOSED_PARTS" in line and message in line


def test_a_closed_section_invites_no_comments_but_keeps_them(site):
    site.write("comments/week-one-of-the-project/2019-03-02-anna.yaml",
               "name: Anna\ndate: 2019-03-02\ntext: Good luck with the project!\n")
    assert build(site, COMMENTS={"email": "comments@library.example.org"}) == 0, site.messages
    closed = page(site, "posts/2019/week-one-of-the-project.html")
    assert "Good luck with the project!" in closed.text_content()
    assert not closed.xpath("//a[starts-with(@href, 'mailto:comments@')]")
    site.write("posts/news/hours.md", POSTS["posts/news/hours.md"])
    open_post = page(site, "posts/2026/new-hours.html")
    assert open_post.xpath("//a[starts-with(@href, 'mailto:comments@')]")
