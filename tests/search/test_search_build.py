"""The search index a build writes: present, deterministic, and bad settings reported plainly."""

from __future__ import annotations

import filecmp
import json

import pytest
from lxml import html as lxml_html
from shelfcast_search.indexer import pagefind_command
from shelfcast_search.parts import MANIFEST
from shelfcast_search.settings import DEFAULTS, search_settings

WORDS = ("harbour lantern meadow quartz violin ember falcon juniper orchard saffron "
         "tundra walnut zephyr basalt cobalt dune fjord glacier").split()


def _write_posts(site, count: int) -> None:
    for number in range(count):
        words = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(12))
        site.write(f"posts/news/post-{number:02d}.md", f"""
            ---
            title: Post number {number}
            date: 2026-01-{number % 28 + 1:02d}
            ---
            {words} {'unique' + str(number)}.
            """)


def _tree_differences(left, right, ignore: tuple = ()) -> list[str]:
    """Files that differ between two bundles, but names in `ignore`; the list of the index's
    parts is the kit's own file beside Pagefind's (shelfcast_search.parts), not compared."""
    comparison = filecmp.dircmp(left, right, ignore=[MANIFEST, *ignore])
    found = [*comparison.left_only, *comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += mismatch + errors
    for name in comparison.common_dirs:
        found += [f"{name}/{item}"
                  for item in _tree_differences(left / name, right / name, ignore)]
    return found


def test_build_writes_an_index_of_every_post_and_page(site):
    _write_posts(site, 3)
    site.write("pages/about.md", "---\ntitle: About us\n---\nWe lend books.\n")
    assert site.build() == 0, site.messages
    entry = json.loads(site.read("pagefind/pagefind-entry.json"))
    # Three posts, one page and the library's "Visit us" page (LIBRARY in the fixture's
    # settings) carry data-pagefind-body; lists, tags and search do not.
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 5
    assert (site.output / "pagefind" / "pagefind.js").is_file()
    search = lxml_html.fromstring(site.read("search.html"))
    assert search.xpath("//form[@role='search']//label[@for='search-input']")
    assert search.xpath("//*[@role='status']")
    assert search.xpath("//noscript")


def test_two_builds_write_byte_identical_search_files(site, tmp_path_factory):
    _write_posts(site, 40)
    assert site.build() == 0, site.messages
    first = tmp_path_factory.mktemp("first") / "output"
    site.output.rename(first)
    assert site.build() == 0, site.messages
    assert _tree_differences(first / "pagefind", site.output / "pagefind") == []


def test_search_can_be_turned_off(site):
    _write_posts(site, 1)
    assert site.build(SEARCH={"INDEX": False}) == 0, site.messages
    assert not (site.output / "pagefind").exists()


@pytest.mark.parametrize(("value", "expected"), [
    ("yes", "SEARCH: must be a dict"),
    ({"index": "yes"}, "SEARCH['index']: must be true or false"),
    ({"bundle_dir": "../outside"}, "SEARCH['bundle_dir']: "),
    ({"bundle_dir": ""}, "SEARCH['bundle_dir']: "),
    ({"exclude_selectors": ".meta"}, "SEARCH['exclude_selectors']: must be a list"),
    ({"exclude_selectors": [None]}, "SEARCH['exclude_selectors'][0]: must be text"),
    ({"indeks": True}, "SEARCH['indeks']: unknown setting"),
])
def test_bad_settings_stop_the_build_with_one_clear_line(site, value, expected):
    _write_posts(site, 1)
    assert site.build(SEARCH=value) == 1
    lines = [line for line in site.messages.splitlines() if "SEARCH" in line]
    assert len(lines) == 1 and lines[0].startswith("pelicanconf.py: ") and expected in lines[0], \
        site.messages
    assert "Traceback" not in site.messages


def test_the_old_upper_case_keys_still_work_with_a_warning_naming_the_new_key():
    from shelfcast_sitekit.settingmoves import apply_moves

    moved, problems = apply_moves({"SEARCH": {"INDEX": False}}, "0.9.0", "library.py")
    assert search_settings(moved["SEARCH"]) == ({**DEFAULTS, "index": False}, [])
    assert [(p.field, p.severity) for p in problems] == [("SEARCH.INDEX", "warning")]
    assert "is now called SEARCH.index" in problems[0].message


def test_defaults_are_valid_and_missing_settings_mean_defaults():
    assert search_settings(None) == (DEFAULTS, [])
    assert search_settings({}) == (DEFAULTS, [])


def test_command_indexes_in_one_language_and_skips_selectors(tmp_path):
    command = pagefind_command(tmp_path / "pagefind", tmp_path / "out", "pagefind", [".share"],
                               "da")
    assert command[command.index("--force-language") + 1] == "da"
    assert command[command.index("--exclude-selectors") + 1] == ".share"
    assert command[command.index("--output-subdir") + 1] == "pagefind"


def test_missing_indexer_fails_the_build_and_says_how_to_fix_it(site, monkeypatch):
    import shelfcast_search.indexer as indexer

    monkeypatch.setattr(indexer, "pagefind_executable", lambda: None)
    _write_posts(site, 1)
    assert site.build() == 1
    assert "pagefind package is not installed" in site.messages and "make venv" in site.messages
    assert not site.output.exists()


def test_failing_indexer_fails_the_build_with_its_message(site, monkeypatch, tmp_path):
    import shelfcast_search.indexer as indexer

    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr(indexer, "pagefind_executable", lambda: broken)
    _write_posts(site, 1)
    assert site.build() == 1
    assert "(search): Pagefind failed: Error: disk full" in site.messages


def _whole_site_index(output, tmp_path, exclude_selectors, language="en"):
    """Pagefind's own run over every page of a copy of output (its index left out)."""
    import shutil
    import subprocess

    from shelfcast_search.indexer import pagefind_executable

    copy = tmp_path / "whole"
    shutil.copytree(output, copy, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run(pagefind_command(pagefind_executable(), copy, "pagefind",
                                    list(exclude_selectors), language), check=True)
    return copy / "pagefind"


def test_the_index_made_from_the_marked_pages_equals_pagefinds_run_over_every_page(
        site, tmp_path, monkeypatch):
    import shelfcast_search.indexer as indexer

    given = []
    run = indexer._run_pagefind

    def watched(executable, folder, *args):
        given.append(sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html")))
        return run(executable, folder, *args)

    monkeypatch.setattr(indexer, "_run_pagefind", watched)
    _write_posts(site, 30)  # paginated lists, tags, sections: pages Pagefind does not index
    site.write("pages/about.md", "---\ntitle: About us\n---\nWe lend books.\n")
    assert site.build() == 0, site.messages
    pages = sorted(str(p.relative_to(site.output)) for p in site.output.rglob("*.html"))
    marked = [name for name in pages
              if "data-pagefind-body" in (site.output / name).read_text(encoding="utf-8")]
    # Pagefind read only the pages it indexes, far fewer than the site has...
    assert given == [marked] and len(marked) < len(pages) - 10
    # ...and wrote the index its run over every page writes, byte for byte.
    whole = _whole_site_index(site.output, tmp_path, DEFAULTS["exclude_selectors"])
    assert _tree_differences(whole, site.output / "pagefind") == []
    # Nothing of the pages' folder is left beside the site.
    assert [p.name for p in site.output.parent.iterdir() if ".new-" in p.name] == []


def test_a_site_with_no_marked_page_is_indexed_whole_as_pagefind_does(tmp_path):
    from pathlib import Path

    from shelfcast_search.indexer import run_index

    site = tmp_path / "site"
    for number, word in enumerate(WORDS[:5]):
        page = site / f"notes/{number}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html lang='en'><body><main><h1>Note {number}</h1><p>{word}</p>"
                        "</main></body></html>", encoding="utf-8")
    result = run_index(Path(site), "pagefind", [], "en")
    assert result.problems == () and result.pages == 5
    whole = _whole_site_index(site, tmp_path, [])
    assert _tree_differences(whole, site / "pagefind") == []


@pytest.mark.parametrize(("page", "marked"), [
    (b"<article class='post' data-pagefind-body>", True),
    (b'<ARTICLE DATA-PAGEFIND-BODY="">', True),  # HTML's names are in any case
    (b"<div\n data-pagefind-body/>", True),
    (b"<p>Write data-pagefind-body on the tag.</p>", False),  # a post about the theme
    (b"<div data-pagefind-body-x>", False),
    (b"<div xdata-pagefind-body>", False),
])
def test_a_page_counts_as_marked_only_by_a_tags_attribute(page, marked):
    from shelfcast_search.indexer import has_body_mark

    assert has_body_mark(b"<html><body>" + page + b"</body></html>") is marked
