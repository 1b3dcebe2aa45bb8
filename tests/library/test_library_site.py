"""The library on a built site: footer on every page, the "Visit us" page, brand colours."""

import json
from datetime import date

from lxml import etree, html

LIBRARY = {
    "name": "Malmö stadsbibliotek",
    "address": {"street": "Kung Oscars väg 11", "postal_code": "211 33", "city": "Malmö"},
    "phone": "+46 40 660 85 00",
    "email": "info@malmo.example.se",
    "opening_hours": {"regular": {"mon": "10:00-19:00", "tue": "10:00-19:00"},
                      "exceptions": [{"date": "2026-12-24", "hours": "closed",
                                      "note": "Julafton"}]},
    "branches": [{"name": "Garaget & Co", "opening_hours": {"regular": {"thu": "12-18"}}}],
}
POSTS = {
    "posts/news/hours.md": "---\ntitle: New hours\ndate: 2026-01-05\nslug: hours\n---\n"
                           "We open at ten.\n",
    "posts/news/hours.da.md": "---\ntitle: Nye tider\ndate: 2026-01-05\nslug: hours\nlang: da\n"
                              "---\nVi åbner klokken ti.\n",
    "pages/about.md": "---\ntitle: About us\nslug: about\n---\nWe are a library.\n",
}
NO_SEARCH = {"SEARCH": {"INDEX": False}}


def build(site, **overrides) -> int:
    for path, text in POSTS.items():
        site.write(path, text)
    return site.build(**{**NO_SEARCH, "LIBRARY": LIBRARY,
                         "BUILD_NOW": date(2026, 12, 24), **overrides})


def footer(site, relative):
    return html.fromstring(site.read(relative)).xpath("//footer[@class='site-footer']")[0]


def test_every_page_shows_the_library_and_todays_hours_in_its_footer(site):
    assert build(site) == 0, site.messages
    pages = ["index.html", "posts/2026/hours.html", "about.html", "tag/index.html",
             "visit.html"]
    for page in pages:
        text = footer(site, page).text_content()
        assert "Malmö stadsbibliotek" in text, page
        assert "Closed today (Julafton)" in text, page
        assert "Kung Oscars väg 11" in text and "info@malmo.example.se" in text, page
    # On a Thursday the branch is open and the main library is not.
    assert build(site, BUILD_NOW=date(2026, 12, 31)) == 0
    text = " ".join(footer(site, "index.html").text_content().split())
    assert "Malmö stadsbibliotek: Closed today" in text
    assert "Garaget & Co: Open today 12:00–18:00" in text


def test_the_footer_is_in_the_pages_language(site):
    assert build(site) == 0, site.messages
    text = footer(site, "posts/2026/hours-da.html").text_content()
    assert "Lukket i dag" in text and "Closed today" not in text
    assert "Åbningstider og adresser" in text


def test_the_visit_page_lists_hours_and_carries_library_json_ld(site):
    assert build(site) == 0, site.messages
    page = html.fromstring(site.read("visit.html"))
    assert page.xpath("string(//h1)") == "Visit us"
    assert [h.text_content() for h in page.xpath("//main//h2")] == ["Malmö stadsbibliotek",
                                                                    "Garaget & Co"]
    rows = [" ".join(r.xpath(".//text()")).strip() for r in page.xpath("//table[1]//tr")]
    assert rows[0] == "Monday 10:00–19:00" and rows[6] == "Sunday Closed"
    scripts = page.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(scripts[0])
    assert data["@type"] == "Library" and data["telephone"] == "+46 40 660 85 00"
    assert {"dayOfWeek": "https://schema.org/Monday", "opens": "10:00", "closes": "19:00",
            "@type": "OpeningHoursSpecification"} in data["openingHoursSpecification"]
    (branch,) = data["subOrganization"]
    assert branch["@type"] == "Library" and branch["name"] == "Garaget & Co"
    assert branch["openingHoursSpecification"][0]["opens"] == "12:00"
    sitemap = etree.fromstring(site.read("sitemap.xml").encode())
    locs = sitemap.xpath("//s:loc/text()", namespaces={"s": sitemap.nsmap[None]})
    assert any(loc.endswith("/visit.html") for loc in locs)


def test_an_accent_colour_becomes_brand_css_with_dark_mode_variants(site):
    assert build(site, LIBRARY={**LIBRARY, "accent_colour": "#7a1f5c"}) == 0, site.messages
    css = site.read("theme/css/brand.css")
    assert "--link: #7a1f5c" in css and "prefers-color-scheme: dark" in css
    links = html.fromstring(site.read("index.html")).xpath("//link[@rel='stylesheet']/@href")
    assert links[-1].endswith("theme/css/brand.css")


def test_a_hard_to_read_accent_colour_stops_the_build(site):
    assert build(site) == 0
    before = site.read("index.html")
    assert build(site, LIBRARY={**LIBRARY, "accent_colour": "#ffcc00"}) == 1
    assert "pelicanconf.py: LIBRARY['accent_colour']: #ffcc00 has a contrast of 1.3:1" \
        in site.messages
    assert "choose a darker colour, e.g. #" in site.messages
    assert site.read("index.html") == before


def test_without_library_settings_there_is_no_footer_block_and_no_page(site):
    assert build(site, LIBRARY=None) == 0, site.messages
    assert not (site.output / "visit.html").exists()
    assert footer(site, "index.html").xpath("count(.//*[@class='library-footer'])") == 0


def test_the_home_page_says_whether_the_library_is_open_today(site):
    assert build(site, BUILD_NOW=date(2026, 12, 28)) == 0, site.messages  # a Monday
    box = html.fromstring(site.read("index.html")).xpath("//main//section[@class='today']")
    assert box, "the home page has an 'open today' box"
    text = " ".join(box[0].text_content().split())
    assert text.startswith("Open today") and "Malmö stadsbibliotek: 10:00–19:00" in text
    assert "Garaget & Co: closed" in text
    assert build(site) == 0, site.messages  # Christmas Eve, a Thursday: only the branch opens
    text = " ".join(html.fromstring(site.read("index.html")).xpath(
        "//main//section[@class='today']")[0].text_content().split())
    assert "Malmö stadsbibliotek: closed (Julafton)" in text and "Garaget & Co: 12:00–18:00" \
        in text
    assert build(site, BUILD_NOW=date(2026, 12, 27)) == 0, site.messages  # Sunday: none open
    text = " ".join(html.fromstring(site.read("index.html")).xpath(
        "//main//section[@class='today']")[0].text_content().split())
    assert text.startswith("Closed today")


def test_the_librarys_logo_heads_every_page(site):
    from PIL import Image

    site.write("images/logo.png", b"")
    Image.new("RGB", (160, 80), "#7a1f5c").save(site.content / "images" / "logo.png")
    assert build(site, LIBRARY={**LIBRARY, "logo": "images/logo.png"}) == 0, site.messages
    for relative in ("index.html", "posts/2026/hours.html"):
        logo = html.fromstring(site.read(relative)).xpath("//header//img[@class='logo']")
        assert logo and logo[0].get("src").endswith("images/logo.png"), relative
        assert (logo[0].get("width"), logo[0].get("height")) == ("80", "40")
    assert (site.output / "images" / "logo.png").is_file()


def test_favicon_and_app_icons_are_made_from_the_logo(site):
    from PIL import Image

    site.write("images/logo.png", b"")
    Image.new("RGB", (160, 80), "#7a1f5c").save(site.content / "images" / "logo.png")
    assert build(site, LIBRARY={**LIBRARY, "logo": "images/logo.png"}) == 0, site.messages
    manifest = json.loads(site.read("manifest.webmanifest"))
    sizes = {icon["sizes"]: icon["src"] for icon in manifest["icons"]}
    assert sizes["192x192"] == "icons/icon-192.png" and sizes["512x512"] == "icons/icon-512.png"
    for relative, size in (("icons/icon-192.png", 192), ("icons/icon-512.png", 512),
                           ("icons/favicon-32.png", 32)):
        with Image.open(site.output / relative) as icon:
            assert icon.size == (size, size)
            assert icon.getpixel((size // 2, size // 2))[:3] == (0x7a, 0x1f, 0x5c)
    head = html.fromstring(site.read("index.html")).xpath("//head")[0]
    assert head.xpath("link[@rel='icon']/@href")[0].endswith("icons/favicon-32.png")
    assert head.xpath("link[@rel='apple-touch-icon']/@href")[0].endswith("icons/icon-192.png")
