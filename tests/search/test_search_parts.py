"""A large site's search index in parts (shelfcast_search.parts): each part is the index
Pagefind makes of its pages, and a warm build takes a part from the last build only while its
pages are byte for byte the same."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from shelfcast_search import parts
from shelfcast_search.indexer import pagefind_command, pagefind_executable, run_index
from test_search_build import _tree_differences

WORDS = ("harbour lantern meadow quartz violin ember falcon juniper orchard saffron "
         "tundra walnut zephyr basalt").split()
PER_PART = 4


def _page(site: Path, name: str, text: str) -> None:
    page = site / name / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<html lang='en'><body><nav>Menu</nav><article data-pagefind-body>"
                    f"<h1>{name}</h1><p>{text}</p></article></body></html>", encoding="utf-8")


def _site(folder: Path, count: int = 12) -> Path:
    for number in range(count):
        _page(folder, f"post-{number:02d}", f"{WORDS[number]} {WORDS[number + 1]} n{number}")
    return folder


def _listed(bundle: Path) -> dict:
    return json.loads((bundle / parts.MANIFEST).read_text(encoding="utf-8"))


def _differences(left: Path, right: Path) -> list[str]:
    """Files that differ between two bundles, the other parts (inside the first) left aside."""
    return _tree_differences(left, right, tuple(f"{parts.PART_PREFIX}{n}" for n in range(1, 50)))


def _pagefinds_own(site: Path, pages: list[str], folder: Path) -> Path:
    """Pagefind's index of these pages of site, made from nothing by its own command."""
    for relative in pages:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / relative, folder / relative)
    subprocess.run(pagefind_command(pagefind_executable(), folder, "pagefind", [], "en"),
                   check=True)
    return folder / "pagefind"


def _part_pages(site: Path, count: int) -> list[list[str]]:
    pages = sorted(str(p.relative_to(site)) for p in site.glob("post-*/index.html"))
    split = parts.parts_of(pages, PER_PART)
    assert len(split) == count
    return split


def _assert_each_part_is_pagefinds_own(site: Path, tmp_path: Path, count: int) -> None:
    for number, pages in enumerate(_part_pages(site, count)):
        own = _pagefinds_own(site, pages, tmp_path / f"own-{number}")
        made = site / "pagefind" / parts.part_folder(number)
        assert _differences(own, made) == [], f"part {number}"


def test_an_index_in_parts_holds_each_part_as_pagefind_makes_it(tmp_path):
    site = _site(tmp_path / "site")
    result = run_index(site, "pagefind", [], "en", per_part=PER_PART)
    assert result.problems == () and result.pages == 12
    listed = _listed(site / "pagefind")
    assert [part["bundle"] for part in listed["parts"]] == ["", "part-1/", "part-2/"]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def test_a_small_site_is_one_index_with_a_parts_list_naming_no_other(tmp_path):
    site = _site(tmp_path / "site", 3)
    assert run_index(site, "pagefind", [], "en", per_part=PER_PART).problems == ()
    assert [part["bundle"] for part in _listed(site / "pagefind")["parts"]] == [""]
    assert not list((site / "pagefind").glob(f"{parts.PART_PREFIX}*"))


@pytest.fixture
def indexed(tmp_path: Path):
    """A site indexed in three parts, its index moved aside as the last build's."""
    site = _site(tmp_path / "site")
    assert run_index(site, "pagefind", [], "en", per_part=PER_PART).problems == ()
    previous = tmp_path / "previous"
    (site / "pagefind").rename(previous)
    return site, previous


def _entry_inode(bundle: Path, number: int) -> int:
    return (bundle / parts.part_folder(number) / "pagefind-entry.json").stat().st_ino


def _taken(site: Path, previous: Path) -> list[int]:
    """The parts whose index is the last build's files (the entry file is Pagefind's first
    write in a run of its own)."""
    return [n for n in range(3) if _entry_inode(site / "pagefind", n) == _entry_inode(previous, n)]


def _part_holding(page: str) -> int:
    return parts.part_of(f"{page}/index.html", 3)


def test_a_warm_index_takes_the_parts_whose_pages_are_the_same(indexed, tmp_path):
    site, previous = indexed
    _page(site, "post-05", "an edited text about violins")
    result = run_index(site, "pagefind", [], "en", previous=previous, per_part=PER_PART)
    assert result.problems == () and result.pages == 12
    edited = _part_holding("post-05")
    assert _taken(site, previous) == [n for n in range(3) if n != edited]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)
    assert _listed(site / "pagefind") != _listed(previous)


def test_a_deleted_page_makes_its_part_again(indexed, tmp_path):
    site, previous = indexed
    shutil.rmtree(site / "post-07")
    result = run_index(site, "pagefind", [], "en", previous=previous, per_part=PER_PART)
    assert result.problems == () and result.pages == 11
    assert _part_holding("post-07") not in _taken(site, previous)
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def test_a_damaged_fragment_of_a_part_to_take_makes_that_part_again(indexed, tmp_path):
    site, previous = indexed
    fragment = next((previous / "part-1" / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-5] + b"xxxxx")
    assert run_index(site, "pagefind", [], "en", previous=previous,
                     per_part=PER_PART).problems == ()
    assert _taken(site, previous) == [0, 2]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


@pytest.mark.parametrize("change", ["other arguments", "a key added", "not JSON", "absent"])
def test_a_parts_list_not_as_the_kit_writes_it_takes_no_part(indexed, tmp_path, change):
    site, previous = indexed
    manifest = previous / parts.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if change == "other arguments":
        data["arguments"] = "0" * 32
    elif change == "a key added":
        data["parts"][1]["bundle"] = "../../elsewhere/"
    manifest.write_text("{" if change == "not JSON" else json.dumps(data), encoding="utf-8")
    if change == "absent":
        manifest.unlink()
    assert run_index(site, "pagefind", [], "en", previous=previous,
                     per_part=PER_PART).problems == ()
    assert _taken(site, previous) == []
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def test_more_pages_than_the_parts_hold_make_more_parts(indexed, tmp_path):
    site, previous = indexed
    for number in range(12, 20):
        _page(site, f"post-{number:02d}", f"another page {WORDS[number - 12]}")
    result = run_index(site, "pagefind", [], "en", previous=previous, per_part=PER_PART)
    assert result.problems == () and result.pages == 20
    count = len(_listed(site / "pagefind")["parts"])
    assert count > 3
    _assert_each_part_is_pagefinds_own(site, tmp_path, count)


def test_no_part_is_empty():
    """Pagefind refuses a folder without pages: a hash that leaves a part empty (14 pages in
    4 parts here) makes fewer parts."""
    pages = [f"post-{n:02d}/index.html" for n in range(14)]
    assert [] in parts.split(pages, 4)
    made = parts.parts_of(pages, PER_PART)
    assert all(made) and sorted(sum(made, [])) == pages


def test_a_page_keeps_its_part_while_the_number_of_parts_stays():
    pages = [f"posts/{n}.html" for n in range(100)]
    split = parts.split(pages, 5)
    assert sorted(sum(split, [])) == sorted(pages)
    assert all(parts.part_of(page, 5) == number for number, held in enumerate(split)
               for page in held)
    assert parts.split(pages[:50], 5) == [[p for p in held if p in pages[:50]] for held in split]
    assert [parts.part_count(n, 1000) for n in (0, 999, 1000, 1001, 5701)] == [1, 1, 1, 2, 6]
    assert parts.part_count(5701, None) == 1


def test_a_link_planted_in_the_last_index_is_never_taken(indexed, tmp_path):
    """A part of the last index holding a symbolic link (to a file outside the site) is made
    again; nothing of the link reaches the new index."""
    site, previous = indexed
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site", encoding="utf-8")
    (previous / "part-2" / "index" / "planted.pf_index").symlink_to(secret)
    assert run_index(site, "pagefind", [], "en", previous=previous,
                     per_part=PER_PART).problems == ()
    assert _taken(site, previous) == [0, 1]
    assert not [p for p in (site / "pagefind").rglob("*") if p.is_symlink()]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def test_a_part_missing_from_the_last_index_is_made_again(indexed, tmp_path):
    site, previous = indexed
    shutil.rmtree(previous / "part-1")
    assert run_index(site, "pagefind", [], "en", previous=previous,
                     per_part=PER_PART).problems == ()
    assert [n for n in (0, 2) if _entry_inode(site / "pagefind", n)
            == _entry_inode(previous, n)] == [0, 2]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def _as_the_build_wrote_them(site: Path) -> dict:
    """page_marks as the page cache notes them while it writes each page."""
    from shelfcast_sitekit.fingerprints import digest

    return {str(p.relative_to(site)): (True, len(p.read_bytes()), digest(p.read_bytes()))
            for p in site.glob("post-*/index.html")}


def test_a_build_that_knows_its_pages_digests_reads_none_back(indexed, tmp_path, monkeypatch):
    """The build hands the digests of the pages it wrote: the parts whose pages are the same
    are taken as when each page is read back (so the two digests agree), and no page is read
    for its digest (5,701 pages at 5,000 posts)."""
    site, previous = indexed
    _page(site, "post-05", "an edited text about violins")
    known = _as_the_build_wrote_them(site)
    read = []
    file_digest = parts.file_digest
    monkeypatch.setattr(parts, "file_digest", lambda path: read.append(path) or file_digest(path))
    result = run_index(site, "pagefind", [], "en", previous=previous, per_part=PER_PART,
                       known=known)
    assert result.problems == () and read == []
    assert _taken(site, previous) == [n for n in range(3) if n != _part_holding("post-05")]
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)


def test_a_page_changed_since_the_build_noted_it_is_read_back(indexed, tmp_path):
    site, previous = indexed
    known = _as_the_build_wrote_them(site)
    _page(site, "post-05", "an edited text about violins, written after the build")
    assert run_index(site, "pagefind", [], "en", previous=previous, per_part=PER_PART,
                     known=known).problems == ()
    assert _part_holding("post-05") not in _taken(site, previous)
    _assert_each_part_is_pagefinds_own(site, tmp_path, 3)
