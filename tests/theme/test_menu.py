"""The main menu: the MENU setting orders it; Pelican's own menu settings are honoured."""

from __future__ import annotations

from lxml import html

POSTS = {
    "posts/news/hours.md": "---\ntitle: New hours\ndate: 2026-01-05\n---\nText.\n",
    "posts/books/winter.md": "---\ntitle: Winter reading\ndate: 2026-01-06\n---\nText.\n",
    "pages/about.md": "---\ntitle: About us\nslug: about\n---\nWe are a library.\n",
    "pages/privacy.md": "---\ntitle: Privacy\nslug: privacy\n---\nNo cookies.\n",
}


def menu(site, relative="index.html") -> list[tuple[str, str]]:
    tree = html.fromstring(site.read(relative))
    nav = tree.xpath("//nav[contains(@class,'main-nav')]")[0]
    return [(" ".join(a.text_content().split()), a.get("href")) for a in nav.xpath(".//a")]


def build(site, **settings) -> int:
    for path, text in POSTS.items():
        site.write(path, text)
    return site.build(SEARCH={"INDEX": False}, **settings)


def test_menu_setting_orders_sections_pages_and_links(site):
    theme = {"menu": ["page:about", "section:news", ["Catalogue", "https://opac.example.net/"],
                      "archive"]}
    assert build(site, SHELFCAST_THEME=theme) == 0, site.messages
    assert [title for title, _ in menu(site)] == ["About us", "News", "Catalogue", "Archive"]
    assert menu(site)[2][1] == "https://opac.example.net/"
    current = html.fromstring(site.read("about.html")).xpath(
        "//nav[contains(@class,'main-nav')]//a[@aria-current='page']")
    assert [a.text_content().strip() for a in current] == ["About us"]


def test_pelicans_menu_settings_are_honoured(site):
    assert build(site, MENUITEMS=[("Opening hours", "/visit.html")],
                 DISPLAY_PAGES_ON_MENU=False) == 0, site.messages
    titles = [title for title, _ in menu(site)]
    assert titles[0] == "Opening hours" and "About us" not in titles and "News" in titles
    assert build(site, DISPLAY_CATEGORIES_ON_MENU=False) == 0, site.messages
    titles = [title for title, _ in menu(site)]
    assert "News" not in titles and "About us" in titles


def test_a_menu_entry_naming_nothing_is_an_error(site):
    assert build(site, SHELFCAST_THEME={"menu": ["section:nwes"]}) == 1
    assert "pelicanconf.py: SHELFCAST_THEME['menu']: 'section:nwes': no such section" \
        in site.messages


def test_a_malformed_menu_is_an_error(site):
    assert build(site, SHELFCAST_THEME={"menu": ["sectoins"]}) == 1
    assert "SHELFCAST_THEME['menu']: 'sectoins' is not a menu entry" in site.messages
