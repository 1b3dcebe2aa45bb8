"""Search over an index made in parts (shelfcast_search.parts), as a site of thousands of pages
has it: the kit's fixture site built for production with parts of at most 20 pages, served by
nginx with the headers we ship, searched in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nginx_server import NginxServer, require_nginx
from shelfcast_search import bundle
from shelfcast_search.parts import MANIFEST
from sitetools import build_kit_site

from browser.browsing import CSP_LISTENER_JS, foreign_requests
from browser.page_types import sitemap_paths
from browser.test_search import _main_words, _path_of, _search_by_keyboard

PER_PART = 20


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("parts") / "output"
    code, messages = build_kit_site(output, "publishconf.py",
                                    SEARCH={"pages_per_part": PER_PART})
    assert code == 0, messages
    with NginxServer(output, tmp_path_factory.mktemp("nginx-parts")).start(
            require_nginx()) as running:
        yield output, running


def _pages_by_part(output: Path) -> dict[str, list[str]]:
    """{part of the index: the site paths of the pages its fragments hold}, as the parts list
    the search page reads names them."""
    listed = json.loads((output / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    pages = {}
    for part in listed["parts"]:  # the page URL each fragment holds, read as the build does
        fragments = sorted((output / "pagefind" / part["bundle"] / "fragment").iterdir())
        urls = [bundle.fragment_url(bundle.unpacked(f)) for f in fragments]
        pages[part["bundle"]] = [url.lstrip("/").removesuffix("index.html") for url in urls]
    return pages


def test_search_finds_a_page_of_every_part_of_the_index(parted_site, browser):
    """A word only one page has is found whichever part of the index holds that page; the
    search page asks nothing of another host and breaks no rule of the site's own headers."""
    output, server = parted_site
    parts = _pages_by_part(output)
    assert len(parts) > 1, f"the fixture's index should be in parts of {PER_PART}"
    words = {path: _main_words(output, path) for path in sitemap_paths(output)}
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    violations, errors, requested = [], [], []
    context.expose_function("shelfcastCspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER_JS)
    try:
        for part, paths in parts.items():
            others = {p: w for p, w in words.items() if p not in paths}
            own = [(sorted(words[path] - set().union(*others.values(), *(
                w for p, w in words.items() if p in paths and p != path))), path)
                for path in paths if path in words]
            word, path = next((unique[0], path) for unique, path in own if unique)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: requested.append(request.url))
            page.goto(server.url("search.html"), wait_until="load")
            found = [_path_of(url, server) for url in _search_by_keyboard(page, word)]
            assert path in found, (f"searching {word!r} should find /{path} (index part "
                                   f"{part or 'first'}); found {found}")
            page.close()
    finally:
        context.close()
    assert errors == [] and violations == []
    assert foreign_requests(requested, server.host) == []
