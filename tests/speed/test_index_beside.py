"""`make build` makes the search index beside the end of the build (shelfcast_sitekit.beside):
Pagefind runs while the build encodes its page index, and a failed index still fails the
build, leaving output/ and the page cache's index as they were."""

from __future__ import annotations

import functools
import threading

import shelfcast_search
import shelfcast_sitekit.build as build_module
from shelfcast_sitekit.beside import Job, join_all
from shelfcast_sitekit.pagecache import last_build_counts
from shelfcast_sitekit.problems import ContentProblem


def write_posts(site, count: int) -> None:
    for number in range(count):
        site.write(f"posts/news/post-{number:02d}.md", f"""
            ---
            title: Post number {number}
            date: 2026-01-{number + 1:02d}
            ---
            Harbour lantern meadow {number}.
            """)


def test_pagefind_runs_while_the_build_encodes_its_page_index(site, monkeypatch):
    encoding = threading.Event()
    real_encode, real_start = build_module.encode_page_cache, shelfcast_search.start_index

    def noting_encode(settings):
        encoding.set()
        return real_encode(settings)

    overlapped = []

    def start_index_run_once_the_build_encodes(*args, **kwargs):
        index = real_start(*args, **kwargs)

        @functools.wraps(index)  # with what it says of itself (`whole_site`)
        def index_once_the_build_encodes():
            # Before: Pagefind ran inside Pelican's `finalized`, and the build encoded its
            # page index only after it: this waited the full 30 s and found no encoding.
            overlapped.append(encoding.wait(30))
            return index()

        return index_once_the_build_encodes

    monkeypatch.setattr(build_module, "encode_page_cache", noting_encode)
    monkeypatch.setattr(shelfcast_search, "start_index", start_index_run_once_the_build_encodes)
    write_posts(site, 3)
    assert site.build() == 0, site.messages
    assert overlapped == [True]
    assert (site.output / "pagefind/pagefind-entry.json").is_file()
    assert last_build_counts(str(site.root / ".cache"))["rendered"] > 3


def test_a_failed_index_leaves_output_and_the_page_index_as_they_were(site, monkeypatch,
                                                                     tmp_path):
    import shelfcast_search.indexer as indexer

    write_posts(site, 3)
    assert site.build() == 0, site.messages
    before = {path.relative_to(site.output): path.read_bytes()
              for path in site.output.rglob("*") if path.is_file()}
    counts = last_build_counts(str(site.root / ".cache"))
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr(indexer, "pagefind_executable", lambda: broken)
    write_posts(site, 4)  # a new post: this build renders pages the last did not
    assert site.build() == 1
    assert "(search): Pagefind failed: Error: disk full" in site.messages
    after = {path.relative_to(site.output): path.read_bytes()
             for path in site.output.rglob("*") if path.is_file()}
    assert after == before
    assert last_build_counts(str(site.root / ".cache")) == counts


def test_every_job_is_joined_and_the_first_error_raised_after():
    finished, release = [], threading.Event()
    problem = ContentProblem("(search)", None, None, "a problem")

    def slow():
        release.wait(30)
        finished.append("slow")
        return [problem]

    def failing():
        raise RuntimeError("failed")

    settings = {"SITEKIT_BESIDE": [Job(failing), Job(slow)]}
    release.set()
    try:
        join_all(settings)
    except RuntimeError as err:
        assert str(err) == "failed"
    else:
        raise AssertionError("the job's error was not raised")
    assert finished == ["slow"] and settings["SITEKIT_BESIDE"] == []
    settings["SITEKIT_BESIDE"] = [Job(slow), Job(lambda: [])]
    assert join_all(settings) == [problem]
