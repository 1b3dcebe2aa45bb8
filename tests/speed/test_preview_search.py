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



def part_files(bundle: Path) -> dict[str, dict[str, int]]:
    """{part folder ("" for the first): {file: inode}} of an index in parts."""
    found: dict[str, dict[str, int]] = {}
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle).as_posix()
        if path.is_file() and relative != "shelfcast-parts.json":
            part = relative.split("/")[0] if relative.startswith("part-") else ""
            found.setdefault(part, {})[relative] = path.stat().st_ino
    return found


def contents(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_a_save_makes_again_only_the_parts_of_the_index_whose_pages_changed(tmp_path):
    """A large site's index is in parts (shelfcast_search.parts): after a save the preview
    links the parts whose pages are as they were and runs Pagefind over the changed one only,
    and the index is the one a build from nothing makes of the saved pages."""
    site = tmp_path / "output"
    site.mkdir()
    names = [f"page-{n}.html" for n in range(8)]
    for name in names:
        (site / name).write_text(page(name, f"The words of {name}."), "utf-8")
    options = {"known": {}, "per_part": 3}  # no page's mark known: each page is read
    arguments = (*ARGUMENTS, options)
    assert refresh_index(site, arguments, run_index) == ()
    before = part_files(site / "pagefind")
    assert sorted(before) == ["", "part-1", "part-2"]

    (site / "page-5.html").write_text(page("page-5.html", "Saved: a zeppelin."), "utf-8")
    assert refresh_index(site, arguments, run_index) == ()
    after = part_files(site / "pagefind")
    made_again = [part for part in before if after[part] != before[part]]
    assert len(made_again) == 1, made_again  # the part holding page-5.html; the rest linked
    assert sorted(after) == sorted(before)

    cold = tmp_path / "cold"
    cold.mkdir()
    for name in names:
        shutil.copy(site / name, cold / name)
    assert not run_index(cold, *ARGUMENTS, per_part=3).problems
    saved, made = contents(site / "pagefind"), contents(cold / "pagefind")
    manifests = [json.loads(files.pop("shelfcast-parts.json")) for files in (saved, made)]
    assert saved == made
    assert [p["pages"] for p in manifests[0]["parts"]] == \
        [p["pages"] for p in manifests[1]["parts"]]


def test_the_previews_first_index_takes_the_parts_of_the_last_build(tmp_path):
    """`make serve` after `make build`: the preview's index (made beside the served one, under
    another folder name) takes every part of the build's index whose pages are the same."""
    site = tmp_path / "output"
    site.mkdir()
    for n in range(8):
        (site / f"page-{n}.html").write_text(page(f"Page {n}", f"The words of page {n}."),
                                             "utf-8")
    assert not run_index(site, *ARGUMENTS, per_part=3).problems  # as `make build` makes it
    built = part_files(site / "pagefind")
    assert len(built) == 3
    assert refresh_index(site, (*ARGUMENTS, {"known": {}, "per_part": 3}), run_index) == ()
    assert part_files(site / "pagefind") == built
