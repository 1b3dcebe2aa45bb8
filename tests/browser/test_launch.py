"""Issue 23: a library portal, not a blog theme. Phone (390x844) and desktop (1280x900), light
and dark: search without opening the menu, a one-line menu, the first event on the first
screen, a picture (or its fallback) on every card, episode artwork, Opening hours one tap away,
the library's name once, and the events menu item leading to the calendar."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser.page_types import file_for, page_type

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHECKED = ("home", "post", "page", "section", "episode", "show", "events", "event", "lesson",
           "question", "questions", "search", "programme", "gallery", "album")


def open_at(visit, path: str, size: dict, scheme: str = "light"):
    page = visit(path, color_scheme=scheme, width=size["width"])
    page.set_viewport_size(size)
    return page


def menu_rows(page) -> list[int]:
    """The distinct tops of the wide menu's top-level items (one value: one line)."""
    return page.evaluate("""() => [...new Set([...document.querySelectorAll(
        '.main-nav > .wrap > ul > li')].map(li => Math.round(li.getBoundingClientRect().top)))]""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_is_usable_on_a_phone_without_opening_the_menu(sample_pages, visit, scheme):
    hidden = []
    for kind in CHECKED:
        if kind not in sample_pages:
            continue
        page = open_at(visit, sample_pages[kind], PHONE, scheme)
        box = page.locator("header input[type=search]").first
        if not box.is_visible() or box.bounding_box()["y"] > 300:
            hidden.append(kind)
    assert hidden == [], f"no visible search box at the top on a phone: {hidden}"
    page = open_at(visit, sample_pages["home"], PHONE, scheme)
    page.locator("header input[type=search]").first.fill("library")
    page.locator("header form[role=search] button").first.click()
    page.wait_for_url("**/search.html?q=library")


def test_the_menu_is_one_line_at_1280_with_the_rest_under_more(sample_pages, visit):
    for kind in ("home", "post", "events", "episode"):
        page = open_at(visit, sample_pages[kind], DESKTOP)
        assert len(menu_rows(page)) == 1, f"{kind}: the menu wraps to {menu_rows(page)}"
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    page = open_at(visit, sample_pages["home"], DESKTOP)
    more = page.locator(".menu-more summary")
    more.click()
    assert page.locator(".menu-more ul a").first.is_visible()


def test_the_first_event_is_on_the_first_screen_of_a_phone(sample_pages, visit):
    for scheme in ("light", "dark"):
        page = open_at(visit, sample_pages["home"], PHONE, scheme)
        top = page.evaluate("document.querySelector('.event-card').getBoundingClientRect().top")
        assert top < PHONE["height"], f"the first event card starts at {top}px ({scheme})"


def test_every_card_has_a_picture_or_a_fallback(sample_pages, visit):
    empty = []
    for kind in ("home", "section", "events", "archive", "tag", "author"):
        if kind not in sample_pages:
            continue
        page = open_at(visit, sample_pages[kind], DESKTOP)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        empty += page.evaluate("""(kind) => [...document.querySelectorAll('main .card')]
            .filter(card => {
              const img = card.querySelector('img');
              if (img) return !(img.complete && img.naturalWidth > 0);
              const block = card.querySelector('.card-fallback, .event-date');
              return !block || block.getBoundingClientRect().height < 40;
            }).map(card => kind + ': ' + card.querySelector('h2, h3').textContent.trim())""", kind)
    assert empty == [], f"cards with no picture, a broken one or an empty box: {empty}"


def test_episode_pages_show_the_artwork(sample_pages, visit):
    page = open_at(visit, sample_pages["episode"], PHONE)
    loaded = page.evaluate("""() => { const img = document.querySelector('main .show-artwork');
        return !!img && img.complete && img.naturalWidth > 0; }""")
    assert loaded


def test_opening_hours_are_one_tap_away_and_the_name_is_said_once(sample_pages, visit):
    for kind in CHECKED:
        if kind not in sample_pages:
            continue
        page = open_at(visit, sample_pages[kind], PHONE)
        link = page.locator("header a.header-visit")
        assert link.is_visible(), f"{kind}: no Opening hours link in the header on a phone"
        assert urlsplit(link.get_attribute("href")).path.endswith("visit.html")
    page = open_at(visit, sample_pages["home"], DESKTOP)
    site_name = page.locator(".site-name").inner_text().strip()
    assert page.locator("h1").count() == 1
    assert page.locator("main").inner_text().count(site_name) <= 1 or \
        page.locator("main h1, main .hero").count() == 0


def test_each_menu_item_leads_to_its_own_kind_of_page(sample_pages, visit, site_output):
    page = open_at(visit, sample_pages["home"], DESKTOP)
    items = page.evaluate("""() => [...document.querySelectorAll('.menu-narrow nav a')]
        .map(a => [a.textContent.trim(), a.getAttribute('href')])""")
    kinds = {}
    for label, href in items:
        path = urlsplit(href).path.lstrip("./").lstrip("/") if not href.startswith("./") \
            else href[2:]
        html = file_for(site_output, path).read_text(encoding="utf-8")
        kinds[label] = page_type(path, html)
    assert kinds["Events"] == "events", kinds
    assert len(items) == len({label for label, _ in items}), "two menu items share a label"
    assert list(kinds.values()).count("events") == 1
    expected = {"Books": "section", "News": "section", "Archive": "archive",
                "About the library": "page"}
    assert {label: kinds[label] for label in expected} == expected


SECTIONS = ("art", "biographies", "children", "comics", "cookery", "crime", "film", "gardening",
            "history", "languages", "local-history", "nature", "poetry", "science", "travel")


def test_fifteen_sections_still_make_one_menu_line(browser, tmp_path):
    from sitetools import Site

    from browser.browsing import SiteServer

    site = Site(tmp_path)
    for number, section in enumerate(SECTIONS, start=1):
        site.write(f"posts/{section}/first.md",
                   f"---\ntitle: First in {section}\ndate: 2026-01-{number:02d}\n---\nText.\n")
    assert site.build() == 0, site.messages
    with SiteServer(site.output) as server:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(server.url(""))
        assert len(menu_rows(page)) == 1, menu_rows(page)
        page.locator(".menu-more summary").click()
        hidden = page.locator(".menu-more ul a").all_inner_texts()
        assert len(hidden) >= 9 and "Travel" in hidden
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
        context.close()
