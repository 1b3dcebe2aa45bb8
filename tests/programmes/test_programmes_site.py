"""Learning programmes end to end: release week by week around a fixed clock, lesson pages,
the printable page, licence metadata, participants (OPML, feeds fetched from 127.0.0.1)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import xml.etree.ElementTree as ElementTree

import pytest
from lxml import html

PROGRAMME = """
    title: 23 things
    description: Learn a web tool a week.
    start: 2027-01-04
    pace: 2
    licence: CC BY 4.0
    licence_url: https://creativecommons.org/licenses/by/4.0/
    helpers: [Karen Holm]
"""


def lesson(thing: int, title: str) -> str:
    return f"---\ntitle: {title}\nthing: {thing}\ntime: 30 minutes\n---\nDo task {thing}.\n"


def write_programme(site, lessons=5, participants=None):
    site.write("programmes/23-things/programme.yaml", PROGRAMME)
    for number in range(1, lessons + 1):
        site.write(f"programmes/23-things/thing-{number}.md", lesson(number, f"Tool {number}"))
    if participants:
        site.write("programmes/23-things/participants.yaml", participants)


def tree(site, relative):
    return html.fromstring(site.read(relative))


def test_lessons_are_released_week_by_week(site):
    write_programme(site)
    # Pace 2: things 1-2 on 4 Jan, 3-4 on 11 Jan, 5 on 18 Jan. The clock says 12 January.
    assert site.build(BUILD_NOW="2027-01-12 09:00") == 0, site.messages
    base = site.output / "programmes" / "23-things"
    assert sorted(p.name for p in base.glob("thing-*.html")) == [
        "thing-1.html", "thing-2.html", "thing-3.html", "thing-4.html"]
    assert "thing 5 is released on 2027-01-18" in site.messages
    overview = tree(site, "programmes/23-things/index.html")
    items = [" ".join(li.text_content().split()) for li in overview.xpath("//ol[@class="
                                                                           "'lessons']/li")]
    assert len(items) == 5 and "January 18, 2027" in items[4]
    assert not overview.xpath("//ol[@class='lessons']/li[5]//a")
    sitemap = site.read("sitemap.xml")
    assert "thing-4.html" in sitemap and "thing-5.html" not in sitemap


def test_before_the_start_nothing_is_published(site):
    write_programme(site)
    assert site.build(BUILD_NOW="2027-01-03 23:00") == 0, site.messages
    assert not list((site.output / "programmes" / "23-things").glob("thing-*.html"))


def test_lesson_page_progress_navigation_and_licence(site):
    write_programme(site)
    assert site.build(BUILD_NOW="2027-02-01") == 0, site.messages
    page = tree(site, "programmes/23-things/thing-3.html")
    text = " ".join(page.text_content().split())
    assert "Thing 3 of 5" in text and "CC BY 4.0" in text and "About 30 minutes" in text
    assert page.xpath("//div[@class='post-body']/p[normalize-space()='Do task 3.']"), \
        "the lesson's text is shown as HTML, not as escaped markup"
    assert page.xpath("//a[@rel='prev']/@href")[0].endswith("thing-2.html")
    assert page.xpath("//a[@rel='next']/@href")[0].endswith("thing-4.html")
    assert page.xpath("//link[@rel='license']/@href") == [
        "https://creativecommons.org/licenses/by/4.0/"]
    data = [json.loads(s) for s in page.xpath("//script[@type='application/ld+json']/text()")]
    resource = next(d for d in data if d["@type"] == "LearningResource")
    assert resource["license"].startswith("https://creativecommons.org/")
    assert resource["isPartOf"]["name"] == "23 things" and resource["position"] == 3
    first = tree(site, "programmes/23-things/thing-1.html")
    assert not first.xpath("//a[@rel='prev']")


def test_printable_page_holds_every_released_lesson(site):
    write_programme(site)
    assert site.build(BUILD_NOW="2027-01-12") == 0, site.messages
    page = tree(site, "programmes/23-things/all.html")
    headings = [" ".join(h.text_content().split()) for h in page.xpath("//main//h2")]
    assert headings == [f"Thing {n} of 5: Tool {n}" for n in range(1, 5)]


@pytest.mark.parametrize("text, field, message", [
    ("title: X\nstart: someday\n", "start", "not a date"),
    ("title: X\nstart: 2027-01-04\npace: 0\n", "pace", "how many lessons"),
    ("start: 2027-01-04\n", "title", "missing"),
    ("title: '  '\nstart: 2027-01-04\n", "title", "missing"),
    ("title: X\nstart: 2027-02-30\n", "start", "not a date on the calendar"),
    ("title: X\nstart: 2027-01-04\nhelpres: [Karen]\n", "helpres", "did you mean 'helpers'"),
])
def test_bad_programme_yaml_is_named(site, text, field, message):
    site.write("programmes/p/programme.yaml", text)
    assert site.build() == 1
    line = next(m for m in site.messages.splitlines()
                if m.startswith("content/programmes/p/programme.yaml"))
    assert f" {field}: " in line and message in line


def test_two_lessons_with_one_number_are_refused(site):
    write_programme(site, lessons=2)
    site.write("programmes/23-things/again.md", lesson(2, "Again"))
    assert site.build(BUILD_NOW="2027-02-01") == 1
    assert "content/programmes/23-things/thing-2.md:3: thing: 2 is also the number of" \
        in site.messages or "content/programmes/23-things/again.md:3: thing: 2 is also" \
        in site.messages


class FeedServer:
    """Participants' blogs on 127.0.0.1: one good feed, one broken, one that never answers."""

    GOOD = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Anna</title>'
            b'<item><title>My thing 1</title><link>https://anna.example.net/1</link></item>'
            b'<item><title>Sneaky</title><link>javascript:alert(1)</link></item>'
            b'</channel></rss>')

    def __enter__(self):
        feeds = {"/good.xml": self.GOOD, "/broken.xml": b"<rss><channel><item><title>"}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/slow.xml":
                    time.sleep(3)
                body = feeds.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        return self

    def __exit__(self, *exc):
        self.server.shutdown()


def participants_yaml(base: str) -> str:
    return (f"participants:\n"
            f"  - name: Anna\n    blog: https://anna.example.net/\n    feed: {base}/good.xml\n"
            f"  - name: Bo\n    feed: {base}/broken.xml\n"
            f"  - name: Cai\n    feed: {base}/slow.xml\n"
            f"  - name: Dee\n    feed: {base}/gone.xml\n")


def test_participants_page_and_opml_without_fetching(site):
    write_programme(site, participants=participants_yaml("https://blogs.example.net"))
    assert site.build(BUILD_NOW="2027-02-01") == 0, site.messages
    opml = ElementTree.fromstring((site.output / "programmes/23-things/participants.opml")
                                  .read_bytes())
    assert [o.get("text") for o in opml.iter("outline")] == ["Anna", "Bo", "Cai", "Dee"]
    page = tree(site, "programmes/23-things/participants.html")
    assert page.xpath("//ul[@class='participants']/li/a/@href") == ["https://anna.example.net/"]


def test_fetching_participants_survives_broken_and_slow_feeds(site):
    with FeedServer() as feeds:
        write_programme(site, participants=participants_yaml(feeds.base))
        started = time.monotonic()
        code = site.build(BUILD_NOW="2027-02-01", FETCH_PARTICIPANTS=True, FETCH_ALLOW_LOCAL=True,
                          PROGRAMMES={"fetch_timeout": 1})
        took = time.monotonic() - started
    assert code == 0, site.messages
    page = tree(site, "programmes/23-things/participants.html")
    assert page.xpath("//ul[@class='participants']//ul/li/a/@href") == [
        "https://anna.example.net/1"]
    warnings = [m for m in site.messages.splitlines() if "warning: feed:" in m]
    assert any("Cai's feed" in w for w in warnings), site.messages
    assert any("Dee's feed" in w for w in warnings), site.messages
    assert any("Bo's feed" in w for w in warnings), site.messages
    assert took < 30


def test_hostile_programme_and_lesson_text_stays_text(site):
    payload = '"><img src=x onerror=alert(1)>'
    site.write("programmes/p/programme.yaml", f"title: '{payload}'\ndescription: '{payload}'\n"
               f"start: 2027-01-04\nlicence: '{payload}'\nhelpers: ['{payload}']\n")
    site.write("programmes/p/one.md", f"---\ntitle: '{payload}'\nthing: 1\ntime: '{payload}'\n"
               "---\nText.\n")
    assert site.build(BUILD_NOW="2027-02-01") == 0, site.messages
    for relative in ("programmes/p/index.html", "programmes/p/thing-1.html",
                     "programmes/p/all.html", "index.html"):
        tree = tree_of = html.fromstring(site.read(relative))
        assert not tree_of.xpath("//img[@src='x'] | //*[@onerror]"), relative
        assert payload in tree.text_content() or relative == "index.html", relative
