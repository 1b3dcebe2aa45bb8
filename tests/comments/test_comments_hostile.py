"""Hostile comments: markup, script links, entities, bidi tricks, huge texts, huge threads,
broken YAML, YAML bombs and lost folders. Nothing executes; each bad file is named."""

from __future__ import annotations

import re
import time

from commenttools import SETTINGS, comment_yaml, write_post
from lxml import html

HOSTILE = ('<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">\n'
           "[click](javascript:window.pwned=3) javascript:window.pwned=4 "
           "data:text/html,<script>window.pwned=5</script>\n"
           "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;\n"
           "<a href=\"https://ok.example/\" onclick=\"window.pwned=6\">x</a>")


def write_hostile(site) -> None:
    write_post(site)
    site.write("comments/winter-reading/markup.yaml", comment_yaml(
        "<b>Mallory</b>", "2026-10-02", HOSTILE, website="javascript:alert(1)")
        .replace("website: javascript:alert(1)\n", ""))
    site.write("comments/winter-reading/bidi.yaml", comment_yaml(
        "Eve", "2026-10-03", "Invoice \u202egpj.exe\u202c is \u2066fine\u2069 https://e.example"))


def test_markup_in_comments_is_shown_as_text_never_run(site):
    write_hostile(site)
    assert site.build(**SETTINGS) == 0, site.messages
    source = site.read("posts/2026/winter-reading.html")
    page = html.fromstring(source)
    comment = page.xpath("//article[@id='comment-markup']")[0]
    assert not comment.xpath(".//script | .//img | .//b | .//i | .//*[@onerror or @onclick]")
    text = comment.xpath(".//div[@class='comment-text']")[0].text_content()
    assert "<script>window.pwned = 1</script>" in text
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;" in text  # entities stay as typed
    assert comment.xpath(".//strong/text()") == ["<b>Mallory</b>"]
    hrefs = comment.xpath(".//a/@href")
    assert hrefs == ["https://ok.example/"]
    assert "javascript:" not in "".join(page.xpath("//@href | //@src"))
    assert "data:text" not in "".join(page.xpath("//@href | //@src"))


def test_bidi_controls_are_removed_and_named(site):
    write_hostile(site)
    assert site.build(**SETTINGS) == 0, site.messages
    text = html.fromstring(site.read("posts/2026/winter-reading.html")).xpath(
        "//article[@id='comment-bidi']//div[@class='comment-text']")[0].text_content()
    assert text == "Invoice gpj.exe is fine https://e.example"
    assert "content/comments/winter-reading/bidi.yaml:3: warning: text: contained invisible" \
        in site.messages


def test_a_website_that_is_not_http_is_refused(site):
    write_post(site)
    site.write("comments/winter-reading/bad-site.yaml",
               comment_yaml("Mal", "2026-10-02", "hi", website="'javascript:alert(1)'"))
    site.write("comments/winter-reading/data-site.yaml",
               comment_yaml("Mal", "2026-10-02", "hi", website="'data:text/html,x'"))
    assert site.build(**SETTINGS) == 1
    assert "content/comments/winter-reading/bad-site.yaml:3: website: 'javascript:alert(1)'" \
           " is not an http:// or https:// address" in site.messages
    assert "content/comments/winter-reading/data-site.yaml:3: website:" in site.messages


def test_one_megabyte_of_text_is_refused_by_name(site):
    write_post(site)
    site.write("comments/winter-reading/huge.yaml",
               comment_yaml("Spam", "2026-10-02", ("word " * 40 + "\n") * 5200))
    assert site.build(**SETTINGS) == 1
    # The site kit's size limit for YAML files answers from the size on disk, before the
    # file is read (and so before the comment's own length check).
    assert re.search(r"content/comments/winter-reading/huge\.yaml: the file is 1\.\d MB, more "
                     r"than the 0\.2 MB .*SITEKIT\[\"max_yaml_bytes\"\]", site.messages), \
        site.messages


def test_broken_yaml_bombs_and_lost_folders_are_each_named(site):
    write_post(site)
    site.write("comments/winter-reading/broken.yaml", "name: Ann\ndate: 2026-10-02\n"
               "text: \"unclosed\n")
    site.write("comments/winter-reading/bomb.yaml",
               "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
               "name: Bob\ndate: 2026-10-02\ntext: *b\n")
    site.write("comments/winter-reading/reply.yaml",
               comment_yaml("Cy", "2026-10-02", "hi", reply_to="nobody"))
    site.write("comments/no-such-post/1.yaml", comment_yaml("Di", "2026-10-02", "hi"))
    assert site.build(**SETTINGS) == 1
    messages = site.messages
    broken = [m for m in messages.splitlines()
              if m.startswith("content/comments/winter-reading/broken.yaml:3: ")]
    assert broken and "not valid YAML" in broken[0] and "never closed" in broken[0], messages
    assert "content/comments/winter-reading/bomb.yaml:1: uses a YAML anchor or alias" in messages
    assert "content/comments/winter-reading/reply.yaml: reply_to: 'nobody' is not a comment" \
        in messages
    assert "content/comments/no-such-post/: there is no post with the slug 'no-such-post'" \
        in messages
    assert "Traceback" not in messages


def test_ten_thousand_comments_build_in_sane_time_and_pages_stay_small(site):
    write_post(site)
    folder = site.content / "comments" / "winter-reading"
    folder.mkdir(parents=True)
    for number in range(10_000):
        (folder / f"c{number:05d}.yaml").write_text(comment_yaml(
            f"Reader{number}", "2026-10-02", f"Comment {number}\nwith two lines"),
            encoding="utf-8")
    started = time.monotonic()
    assert site.build(COMMENTS={"email": "c@library.example.org"}) == 0, site.messages
    seconds = time.monotonic() - started
    assert seconds < 90, f"10,000 comments took {seconds:.0f} s"
    post = site.output / "posts/2026/winter-reading.html"
    assert post.stat().st_size < 200_000, post.stat().st_size
    last = html.fromstring(site.read("posts/2026/winter-reading/comments/200/index.html"))
    assert last.xpath("//div[@class='comment-text']")[-1].text_content() == \
        "Comment 9999\nwith two lines"
    print(f"10,000 comments: {seconds:.1f} s, post page {post.stat().st_size:,} bytes")


def test_a_misspelt_comment_field_and_a_bad_reply_id_are_named(site):
    write_post(site)
    site.write("comments/winter-reading/typo.yaml",
               "name: Mal\ndate: 2026-10-02\ntxet: hi\n")
    site.write("comments/winter-reading/reply.yaml",
               comment_yaml("Mal", "2026-10-02", "hi", reply_to="Not An Id"))
    assert site.build(**SETTINGS) == 1
    assert "content/comments/winter-reading/typo.yaml:3: txet: unknown field, so its value " \
           "would be ignored; did you mean 'text'?" in site.messages
    assert "content/comments/winter-reading/reply.yaml:3: reply_to: 'Not An Id' is not a " \
           "comment's id; write the file name of the comment it answers" in site.messages
