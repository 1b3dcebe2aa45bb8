"""`make serve` makes the search index after the browser reloaded, while the last build's
index (hard-linked into the new output) is served: each save's index must hold the pages as
they are now, not the first build's (Pagefind never writes over an existing bundle folder)."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

from shelfcast_search.indexer import run_index
from shelfcast_sitekit.preview import refresh_index

ARGUMENTS = ("pagefind", [], "en")


def page(title: str, text: str) -> str:
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head>"
            f"<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>")


def indexed_pages(site: Path) -> int:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_save_gets_an_index_of_the_pages_as_they_are_now(tmp_path):
    site = tmp_path / "output"
    site.mkdir()
    (site / "a.html").write_text(page("First", "The first page."), "utf-8")
    assert not run_index(site, *ARGUMENTS).problems
    assert indexed_pages(site) == 1

    # The next build: a new page, and the last index linked in until the new one is made.
    (site / "b.html").write_text(page("Second", "A page added by a save."), "utf-8")
    assert refresh_index(site, ARGUMENTS, run_index) == ()
    assert indexed_pages(site) == 2
    assert sorted(p.name for p in site.iterdir()) == ["a.html", "b.html", "pagefind"]

    # The same bundle a build from nothing writes (the folder's name is in none of its files).
    cold = tmp_path / "cold"
    cold.mkdir()
    for name in ("a.html", "b.html"):
        shutil.copy(site / name, cold / name)
    assert not run_index(cold, *ARGUMENTS).problems
    compared = filecmp.dircmp(site / "pagefind", cold / "pagefind")
    assert (compared.left_only, compared.right_only) == ([], [])
    assert (site / "pagefind/pagefind-entry.json").read_bytes() == \
        (cold / "pagefind/pagefind-entry.json").read_bytes()
