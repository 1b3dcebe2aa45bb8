"""A warm build's search index starts from the last build's fragments, and still equals the
index Pagefind writes from nothing (shelfcast_search.bundle)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shelfcast_search import bundle
from shelfcast_search.indexer import run_index
from test_search_build import _tree_differences as _differences
from test_search_build import _whole_site_index, _write_posts

WORDS = "harbour lantern meadow quartz violin ember falcon juniper orchard saffron".split()


def _page(site: Path, name: str, text: str) -> None:
    page = site / name / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<html lang='en'><body><nav>Menu</nav><article data-pagefind-body>"
                    f"<h1>{name}</h1><p>{text}</p></article></body></html>", encoding="utf-8")


def _fragments(index: Path) -> dict[str, str]:
    """{fragment file name: its page's URL}."""
    return {path.name: bundle.fragment_url(bundle.unpacked(path))
            for path in (index / "fragment").iterdir()}


@pytest.fixture
def sites(tmp_path: Path):
    """A site indexed once (its index moved aside as the last build's), a page then edited;
    and a copy of the edited site indexed from nothing, to compare with."""
    site = tmp_path / "site"
    for number, word in enumerate(WORDS[:6]):
        _page(site, f"post-{number}", f"{word} {WORDS[number + 1]} number {number}")
    assert run_index(site, "pagefind", [], "en").problems == ()
    previous = tmp_path / "previous"
    (site / "pagefind").rename(previous)
    _page(site, "post-2", "an edited text about violins")
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh)
    assert run_index(fresh, "pagefind", [], "en").problems == ()
    return site, previous, fresh / "pagefind"


def test_unchanged_pages_fragments_are_taken_from_the_last_index(sites):
    site, previous, from_nothing = sites
    result = run_index(site, "pagefind", [], "en", previous=previous)
    assert result.problems == () and result.pages == 6
    assert _differences(from_nothing, site / "pagefind") == []
    # Pagefind wrote the edited page's fragment; the other five are the last index's files.
    shared = [p.name for p in (site / "pagefind/fragment").iterdir()
              if (previous / "fragment" / p.name).exists()
              and (previous / "fragment" / p.name).stat().st_ino == p.stat().st_ino]
    assert len(shared) == 5


def _plant_a_colliding_fragment(previous: Path, from_nothing: Path) -> None:
    """Give another page's old fragment the name the edited page's new fragment gets: as if
    its 7-digit hash began like that old one's, Pagefind would leave it in place."""
    new = set(_fragments(from_nothing)) - set(_fragments(previous))
    assert len(new) == 1
    other = next(name for name, url in _fragments(previous).items() if url == "/post-4/")
    shutil.copy(previous / "fragment" / other, previous / "fragment" / new.pop())


def test_a_fragment_named_as_a_changed_pages_new_one_is_not_kept(sites):
    site, previous, from_nothing = sites
    _plant_a_colliding_fragment(previous, from_nothing)
    assert run_index(site, "pagefind", [], "en", previous=previous).problems == ()
    assert _differences(from_nothing, site / "pagefind") == []


def test_a_colliding_fragment_is_found_by_its_page_alone(sites, monkeypatch):
    """Even where the old text's hash began like its new name (the file holds its name), the
    index naming a page's fragment twice is seen and the index is made from nothing."""
    site, previous, from_nothing = sites
    _plant_a_colliding_fragment(previous, from_nothing)
    monkeypatch.setattr(bundle, "holds_its_name", lambda *args: True)
    assert run_index(site, "pagefind", [], "en", previous=previous).problems == ()
    assert _differences(from_nothing, site / "pagefind") == []


def test_a_damaged_fragment_of_the_last_index_is_not_kept(sites):
    site, previous, from_nothing = sites
    kept = next(name for name, url in _fragments(previous).items() if url == "/post-5/")
    (previous / "fragment" / kept).write_bytes(b"\x1f\x8b not what it was")
    assert run_index(site, "pagefind", [], "en", previous=previous).problems == ()
    assert _differences(from_nothing, site / "pagefind") == []
    assert (site / "pagefind/fragment" / kept).read_bytes() \
        == (from_nothing / "fragment" / kept).read_bytes()


def test_an_index_of_another_pagefind_version_is_not_used(sites, monkeypatch):
    site, previous, from_nothing = sites
    monkeypatch.setattr(bundle, "pagefind_version", lambda: "0.0.1")
    assert bundle.link_last_bundle(previous, site / "pagefind") == []
    assert not (site / "pagefind").exists()


@pytest.mark.parametrize(("relative", "url"), [
    ("index.html", "/"), ("posts/a.html", "/posts/a.html"), ("posts/b/index.html", "/posts/b/"),
])
def test_pages_urls_are_pagefinds(relative, url):
    assert bundle.page_urls([relative]) == {url}


@pytest.mark.parametrize("data", [b"", b"\xff", b"\x9f\x01", b"\x85\x61", b"\x7b\xff",
                                  b"\x81" * 20 + b"\x00", b"\x00\x00"])
def test_a_meta_file_that_is_not_pagefinds_is_refused(data):
    with pytest.raises(bundle.NotABundle):
        bundle.cbor(data)


def test_a_warm_build_writes_the_index_pagefind_writes_from_nothing(site, tmp_path):
    from shelfcast_search.settings import DEFAULTS

    _write_posts(site, 12)
    assert site.build() == 0, site.messages
    last = {p.name: p.stat().st_ino for p in (site.output / "pagefind/fragment").iterdir()}
    post = site.content / "posts/news/post-03.md"
    post.write_text(post.read_text("utf-8") + "\nA sentence about lighthouses.\n", "utf-8")
    assert site.build() == 0, site.messages
    fragments = list((site.output / "pagefind/fragment").iterdir())
    assert sum(last.get(p.name) == p.stat().st_ino for p in fragments) == len(last) - 1
    whole = _whole_site_index(site.output, tmp_path, DEFAULTS["exclude_selectors"])
    assert _differences(whole, site.output / "pagefind") == []
