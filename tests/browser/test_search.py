"""Searching the built site with the keyboard, as a screen-reader user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from sitetools import KIT_SITE

from browser.browsing import (
    describe_violations,
    emulate_color_scheme,
    foreign_requests,
    run_axe,
    written_storage,
)
from browser.page_types import file_for, page_type, sitemap_paths

ROOT = Path(__file__).resolve().parents[2]
CONTENT = KIT_SITE / "content"
WORD = re.compile(r"[^\W\d_]{6,}")


def _main_words(output: Path, path: str) -> set[str]:
    tree = lxml_html.parse(str(file_for(output, path)))
    return {w.lower() for w in WORD.findall(" ".join(tree.xpath("//main//text()")))}


def _word_only_in_one_post(output: Path) -> tuple[str, str]:
    """A word in the body of exactly one post and in no other page: (word, that post's path)."""
    pages = {path: _main_words(output, path) for path in sitemap_paths(output)}
    for path in sorted(pages):
        if page_type(path, file_for(output, path).read_text(encoding="utf-8")) != "post":
            continue
        others = set().union(*(words for other, words in pages.items() if other != path))
        unique = sorted(pages[path] - others)
        if unique:
            return unique[0], path
    pytest.fail("no post in the demo has a word of its own to search for")


def _cue_text(subtitles: str) -> str:
    """The spoken words of a WebVTT or SRT file: no header, notes, numbers, timings or tags."""
    spoken = []
    for block in re.split(r"\n\s*\n", subtitles.replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        if not lines or re.match(r"(WEBVTT|NOTE|STYLE|REGION)\b", lines[0]):
            continue
        spoken += [re.sub(r"<[^>]+>", " ", line) for line in lines
                   if "-->" not in line and not line.strip().isdigit()]
    return " ".join(spoken)


def _transcript_only_word() -> str | None:
    """A word spoken in a demo transcript and written nowhere else in content/."""
    transcripts = [p for p in CONTENT.glob("podcasts/**/*") if p.suffix in (".vtt", ".srt")]
    if not transcripts:
        return None
    written = set()
    for path in CONTENT.rglob("*"):
        if path.suffix in (".md", ".yaml", ".yml"):
            written |= {w.lower() for w in WORD.findall(path.read_text(encoding="utf-8"))}
    spoken = set()
    for path in transcripts:
        spoken |= {w.lower() for w in WORD.findall(_cue_text(path.read_text(encoding="utf-8")))}
    candidates = sorted(spoken - written)
    return candidates[0] if candidates else None


def _search_by_keyboard(page, query: str) -> list[str]:
    """Tab to the search box, type, press Enter; wait for the announced result count."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id === 'search-input'"):
            break
    else:
        pytest.fail("Tab never reaches the search box of the search page")
    label = page.evaluate("document.activeElement.labels[0]?.textContent.trim()")
    assert label, "the search box has no visible <label>"
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    status = page.locator("[role=status]")
    assert status.get_attribute("aria-live") == "polite" or status.count() == 1
    page.wait_for_function("""(q) => {
      const s = document.querySelector('[role=status]').textContent;
      return s.includes(q) && !s.endsWith('…');
    }""", arg=query, timeout=10_000)
    return page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")


def _path_of(url: str, server) -> str:
    return re.sub(r"index\.html$", "", url.removeprefix(server.base))


def test_search_finds_a_post_by_a_word_in_its_body(visit, site_output, server, sample_pages):
    word, post = _word_only_in_one_post(site_output)
    page = visit(sample_pages["search"])
    found = [_path_of(url, server) for url in _search_by_keyboard(page, word)]
    assert post in found, f"searching {word!r} should find /{post}; found {found}"
    status = page.locator("[role=status]").inner_text()
    assert re.search(r"\b1\b", status), f"the status line should count one result: {status!r}"
    for scheme in ("light", "dark"):
        emulate_color_scheme(page, scheme)
        violations = run_axe(page)
        assert not violations, f"search results ({scheme}):\n{describe_violations(violations)}"
    assert foreign_requests(page.requested, server.host) == []
    assert written_storage(page) == []
    assert page.console_errors == []
    assert page.csp_violations == [], "the site's own headers refused part of search"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(post)))


def test_search_finds_an_episode_by_a_word_only_in_its_transcript(visit, site_output, server,
                                                                  sample_pages, page_groups):
    word = _transcript_only_word()
    if word is None or not page_groups.get("episode"):
        pytest.fail("the fixture site (tests/fixture_site) should have an episode with a "
                    "transcript holding a word written nowhere else")
    page = visit(sample_pages["search"])
    found = [_path_of(url, server) for url in _search_by_keyboard(page, word)]
    assert set(found) & set(page_groups["episode"]), \
        f"searching {word!r} (said only in a transcript) found no episode: {found}"


def test_search_finds_an_album_by_its_title(visit, site_output, server, sample_pages):
    if "album" not in sample_pages:
        pytest.fail("the fixture site (tests/fixture_site) should have album pages")
    album = sample_pages["album"]
    title = lxml_html.parse(str(file_for(site_output, album))).xpath("string(//h1)").strip()
    page = visit(sample_pages["search"])
    found = [_path_of(url, server) for url in _search_by_keyboard(page, title)]
    assert album in found, f"searching the album title {title!r} found {found}"


def test_search_says_when_nothing_is_found(visit, sample_pages):
    page = visit(sample_pages["search"])
    assert _search_by_keyboard(page, "qqzzxxqqzz") == []
    assert page.locator("[role=status]").inner_text().strip(), "no result count is announced"


def test_search_page_says_plainly_that_it_needs_javascript(visit, sample_pages):
    page = visit(sample_pages["search"], java_script=False)
    notice = page.locator(".search-noscript")
    assert notice.is_visible(), "without JavaScript the search page says nothing"
    assert "JavaScript" in notice.inner_text()
    assert not page.locator("#search-form").is_visible(), \
        "without JavaScript the search form is shown although it cannot work"
