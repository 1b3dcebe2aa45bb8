"""Layout a reader notices first: the phone menu and where the page's own heading starts."""

from __future__ import annotations

import pytest

from browser.page_types import file_for

PHONE = {"width": 390, "height": 844}
# The page's main heading must be on the first screen of a phone, under the header and menu.
HEADING_LIMIT_PX = 250


def test_main_heading_starts_near_the_top_on_a_phone(sample_pages, visit):
    low = []
    for kind, path in sorted(sample_pages.items()):
        page = visit(path, width=PHONE["width"])
        page.set_viewport_size(PHONE)
        # The home page's heading is the library's name, once, in the header (issue 23).
        top = page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
        if top > HEADING_LIMIT_PX:
            low.append(f"{kind} (/{path}): h1 at {top:.0f} px")
    assert sample_pages and low == [], f"headings below {HEADING_LIMIT_PX} px: {low}"


@pytest.mark.parametrize("java_script", [False, True])
def test_phone_menu_opens_without_javascript(sample_pages, visit, java_script):
    page = visit(sample_pages["home"], width=PHONE["width"], java_script=java_script)
    page.set_viewport_size(PHONE)
    menu = page.get_by_role("navigation", name="Main menu")
    button = page.get_by_text("Menu", exact=True)
    assert button.is_visible() and menu.count() == 0, "the menu is folded away until asked for"
    button.click()
    assert menu.count() == 1, "exactly one main menu is shown on a phone"
    links = menu.get_by_role("link")
    assert links.first.is_visible() and links.count() >= 3
    assert page.get_by_role("search").get_by_role("searchbox").is_visible()
    button.click()
    assert menu.count() == 0


def test_desktop_shows_the_menu_without_a_button(sample_pages, visit):
    page = visit(sample_pages["home"], width=1280)
    menu = page.get_by_role("navigation", name="Main menu")
    assert menu.count() == 1 and menu.get_by_role("link").first.is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()


def test_listing_cards_show_lead_images_as_small_copies(page_groups, kit_site, visit):
    """A card's picture is a resized copy with srcset, never the full-size original."""
    listings = [path for kind in ("home", "section", "tag", "author") for path in
                sorted(page_groups.get(kind, []))
                if 'class="card-image"' in file_for(kit_site, path).read_text(encoding="utf-8")]
    assert listings, "the fixture site has a post with a lead image in some listing"
    page = visit(listings[0], width=PHONE["width"])
    image = page.locator("article.card img").first
    assert image.is_visible()
    assert "card/" in image.get_attribute("src") and image.get_attribute("srcset")
    assert image.get_attribute("width") and image.get_attribute("height")
    webp = page.locator("article.card picture source[type='image/webp']").first
    assert "400w" in webp.get_attribute("srcset")
    loaded = page.evaluate("[...document.querySelectorAll('article.card img')]"
                           ".every(img => !img.complete || img.naturalWidth <= 800)")
    assert loaded, "no card downloads an image wider than its largest copy"
