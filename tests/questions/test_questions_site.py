"""Ask a librarian end to end: question files become pages a reader, a search engine (QAPage
JSON-LD parsed back) and a feed reader (feedparser) understand; bad files are named."""

from __future__ import annotations

import json

import feedparser
import pytest
from lxml import html

QUESTIONS = {
    "questions/why-is-the-sky-blue.md": """
        ---
        question: Why is the sky blue?
        asked_by: Maja
        age_group: children
        topics: [space, science]
        date: 2026-10-01
        answered_by: Karen
        ---
        Sunlight is scattered by the air. Read [The Sky Book](isbn:9780261103344).
    """,
    "questions/how-far-is-the-moon.md": """
        ---
        question: How far away is the Moon?
        asked_by: anonymous
        age_group: children
        topics: [space]
        date: 2026-10-05
        ---
        About 384,000 km.
    """,
    "questions/best-crime-novels.md": """
        ---
        question: Which Nordic crime novels should I start with?
        asked_by: Lars
        age_group: adults
        topics: [crime, books]
        date: 2026-10-10
        ---
        Start with Sjöwall and Wahlöö.
    """,
}
ASK = {"ask_email": "ask@library.example.org", "ask_form_url": "https://forms.example.org/ask"}


@pytest.fixture
def built(site):
    for path, text in QUESTIONS.items():
        site.write(path, text)
    assert site.build(QUESTIONS=ASK) == 0, site.messages
    return site


def ld_of(page) -> dict:
    return json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])


def test_question_page_carries_qapage_json_ld(built):
    page = html.fromstring(built.read("questions/why-is-the-sky-blue.html"))
    data = ld_of(page)
    assert data["@type"] == "QAPage"
    question = data["mainEntity"]
    assert question["@type"] == "Question"
    assert question["name"] == "Why is the sky blue?"
    assert question["answerCount"] == 1
    answer = question["acceptedAnswer"]
    assert answer["@type"] == "Answer"
    assert "Sunlight is scattered" in answer["text"]
    assert answer["author"]["name"] == "Karen"
    assert page.xpath("//h1/text()") == ["Why is the sky blue?"]
    # the answer is rendered like any post, catalogue links included
    assert page.xpath("//div[@class='post-body']//a[contains(@href, 'bibliotek.example.dk')]")


def test_related_questions_share_a_topic(built):
    page = html.fromstring(built.read("questions/why-is-the-sky-blue.html"))
    related = page.xpath("//section[@class='related-questions']//a/text()")
    assert related == ["How far away is the Moon?"]


def test_topic_and_age_group_pages_list_their_questions(built):
    space = html.fromstring(built.read("questions/topic/space/index.html"))
    titles = space.xpath("//article//h2/a/text()")
    assert sorted(titles) == ["How far away is the Moon?", "Why is the sky blue?"]
    adults = html.fromstring(built.read("questions/age/adults/index.html"))
    assert adults.xpath("//article//h2/a/text()") == [
        "Which Nordic crime novels should I start with?"]
    everything = html.fromstring(built.read("questions/index.html"))
    assert len(everything.xpath("//article[contains(@class, 'question-card')]")) == 3


def test_ask_us_box_links_to_the_librarys_channels_and_collects_nothing(built):
    page = html.fromstring(built.read("questions/index.html"))
    box = page.xpath("//aside[contains(@class, 'ask-us')]")[0]
    links = box.xpath(".//a/@href")
    assert any(link.startswith("mailto:ask@library.example.org") for link in links)
    assert "https://forms.example.org/ask" in links
    assert not page.xpath("//form[not(@role='search')]")


def test_feed_of_answers_and_sitemap(built):
    feed = feedparser.parse(built.read("feeds/questions.atom.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries][0] == "Which Nordic crime novels should I start with?"
    assert len(feed.entries) == 3
    assert "384,000" in feed.entries[1].content[0].value
    sitemap = built.read("sitemap.xml")
    for path in ("questions/why-is-the-sky-blue.html", "questions/topic/space/",
                 "questions/age/children/"):
        assert path in sitemap


def test_contact_details_in_any_field_are_warned_about(site):
    site.write("questions/pets.md", """
        ---
        question: Can I borrow books about cats? Call me on 22 33 44 55
        asked_by: Ida
        age_group: children
        topics: [animals]
        date: 2026-10-01
        answered_by: Karen (karen@library.example.org)
        ---
        Yes!
    """)
    assert site.build() == 0, site.messages
    assert "content/questions/pets.md:2: warning: question: looks like it contains a phone" \
        in site.messages
    assert "content/questions/pets.md:7: warning: answered_by: looks like it contains an " \
        "e-mail address" in site.messages


def test_bad_question_files_are_named(site):
    site.write("questions/no-age.md", """
        ---
        question: Where are the comics?
        asked_by: Ole Hansen
        topics: [comics]
        date: 2026-10-01
        ---
        Upstairs.
    """)
    assert site.build() == 1
    assert "content/questions/no-age.md: age_group: missing" in site.messages
    assert "content/questions/no-age.md:3: asked_by: 'Ole Hansen' is more than a first name" \
        in site.messages
