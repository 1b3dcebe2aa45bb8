"""Comments end to end: files a moderator commits become threads under the post, read back
with an HTML parser and the page's JSON-LD; invitations follow the post's settings."""

from __future__ import annotations

import json

from commenttools import SETTINGS, comment_yaml, write_post
from lxml import html


def build_discussion(site, extra="") -> int:
    write_post(site, extra)
    site.write("comments/winter-reading/2026-10-02-anna.yaml", comment_yaml(
        "Anna", "2026-10-02 09:30", "Loved the list!\n\nI am reading Sjöwall and Wahlöö.\n"
        "Second line of the same paragraph.", website="https://anna.example.net"))
    site.write("comments/winter-reading/2026-10-03-karen.yaml", comment_yaml(
        "Karen", "2026-10-03", "Thank you, Anna: try https://example.org/crime-list.",
        reply_to="2026-10-02-anna"))
    site.write("comments/winter-reading/2026-10-04-ole.yaml", comment_yaml(
        "Ole", "2026-10-04", "Me too.", reply_to="2026-10-03-karen"))
    site.write("comments/winter-reading/2026-10-05-ida.yaml", comment_yaml(
        "Ida", "2026-10-05", "Any audiobooks?"))
    return site.build(**SETTINGS)


def post_page(site):
    return html.fromstring(site.read("posts/2026/winter-reading.html"))


def test_comments_show_under_the_post_threaded_one_level(site):
    assert build_discussion(site) == 0, site.messages
    page = post_page(site)
    threads = page.xpath("//ol[@class='comment-threads']/li")
    assert len(threads) == 2
    first = threads[0]
    assert first.xpath("./article//strong/a/text()") == ["Anna"]
    # A reply to a reply still sits in the first thread, one level deep.
    assert first.xpath(".//ol[@class='comment-replies']/li//strong/text()") == ["Karen", "Ole"]
    paragraphs = first.xpath("./article//div[@class='comment-text']/p")
    assert [p.text_content() for p in paragraphs] == [
        "Loved the list!", "I am reading Sjöwall and Wahlöö.\nSecond line of the same paragraph."]
    assert paragraphs[1].xpath("./br")
    link = page.xpath("//article[@id='comment-2026-10-03-karen']//div//a")[0]
    assert link.get("href") == "https://example.org/crime-list"
    assert link.get("rel") == "nofollow ugc noopener"
    assert page.xpath("//h2[@id='comments-heading']/text()")[0].strip() == "Comments (4)"



def test_a_pending_comment_is_not_shown_until_approved(site):
    """`pending: true` (what the web editor's "waiting for approval" switch writes) holds a
    comment back; `pending: false` shows it."""
    site.write("comments/winter-reading/2026-10-06-bo.yaml", comment_yaml(
        "Bo", "2026-10-06", "Call me on 98 76 54 32.", pending="true"))
    assert build_discussion(site) == 0, site.messages
    assert not post_page(site).xpath("//article[@id='comment-2026-10-06-bo']")
    assert "Comments (4)" in post_page(site).xpath("string(//h2[@id='comments-heading'])")
    site.write("comments/winter-reading/2026-10-06-bo.yaml", comment_yaml(
        "Bo", "2026-10-06", "Thank you.", pending="false"))
    assert build_discussion(site) == 0, site.messages
    assert post_page(site).xpath("//article[@id='comment-2026-10-06-bo']")


def test_a_reply_to_a_pending_comment_waits_with_it(site):
    """A moderator answered a comment still waiting for approval: the build goes through,
    neither shows (nor a reply to the answer) until the comment is approved, then all do."""
    def write_waiting(pending):
        site.write("comments/winter-reading/2026-10-06-bo.yaml", comment_yaml(
            "Bo", "2026-10-06", "When is the crime evening?", pending=pending))
        site.write("comments/winter-reading/2026-10-07-karen.yaml", comment_yaml(
            "Karen", "2026-10-07", "On the 12th, Bo.", reply_to="2026-10-06-bo"))
        site.write("comments/winter-reading/2026-10-08-bo.yaml", comment_yaml(
            "Bo", "2026-10-08", "Thanks!", reply_to="2026-10-07-karen"))

    write_waiting("true")
    assert build_discussion(site) == 0, site.messages
    page = post_page(site)
    for name in ("2026-10-06-bo", "2026-10-07-karen", "2026-10-08-bo"):
        assert not page.xpath(f"//article[@id='comment-{name}']"), name
    assert "Comments (4)" in page.xpath("string(//h2[@id='comments-heading'])")
    assert "reply_to" not in site.messages
    write_waiting("false")
    assert build_discussion(site) == 0, site.messages
    page = post_page(site)
    thread = page.xpath("//article[@id='comment-2026-10-06-bo']/..")[0]
    assert thread.xpath(".//ol[@class='comment-replies']/li//strong/text()") == ["Karen", "Bo"]
    assert "Comments (7)" in page.xpath("string(//h2[@id='comments-heading'])")


def test_comment_json_ld_and_count_in_listings(site):
    assert build_discussion(site) == 0, site.messages
    data = [json.loads(s) for s in post_page(site).xpath(
        "//script[@type='application/ld+json']/text()")]
    post = next(d for d in data if d.get("@type") == "BlogPosting")
    assert post["commentCount"] == 4
    assert [c["author"]["name"] for c in post["comment"]] == ["Anna", "Karen", "Ole", "Ida"]
    assert all(c["@type"] == "Comment" for c in post["comment"])
    listing = html.fromstring(site.read("section/books/index.html"))
    count = listing.xpath("//p[contains(@class, 'comment-count')]/a")[0]
    assert "4" in count.text_content()
    assert count.get("href").endswith("posts/2026/winter-reading.html#comments")


def test_invitation_mails_the_library_with_the_title_as_subject(site):
    assert build_discussion(site, "fediverse_thread: https://mastodon.example/@library/1") \
        == 0, site.messages
    page = post_page(site)
    hrefs = page.xpath("//div[@class='comment-invitation']//a/@href")
    assert "mailto:comments@library.example.org?subject=Winter%20reading%20%26%20%22cosy%22" \
        "%20crime" in hrefs
    assert "https://mastodon.example/@library/1" in hrefs


def test_closed_comments_keep_the_comments_but_invite_no_more(site):
    assert build_discussion(site, "comments: closed\nfediverse_thread: https://m.example/1") \
        == 0, site.messages
    page = post_page(site)
    assert len(page.xpath("//article[@class='comment']")) == 4
    assert not page.xpath("//div[@class='comment-invitation']")
    assert "mailto:comments@" not in site.read("posts/2026/winter-reading.html")
    assert "m.example/1" not in site.read("posts/2026/winter-reading.html")


def test_archive_mode_closes_every_post(site):
    write_post(site)
    assert site.build(COMMENTS={"email": "c@library.example.org", "archive": True}) == 0
    assert not post_page(site).xpath("//div[@class='comment-invitation']")


def test_long_threads_paginate(site):
    write_post(site)
    for number in range(45):
        site.write(f"comments/winter-reading/c{number:03d}.yaml",
                   comment_yaml(f"Reader{number}", "2026-10-02", f"Comment number {number}"))
    assert site.build(**SETTINGS) == 0, site.messages
    page = post_page(site)
    assert len(page.xpath("//article[@class='comment']")) == 20
    pages = page.xpath("//nav[@class='pagination']//a/@href")
    assert [p.split("winter-reading")[-1] for p in pages] == [
        ".html#comments", "/comments/2/", "/comments/3/"]
    third = html.fromstring(site.read("posts/2026/winter-reading/comments/3/index.html"))
    assert [a.text_content() for a in third.xpath("//div[@class='comment-text']")] == [
        f"Comment number {n}" for n in range(40, 45)]
    assert "posts/2026/winter-reading/comments/2/" in site.read("sitemap.xml")
