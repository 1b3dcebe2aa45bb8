"""Case 9: pages that list pages grow with the site, not with its square, and list fields are
capped (the cap is in the message).

One question with 1,000 topics took 16 s and wrote 76 MB (every topic page listed every
topic); 100,000 comments wrote 923 MB (every comments page linked every other page).
"""

from __future__ import annotations

from childbuild import build_in_child
from lxml import html

QUESTION = """---
question: Question number {n}?
asked_by: Maja
age_group: children
topics: [{topics}]
date: 2026-10-01
---
An answer.
"""
# The search index (Pagefind, a program of its own) is not what these cases measure.
NO_SEARCH_INDEX = {"INDEX": False}


def output_bytes(folder) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_a_question_with_a_thousand_topics_is_refused_naming_the_cap(site):
    topics = ", ".join(f"topic {n}" for n in range(1000))
    site.write("questions/many.md", QUESTION.format(n=1, topics=topics))
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/questions/many.md:5: topics: has 1,000 items, more than "
                          "the 100 allowed")


def test_a_thousand_tags_are_refused_naming_the_cap(site):
    tags = ", ".join(f"tag {n}" for n in range(1000))
    site.write("posts/news/tags.md", f"---\ntitle: Tags\ndate: 2026-07-01\ntags: [{tags}]\n"
                                     "---\nText.\n")
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/posts/news/tags.md:4: tags: has 1,000 items, more than the "
                          "100 allowed")


def test_topic_pages_list_a_bounded_number_of_topics(site):
    """10 questions of 20 topics each: 200 topic pages, each listing at most 30 topics."""
    for n in range(10):
        topics = ", ".join(f"topic {n}-{t}" for t in range(20))
        site.write(f"questions/q{n}.md", QUESTION.format(n=n, topics=topics))
    result = build_in_child(site, SEARCH=NO_SEARCH_INDEX)
    assert result.code == 0, result.output
    result.assert_bounded()
    topic_pages = list((site.output / "questions" / "topic").rglob("index.html"))
    assert len(topic_pages) == 200
    page = html.fromstring(topic_pages[0].read_bytes())
    assert len(page.xpath("//a[contains(@href, 'questions/topic/')]")) <= 31
    index = html.fromstring((site.output / "questions" / "index.html").read_bytes())
    assert len(index.xpath("//a[contains(@href, 'questions/topic/')]")) == 200
    assert output_bytes(site.output / "questions") < 200 * 40_000


def test_comment_pages_link_a_window_of_pages(site):
    """200 comments, one a page: each page links a handful of pages, not all 200."""
    site.write("posts/books/winter.md", "---\ntitle: Winter\ndate: 2026-10-01\nslug: winter\n"
                                        "---\nText.\n")
    for n in range(200):
        site.write(f"comments/winter/c{n:04d}.yaml",
                   f"name: Reader\ndate: 2026-10-02 10:{n % 60:02d}\ntext: Comment {n}.\n")
    result = build_in_child(site, COMMENTS={"per_page": 1}, SEARCH=NO_SEARCH_INDEX)
    assert result.code == 0, result.output
    result.assert_bounded()
    pages = list((site.output / "posts" / "2026" / "winter" / "comments").rglob("index.html"))
    assert len(pages) == 199
    for path in [site.output / "posts" / "2026" / "winter.html", *pages[:20]]:
        links = html.fromstring(path.read_bytes()).xpath("//nav[@class='pagination']//a")
        assert 2 <= len(links) <= 7, (path, len(links))
    assert output_bytes(site.output / "posts") < 200 * 40_000


def test_a_long_chain_of_replies_is_threaded_in_linear_time():
    """100,000 comments each answering the one before: one walk per chain, not its square."""
    import time
    from datetime import datetime, timedelta

    from markupsafe import Markup
    from shelfcast_comments.model import Comment
    from shelfcast_comments.threads import threads

    start = datetime(2026, 10, 1)
    comments = [Comment(f"c{n}", "Reader", start + timedelta(seconds=n), "hi", Markup("hi"),
                        reply_to=f"c{n - 1}" if n else None) for n in range(100_000)]
    began = time.monotonic()
    ordered, problems = threads(comments)
    assert time.monotonic() - began < 5
    assert not problems and len(ordered) == 1 and len(ordered[0].replies) == 99_999
