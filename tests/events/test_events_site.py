"""Events end to end: a fixture site with events, built at a fixed date, read as readers' tools
would (an HTML parser, two independent iCalendar parsers, JSON-LD parsed back)."""

from __future__ import annotations

import json
from datetime import date, datetime

import icalendar
import pytest
import vobject
from lxml import html

BRANCHES = {"branches": [{"name": "Nørreby Branch"}, {"name": "Strand Library"}]}
NOW = "2026-11-29 12:00"

EVENTS = {
    "posts/events/author-evening.md": """
        ---
        title: Author evening with Siri Nygaard
        date: 2026-11-01
        summary: Siri reads from her new novel.
        event:
          start: 2026-12-03 19:00
          end: "21:00"
          location: norreby-branch
          price: 50 kr
          registration_url: https://tickets.example.org/siri
          registration_deadline: 2026-12-02
        ---
        Come and listen.
    """,
    "posts/events/reading-club.md": """
        ---
        title: Reading club
        date: 2026-10-01
        event:
          start: 2026-12-08 17:00
          end: "18:30"
          location: strand-library
          price: free
          recurrence:
            every: 2 weeks
            until: 2027-03-01
        ---
        Every second Tuesday.
    """,
    "posts/events/cancelled-quiz.md": """
        ---
        title: Music quiz
        date: 2026-11-10
        event:
          start: 2026-12-12 20:00
          cancelled: true
          location: Café Bogen, Torvet 2
        ---
        Sorry, the quiz is off.
    """,
    "posts/events/past-fair.md": """
        ---
        title: Book fair
        date: 2026-09-01
        event:
          start: 2026-09-20
          end: 2026-09-21
          all_day: true
        ---
        It was lovely.
    """,
}


def build_events(site, **overrides) -> int:
    for path, text in EVENTS.items():
        site.write(path, text)
    return site.build(**{"BUILD_NOW": NOW, "LIBRARY": BRANCHES, **overrides})


@pytest.fixture
def events_site(site):
    assert build_events(site) == 0, site.messages
    return site


def page(site, relative):
    return html.fromstring(site.read(relative))


def titles(tree):
    return [a.text_content().strip() for a in tree.xpath("//main//article[contains(@class,"
                                                          "'event-card')]//h2/a")]


def test_upcoming_lists_next_first_and_never_the_past(events_site):
    listed = titles(page(events_site, "events/index.html"))
    assert listed == ["Author evening with Siri Nygaard", "Reading club", "Music quiz"]
    assert titles(page(events_site, "events/past/index.html")) == ["Book fair"]


def test_the_build_date_decides_what_is_upcoming(site):
    assert build_events(site, BUILD_NOW="2026-12-05 12:00") == 0, site.messages
    listed = titles(page(site, "events/index.html"))
    assert "Author evening with Siri Nygaard" not in listed
    assert "Author evening with Siri Nygaard" in titles(page(site, "events/past/index.html"))


def test_filters_by_branch_and_month_are_static_pages(events_site):
    norreby = titles(page(events_site, "events/norreby-branch/index.html"))
    assert norreby == ["Author evening with Siri Nygaard"]
    january = page(events_site, "events/2027-01/index.html")
    assert titles(january) == ["Reading club", "Reading club"]  # 5 and 19 January
    index = page(events_site, "events/index.html")
    filters = index.xpath("//nav[contains(@class,'event-filters')]//a/@href")
    assert any(h.endswith("events/norreby-branch/") for h in filters)
    assert any(h.endswith("events/2026-12/") for h in filters)


def test_event_page_shows_time_place_price_and_calendar_link(events_site):
    tree = page(events_site, "posts/2026/author-evening-with-siri-nygaard.html")
    details = tree.xpath("//section[contains(@class,'event-details')]")[0].text_content()
    assert "December 3, 2026, 7:00\u202fPM–9:00\u202fPM" in details
    assert "Nørreby Branch" in details and "50 kr" in details
    link = tree.xpath("//a[normalize-space()='Add to calendar']/@href")[0]
    assert link.endswith("author-evening-with-siri-nygaard.ics")
    cancelled = page(events_site, "posts/2026/music-quiz.html")
    assert cancelled.xpath("//*[contains(@class,'event-cancelled')]")
    assert not cancelled.xpath("//a[normalize-space()='Add to calendar']")


def test_danish_dates_and_times_follow_the_language(site):
    assert build_events(site, DEFAULT_LANG="da") == 0, site.messages
    details = page(site, "posts/2026/author-evening-with-siri-nygaard.html").xpath(
        "string(//section[contains(@class,'event-details')])")
    assert "3. december 2026" in details and "19.00" in details


def test_calendar_files_parse_in_two_independent_parsers(events_site):
    data = (events_site.output / "events.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Author evening with Siri Nygaard", "Reading club", "Music quiz"}
    assert calendar.walk("VTIMEZONE") and str(calendar.walk("VTIMEZONE")[0]["tzid"]) \
        == "Europe/Copenhagen"
    siri = events["Author evening with Siri Nygaard"]
    assert siri.decoded("dtstart") == datetime.fromisoformat("2026-12-03 19:00").replace(
        tzinfo=siri.decoded("dtstart").tzinfo)
    assert str(siri.decoded("dtstart").tzinfo).endswith("Copenhagen")
    assert str(events["Music quiz"]["status"]) == "CANCELLED"
    rule = events["Reading club"]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
    parsed = vobject.readOne(data.decode("utf-8"))
    second = {str(v.summary.value): v for v in parsed.vevent_list}
    club = second["Reading club"]
    dates = list(club.getrruleset())
    assert dates[0].date() == date(2026, 12, 8) and dates[1].date() == date(2026, 12, 22)
    assert dates[0].hour == 17 and all(d.hour == 17 for d in dates), "17:00 across DST"
    assert second["Music quiz"].status.value == "CANCELLED"


def test_uids_survive_a_new_title(site):
    assert build_events(site) == 0, site.messages
    before = icalendar.Calendar.from_ical((site.output / "events.ics").read_bytes())
    uid = {str(e["summary"]): str(e["uid"]) for e in before.walk("VEVENT")}["Reading club"]
    site.write("posts/events/reading-club.md", EVENTS["posts/events/reading-club.md"]
               .replace("title: Reading club", "title: The Tuesday reading club"))
    assert site.build(BUILD_NOW=NOW, LIBRARY=BRANCHES) == 0, site.messages
    after = icalendar.Calendar.from_ical((site.output / "events.ics").read_bytes())
    renamed = {str(e["summary"]): str(e["uid"]) for e in after.walk("VEVENT")}
    assert renamed["The Tuesday reading club"] == uid


def test_branch_calendar_and_event_calendar(events_site):
    branch = icalendar.Calendar.from_ical(
        (events_site.output / "events" / "strand-library.ics").read_bytes())
    assert [str(e["summary"]) for e in branch.walk("VEVENT")] == ["Reading club"]
    own = icalendar.Calendar.from_ical(
        (events_site.output / "posts/2026/music-quiz.ics").read_bytes())
    assert [str(e["status"]) for e in own.walk("VEVENT")] == ["CANCELLED"]


def test_event_json_ld_parses_back(events_site):
    tree = page(events_site, "posts/2026/author-evening-with-siri-nygaard.html")
    blocks = [json.loads(s) for s in tree.xpath("//script[@type='application/ld+json']/text()")]
    event = next(b for b in blocks if b.get("@type") == "Event")
    assert event["startDate"].startswith("2026-12-03T19:00") and event["startDate"][-6:] \
        == "+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert event["location"][0]["name"] == "Nørreby Branch"
    assert event["offers"]["url"] == "https://tickets.example.org/siri"
    quiz = page(events_site, "posts/2026/music-quiz.html")
    blocks = [json.loads(s) for s in quiz.xpath("//script[@type='application/ld+json']/text()")]
    assert next(b for b in blocks if b.get("@type") == "Event")["eventStatus"] \
        == "https://schema.org/EventCancelled"


def test_home_page_shows_the_next_events(events_site):
    home = page(events_site, "index.html")
    cards = home.xpath("//section[.//h2[@id='next-events']]//article//h3/a")
    assert [a.text_content().strip() for a in cards][:2] == [
        "Author evening with Siri Nygaard", "Reading club"]


def test_listings_are_in_the_sitemap(events_site):
    sitemap = events_site.read("sitemap.xml")
    for path in ("events/", "events/past/", "events/norreby-branch/", "events/2026-12/"):
        assert f"/{path}</loc>" in sitemap, path


BAD = [
    ("start: 2026-12-03 19:00\n  end: 2026-12-03 18:00", "event.end", "before the start"),
    ("start: 2026-12-03 19:00\n  location: west-branch", "event.location",
     "'west-branch' is not one of the library's branches"),
    ("start: 2026-12-03 19:00\n  registration_deadline: 2026-12-04", "event.registration_deadline",
     "after the event starts"),
    ("start: \"19:00\"", "event.start", "a time without a date"),
    ("start: 2026-12-03", "event.start", "has a date but no time"),
    ("start: 2026-12-03 19:00\n  recurrence:\n    every: 2 weeks\n    until: 2026-01-01",
     "event.recurrence", "'until' is before the first date"),
    ("start: 2026-12-03 19:00\n  recurrence:\n    every: 0 weeks\n    until: 2027-01-01",
     "event.recurrence", "is not a repeat"),
    ("start: 2026-12-03 19:00\n  recurrence:\n    every: day\n    until: 2030-01-01",
     "event.recurrence", "more than 400 dates"),
    ("start: 2026-12-03 19:00\n  online_url: javascript:alert(1)", "event.online_url",
     "is not a web address"),
    # Checked by the schema when the post is read, in the block's own words.
    ("start: 2026-12-03 19:00\n  strat: 2026-12-03 19:00", "event.strat",
     "did you mean 'start'?"),
    ("start: 2026-12-03 19:00\n  recurrence:\n    every: fortnight\n    until: 2027-01-01",
     "event.recurrence.every", "'fortnight' is not a repeat; write week, 2 weeks or month"),
    ("start: 2026-12-03 19:00\n  recurrence:\n    every: week", "event.recurrence.until",
     "missing; add a line 'until: 2027-06-01' under event.recurrence:"),
    ("start: 2026-12-03 19:00\n  cancelled: maybe", "event.cancelled", "must be true or false"),
    # What a pattern cannot see: a day the calendar does not have.
    ("start: 2027-02-30 19:00", "event.start", "is not a day in the calendar"),
]


@pytest.mark.parametrize("block, field, message", BAD)
def test_bad_events_name_file_line_and_field(site, block, field, message):
    site.write("posts/events/good.md", "---\ntitle: Fine\ndate: 2026-01-01\n---\nText\n")
    assert site.build(BUILD_NOW=NOW, LIBRARY=BRANCHES) == 0, site.messages
    before = sorted(p.name for p in site.output.rglob("*"))
    site.write("posts/events/bad.md",
               f"---\ntitle: Bad\ndate: 2026-11-01\nevent:\n  {block}\n---\nText\n")
    assert site.build(BUILD_NOW=NOW, LIBRARY=BRANCHES) == 1
    expected = f"content/posts/events/bad.md:4: {field}: "
    lines = [line for line in site.messages.splitlines() if line.startswith(expected)]
    assert lines and message in lines[0], site.messages
    assert "Traceback" not in site.messages
    assert sorted(p.name for p in site.output.rglob("*")) == before


def test_two_builds_at_different_times_write_the_same_calendars(site):
    assert build_events(site) == 0, site.messages
    first = (site.output / "events.ics").read_bytes()
    assert build_events(site, BUILD_NOW="2026-11-29 18:30") == 0, site.messages
    assert (site.output / "events.ics").read_bytes() == first


def test_hostile_event_fields_stay_text_in_pages_calendars_and_json_ld(site):
    payload = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    site.write("posts/events/hostile.md", "---\ntitle: Evil\ndate: 2026-11-01\nevent:\n"
               "  start: 2026-12-03 19:00\n"
               f"  location: '{payload}'\n  address: '{payload}'\n  price: '{payload}'\n"
               f"  capacity_note: '{payload}'\n---\nText\n")
    assert site.build(BUILD_NOW=NOW, LIBRARY=BRANCHES) == 0, site.messages
    for relative in ("posts/2026/evil.html", "events/index.html", "index.html"):
        tree = page(site, relative)
        assert not tree.xpath("//img[@src='x'] | //script[not(@type='application/ld+json')]"
                              "[contains(., 'alert(2)')]"), relative
        assert not tree.xpath("//*[@onerror]"), relative
    ld = [json.loads(s) for s in page(site, "posts/2026/evil.html").xpath(
        "//script[@type='application/ld+json']/text()")]
    assert next(b for b in ld if b["@type"] == "Event")["location"][0]["name"] == payload
    calendar = icalendar.Calendar.from_ical((site.output / "events.ics").read_bytes())
    assert payload in str(next(iter(calendar.walk("VEVENT")))["location"])
