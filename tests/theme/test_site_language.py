"""Issue 23: on a Danish or Swedish site every word a visitor or subscriber sees is in the
site's language: no English UI string (the theme catalogue's msgids) in any page written in
that language, and section feeds titled in it ("Tallbacka bibliotek - Böcker", not "books")."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from lxml import etree, html
from sitetools import ROOT, build_kit_site

LOCALE = ROOT / "themes" / "shelfcast" / "locale"
# Attributes whose words a visitor sees or hears (a screen reader reads aria-label).
SEEN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


def english_strings(lang: str) -> set[str]:
    """The theme's English UI strings that the language's catalogue says differently
    (placeholders and one-letter words left out: they are frames, not words on a page)."""
    with open(LOCALE / f"{lang}.po", "rb") as handle:
        catalogue = read_po(handle)
    return {message.id for message in catalogue
            if isinstance(message.id, str) and message.id and message.string
            and message.string != message.id and "%(" not in message.id
            and "{" not in message.id and len(message.id) > 3}


# What librarians wrote (post bodies, summaries) is in their words, whatever the UI language.
WRITTEN = ("post-body", "summary", "episode-summary", "music-item-summary", "comment-text")


def seen_words(page: html.HtmlElement) -> set[str]:
    written = " or ".join(f"ancestor::*[contains(concat(' ', @class, ' '), ' {name} ')]"
                          for name in WRITTEN)
    texts = {text.strip() for text in page.xpath(
        f"//body//text()[not(ancestor::script) and not(ancestor::style) and not({written})]")
        if text.strip()}
    for attribute in SEEN_ATTRIBUTES:
        texts |= {value.strip() for value in page.xpath(f"//body//@{attribute}")}
    texts |= {value.strip() for value in page.xpath("//head/title/text()")}
    return texts


@pytest.fixture(scope="module", params=["da", "sv"])
def site(request, tmp_path_factory) -> tuple[str, Path]:
    output = tmp_path_factory.mktemp(f"site-{request.param}") / "output"
    code, messages = build_kit_site(output, "publishconf.py", DEFAULT_LANG=request.param)
    assert code == 0, messages
    return request.param, output


def test_no_english_ui_string_on_pages_in_the_sites_language(site):
    lang, output = site
    english = english_strings(lang)
    found, checked = {}, 0
    for path in sorted(output.rglob("*.html")):
        page = html.parse(str(path)).getroot()
        if page is None or not (page.get("lang") or "").startswith(lang):
            continue
        checked += 1
        for text in seen_words(page) & english:
            found.setdefault(text, str(path.relative_to(output)))
    assert checked > 30
    assert found == {}, f"English UI strings on {lang} pages (string: first page): {found}"


def test_feeds_are_titled_in_the_sites_language(site):
    lang, output = site
    titles = {}
    for path in sorted((output / "feeds").glob("section-*.atom.xml")):
        title = etree.parse(str(path)).findtext("{http://www.w3.org/2005/Atom}title")
        titles[path.name] = title
    expected = {"da": "Bøger", "sv": "Böcker"}[lang]
    assert titles["section-books.atom.xml"].endswith(expected), titles
    assert not any(title.endswith((" - books", " - news", " - events"))
                   for title in titles.values()), titles
