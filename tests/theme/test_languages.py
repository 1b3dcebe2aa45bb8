"""Switching DEFAULT_LANG switches every UI string; catalogues are complete and checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from lxml import html as lxml_html
from sitetools import ROOT, build_kit_site
from theme_pages import html_pages

LOCALE = ROOT / "themes" / "shelfcast" / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
# Text written by librarians (post bodies, summaries, titles) is not UI and stays as written.
CONTENT = ("//div[contains(@class, 'post-body')] | //div[contains(@class, 'summary')]"
           " | //article[contains(@class, 'post') or contains(@class, 'page')]/header/h1"
           " | //article[contains(@class, 'page')]/h1 | //article[@class='page']/*[not(self::nav)]"
           " | //article[contains(@class, 'post-summary')]//*[self::h2 or self::h3]"
           " | //article[contains(@class, 'episode-card')]//h3"
           " | //article[contains(@class, 'event-card')]//*[self::h2 or self::h3]"
           " | //article[contains(@class, 'event-card')]//p[@class='meta']"
           " | //span[@class='lesson-title'] | //article[@class='lesson']/header/h1"
           " | //article[contains(@class, 'episode-card')]//p[@class='card-kicker']"
           " | //ul[@class='index-list']//a | //nav[@class='translations']//a"
           " | //aside[contains(@class, 'in-the-library')]//li"
           # podcast pages: the show's and episode's own words, not the page's chrome
           " | //section[@class='transcript']/p[not(a[@download])]"
           " | //nav[@class='chapters']//li | //p[@class='episode-show'] | //p[@class='persons']"
           " | //article[@class='episode-summary']/*[not(@class='meta')]"
           " | //header[@class='show-header']//p[not(@class)]"
           " | //script | //figcaption | //img[contains(@class, 'card-image')]"
           # photos in galleries: their alt text and captions are the photographer's words
           " | //picture | //ul[@class='gallery-grid']//p")


def template_messages() -> list[str | tuple[str, str]]:
    """The UI strings in every template, extracted afresh with Babel (not read from our .pot).

    A plural message is a (singular, plural) tuple.
    """
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {message for _f, _l, message, _c, _x in extract_from_dir(
        str(ROOT), method_map, options_map)}
    return sorted(found, key=str)


def english_forms(message) -> list[str]:
    return list(message) if isinstance(message, tuple) else [message]


def translations_of(messages, message) -> list[str]:
    key = message[0] if isinstance(message, tuple) else message
    found = messages.get(key)
    if found is None or not found.string:
        return []
    return [t for t in english_forms(found.string) if t]


def template_msgids() -> list[str]:
    return sorted({form for m in template_messages() for form in english_forms(m)})


def catalogue(lang: str):
    with open(LOCALE / f"{lang}.po", "rb") as handle:
        return read_po(handle, locale=lang)


def ui_text(page) -> str:
    """What a reader sees of the page's chrome: text and labels outside content."""
    page = lxml_html.fromstring(lxml_html.tostring(page))
    is_post = bool(page.xpath("//article[contains(@class, 'post ') or @class='post' "
                              "or @class='page' or @class='episode' or @class='show' "
                              "or @class='lesson']"))
    for element in page.xpath(CONTENT):
        element.drop_tree()
    parts = [" ".join(page.xpath("//body//text()"))]
    parts += page.xpath("//@aria-label | //@alt | //@placeholder | //link/@title")
    if not is_post:
        parts += page.xpath("//title/text() | //meta[@name='description']/@content")
    return "\n".join(parts)


def pattern(msgid: str) -> re.Pattern:
    pieces = [re.escape(piece) for piece in PLACEHOLDER.split(msgid)]
    return re.compile(r"(?<!\w)" + r".+?".join(pieces) + r"(?!\w)")


def english_hits(text: str, msgids: list[str]) -> list[str]:
    return [m for m in msgids if pattern(m).search(text)]


@pytest.fixture(scope="module")
def danish_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("demo-da") / "output"
    code, messages = build_kit_site(output, DEFAULT_LANG="da")
    assert code == 0, messages
    return output


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_template_string_is_translated(lang):
    messages = catalogue(lang)
    missing = [m for m in template_messages()
               if len(translations_of(messages, m)) != len(english_forms(m))]
    assert not missing, f"{lang}.po lacks translations for {missing}; run invoke translations"


def test_a_danish_site_shows_no_english_ui_string(danish_site):
    danish = catalogue("da")
    # Strings whose Danish is the same word ("Video") cannot tell the languages apart.
    msgids = sorted({english for m in template_messages() for english in english_forms(m)
                     if english not in translations_of(danish, m)})
    assert len(msgids) >= 30
    pages = html_pages(danish_site)
    danish_pages = {p: page for p, page in pages.items() if page.get("lang") == "da"}
    for required in ("index.html", "404.html", "archive/index.html", "tag/index.html",
                     "section/news/index.html", "author/karen-holm/index.html",
                     "archive/2026/10/index.html", "page/2/index.html"):
        assert required in danish_pages, required
    for path, page in danish_pages.items():
        hits = english_hits(ui_text(page), msgids)
        assert not hits, f"{path} still shows English UI strings {hits}"


def test_the_english_check_finds_english_on_an_english_site(kit_site):
    """The same check on the English demo must find English, or it could never fail."""
    page = html_pages(kit_site)["index.html"]
    hits = english_hits(ui_text(page), template_msgids())
    assert {"Skip to content", "Archive", "Search the site", "Older posts"} <= set(hits)


def test_danish_site_writes_section_names_and_dates_in_danish(danish_site):
    pages = html_pages(danish_site)
    home = pages["index.html"]
    assert home.get("lang") == "da"
    assert "Nyheder" in home.xpath("//nav//a/text()")
    assert pages["archive/2026/10/index.html"].xpath("//h1/text()")[0] == \
        "Indlæg fra oktober 2026"
    # English posts keep their English UI: the page follows the post's own language.
    english = pages["posts/2026/author-evening-siri-nygaard-en.html"]
    assert english.get("lang") == "en"
    assert english.xpath("//main//time/text()")[0] == "October 5, 2026"
