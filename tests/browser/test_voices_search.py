"""Questions and photos are found by the site's search, like posts (issue 15's acceptance)."""

from __future__ import annotations

from lxml import html as lxml_html

from browser.page_types import file_for
from browser.test_search import _path_of, _search_by_keyboard


def test_search_finds_a_question_and_a_photo(visit, kit_site, server, sample_pages,
                                             page_groups):
    for kind in ("question", "photo"):
        path = sorted(page_groups[kind])[0]
        title = lxml_html.parse(str(file_for(kit_site, path))).xpath("string(//main//h1)")
        page = visit(sample_pages["search"])
        found = [_path_of(url, server) for url in _search_by_keyboard(page, title.strip())]
        assert path in found, f"searching the {kind} {title!r} found {found}"
