"""`make serve` keeps one process between saves (shelfcast_sitekit.preview.PreviewSession):
what it keeps must never make the served site differ from a build from nothing, and a save
made while a build runs must never be lost."""

from __future__ import annotations

import threading
from pathlib import Path

from shelfcast_sitekit.preview import PreviewSession, PreviewState, changes, snapshot
from shelfcast_sitekit.readcache import DEFERRED_INDEX_KEY, MEMORY_KEY
from test_warm_equals_cold import EDITS, cold_build, differences, new_corpus

SEED = 26
STEPS = 20
# The edits a librarian makes most while previewing (a post's or a page's body or title: the
# fast path's) weigh more than the others, so every run takes the fast path several times.
PREVIEW_EDITS = EDITS + ("body", "title", "page_body", "page_title") * 3


def test_a_save_made_while_a_build_runs_is_built_too(tmp_path: Path):
    watched = tmp_path / "content"
    watched.mkdir()
    post = watched / "post.md"
    post.write_text("first", "utf-8")
    seen = []

    def build(overrides, retired):
        seen.append(post.read_text("utf-8"))
        if len(seen) == 1:  # the librarian saves again while the first build runs
            post.write_text("second, saved during the build", "utf-8")
        return 0, ""

    session = PreviewSession(build, [str(watched)], PreviewState())
    assert session.rebuild(index=lambda arguments: None) == 2
    assert seen == ["first", "second, saved during the build"]


def test_the_search_index_is_made_after_the_build_returns(tmp_path: Path):
    indexed = threading.Event()
    order = []

    def build(overrides, retired):
        overrides[DEFERRED_INDEX_KEY].append(("pagefind", [], "en"))
        order.append("built")
        return 0, ""

    def index(arguments):
        order.append(("indexed", arguments[0]))
        indexed.set()

    session = PreviewSession(build, [str(tmp_path)], PreviewState())
    session.rebuild(index)
    assert indexed.wait(timeout=30)
    session.wait_for_index()
    assert order == ["built", ("indexed", "pagefind")]


def test_a_change_set_names_what_was_added_removed_and_changed(tmp_path: Path):
    (tmp_path / "a.md").write_text("a", "utf-8")
    (tmp_path / "b.md").write_text("b", "utf-8")
    before = snapshot([str(tmp_path)])
    (tmp_path / "a.md").write_text("a, longer", "utf-8")
    (tmp_path / "b.md").unlink()
    (tmp_path / "c.md").write_text("c", "utf-8")
    found = changes(before, snapshot([str(tmp_path)]))
    assert (found.added, found.removed, found.modified) == (
        {str(tmp_path / "c.md")}, {str(tmp_path / "b.md")}, {str(tmp_path / "a.md")})
    assert not changes(before, before)


def test_the_preview_after_each_of_20_random_edits_equals_a_cold_build(tmp_path: Path):
    corpus, aside = new_corpus(tmp_path, SEED)
    site, theme, rng = corpus.site, corpus.theme, corpus.rng

    def build(overrides, retired):
        code = site.build(THEME=str(theme), BUILD_NOW="2026-06-01T12:00:00+02:00",
                          SEARCH={"index": False}, **overrides)
        return code, site.messages

    session = PreviewSession(build, [str(site.content), str(theme)], PreviewState())
    session.rebuild(index=lambda arguments: None)
    assert session.state.errors is None, session.state.errors
    done, fast = [], 0
    for _ in range(STEPS):
        edit = rng.choice(PREVIEW_EDITS)
        done.append(edit)
        for stage, _ in enumerate(getattr(corpus, edit)() or (), start=1):
            assert_served_equals_cold(session, site, theme, aside, done + [f"stage {stage}"])
        assert_served_equals_cold(session, site, theme, aside, done)
        fast += sum(kind == "fast" for kind, _result in session.passes)
    assert fast >= 3, f"the fast path was taken {fast} times in {done}"
    assert session.memory, "the session kept no read entries between builds"


def assert_served_equals_cold(session, site, theme, aside, after) -> None:
    session.rebuild(index=lambda arguments: None)
    code, messages, cold = cold_build(site, theme, aside)
    assert (session.state.errors or "") == (messages if code else ""), f"after {after}"
    if code == 0:
        assert differences(site.output, cold) == [], f"after {after}"
    assert MEMORY_KEY not in messages


def test_a_build_that_raises_shows_the_error_page_and_counts_as_built(tmp_path: Path):
    """An exception out of the build went up into livereload's poller, which only logged it:
    the save counted as seen, no reload, and the old site stayed up as if nothing happened."""
    calls = []

    def build(overrides, retired):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a plugin broke")
        return 0, ""

    session = PreviewSession(build, [str(tmp_path)], PreviewState())
    assert session.rebuild(index=lambda arguments: None) == 1
    assert "RuntimeError: a plugin broke" in session.state.errors
    assert session.state.built == 1
    session.rebuild(index=lambda arguments: None)
    assert session.state.errors is None and session.state.built == 2
