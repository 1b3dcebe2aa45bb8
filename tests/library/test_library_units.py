"""LIBRARY settings: hours on a given date, JSON-LD, the accent colour's contrast. No Pelican."""

import json
from datetime import date

import pytest
from shelfcast_library.colours import accent_problem, brand, contrast, parse_hex
from shelfcast_library.hours import hours_on, next_exceptions
from shelfcast_library.jsonld import library_jsonld
from shelfcast_library.settings import read_library

HOURS = {
    "regular": {"mon": "10:00-19:00", "tue": "10:00-12:00, 13:00-19:00", "sat": "10-14"},
    "exceptions": [
        {"date": "2026-12-24", "hours": "closed", "note": "Christmas Eve"},
        {"from": "2026-07-01", "to": "2026-07-31", "hours": "12:00-16:00", "note": "Summer"},
        {"date": date(2026, 12, 31), "hours": "10:00-12:00"},
    ],
}
LIBRARY = {"name": "Malmö stadsbibliotek", "email": "info@malmo.example.se",
           "address": {"street": "Kung Oscars väg 11", "postal_code": "211 33",
                       "city": "Malmö", "country": "SE"},
           "opening_hours": HOURS,
           "branches": [{"name": "Garaget", "opening_hours": {"regular": {"wed": "12:00-18:00"}}}]}


def library():
    found, problems = read_library(LIBRARY)
    assert problems == []
    return found


def test_hours_on_a_regular_day_a_closed_day_and_a_holiday():
    hours = library().main.opening_hours
    tuesday = hours_on(hours, date(2026, 11, 3))
    assert str(tuesday) == "10:00–12:00, 13:00–19:00" and not tuesday.exceptional
    assert hours_on(hours, date(2026, 11, 1)).closed                      # a Sunday
    assert str(hours_on(hours, date(2026, 11, 7))) == "10:00–14:00"       # "10-14" read
    christmas = hours_on(hours, date(2026, 12, 24))                       # a Thursday
    assert christmas.closed and christmas.note == "Christmas Eve" and christmas.exceptional
    assert str(hours_on(hours, date(2026, 7, 6))) == "12:00–16:00"       # a Monday in July


def test_next_exceptions_are_the_coming_ones_soonest_first():
    hours = library().main.opening_hours
    coming = next_exceptions(hours, date(2026, 12, 20))
    assert [(e.first, e.note) for e in coming] == [(date(2026, 12, 24), "Christmas Eve"),
                                                   (date(2026, 12, 31), "")]
    assert [e.note for e in next_exceptions(hours, date(2026, 7, 15))] == ["Summer"]


def test_json_ld_is_a_library_with_its_branches_each_with_opening_hours():
    main = json.loads(json.dumps(library_jsonld(library(), "https://bibliotek.malmo.example.se")))
    assert main["@context"] == "https://schema.org" and main["@type"] == "Library"
    (branch,) = main["subOrganization"]
    assert main["name"] == "Malmö stadsbibliotek"
    assert main["address"]["addressLocality"] == "Malmö"
    monday = [s for s in main["openingHoursSpecification"]
              if s.get("dayOfWeek") == "https://schema.org/Monday"]
    assert monday == [{"@type": "OpeningHoursSpecification",
                       "dayOfWeek": "https://schema.org/Monday",
                       "opens": "10:00", "closes": "19:00"}]
    tuesday = [(s["opens"], s["closes"]) for s in main["openingHoursSpecification"]
               if s.get("dayOfWeek") == "https://schema.org/Tuesday"]
    assert tuesday == [("10:00", "12:00"), ("13:00", "19:00")]
    christmas = [s for s in main["openingHoursSpecification"]
                 if s.get("validFrom") == "2026-12-24"]
    assert christmas[0]["opens"] == christmas[0]["closes"] == "00:00"
    assert branch["@type"] == "Library" and branch["name"] == "Garaget"
    assert branch["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Wednesday"


def test_mistakes_are_named_with_the_setting_and_the_fix():
    broken = {"name": "X", "emial": "a@b.se", "email": "not-an-address",
              "map_url": "www.example.org/map",
              "opening_hours": {"regular": {"monday": "10-18", "tue": "18:00-10:00",
                                            "wed": "ten to six"},
                                "exceptions": [{"date": "2026-02-30", "hours": "closed"}]}}
    found, problems = read_library(broken)
    assert found is None
    text = "\n".join(str(p) for p in problems)
    assert "pelicanconf.py: LIBRARY['emial']: unknown setting" in text
    assert "LIBRARY['email']: 'not-an-address' is not an e-mail address" in text
    assert "LIBRARY['map_url']: 'www.example.org/map' is not a full web address" in text
    assert "['regular']['monday']: not a day; the days are mon, tue" in text
    assert "['regular']['tue']: '18:00-10:00': the opening time must come before" in text
    assert "['regular']['wed']: 'ten to six' is not a time span" in text
    assert "'2026-02-30' is not a date; write YYYY-MM-DD" in text


def test_the_name_defaults_to_the_site_name():
    found, problems = read_library({"email": "a@b.se"}, site_name="Ørstad Public Library")
    assert problems == [] and found.name == "Ørstad Public Library"


def test_a_light_accent_colour_is_refused_naming_its_ratio_and_a_darker_choice():
    message = accent_problem("#ffcc00")
    assert message.startswith("#ffcc00 has a contrast of 1.3:1 against the footer and boxes")
    assert "links need 4.5:1 on every surface: choose a darker colour, e.g. #" in message
    suggestion = message.rsplit("e.g. ", 1)[1]
    for surface in ("#fdfdfb", "#ffffff", "#f3f1ea"):
        assert contrast(parse_hex(suggestion), parse_hex(surface)) >= 4.5
    found, problems = read_library({"name": "X", "accent_colour": "#ffcc00"})
    assert found is None and "LIBRARY['accent_colour']: #ffcc00 has a contrast" in str(problems[0])
    assert accent_problem("#0b5394") is None
    assert "is not a colour" in accent_problem("blue")


@pytest.mark.parametrize("colour", ["#ffd700", "#e00000", "#1a1a40", "#00c2a8"])
def test_the_suggestion_passes_every_surface_in_light_and_dark(colour):
    """Issue 23: #ffd700 suggested #8a7400, which footer links (#f3f1ea) read at 4.06:1."""
    problem = accent_problem(colour)
    chosen = problem.rsplit("e.g. ", 1)[1] if problem else colour
    assert accent_problem(chosen) is None
    colours = brand(chosen)
    for surface in ("#fdfdfb", "#ffffff", "#f3f1ea"):
        assert contrast(parse_hex(colours.link), parse_hex(surface)) >= 4.5, surface
    for surface in ("#141414", "#1b1b1b", "#1f1f1f"):
        assert contrast(parse_hex(colours.dark_link), parse_hex(surface)) >= 4.5, surface
    assert contrast(parse_hex(colours.button_text), parse_hex(colours.link)) >= 4.5
    assert contrast(parse_hex("#111111"), parse_hex(colours.dark_link)) >= 4.5


def test_brand_variants_are_readable_in_light_and_dark():
    colours = brand("#0b5394")
    light, dark = parse_hex("#fdfdfb"), parse_hex("#141414")
    assert contrast(parse_hex(colours.link), light) >= 4.5
    assert contrast(parse_hex(colours.link_hover), light) >= contrast(parse_hex("#0b5394"), light)
    assert contrast(parse_hex(colours.dark_link), dark) >= 4.5
    assert contrast(parse_hex(colours.button_text), parse_hex(colours.link)) >= 4.5
