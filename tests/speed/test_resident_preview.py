"""`make serve` keeps one process between saves (shelfcast_sitekit.preview.PreviewSession):
what it keeps must never make the served site differ from a build from nothing, and a save
made while a build runs must never be lost."""

from __future__ import annotations

import gc
import os
import shutil
import threading
import time
import weakref
from pathlib import Path

import readpacks
from shelfcast_search.indexer import IndexResult, run_index
from shelfcast_sitekit.preview import PreviewSession, PreviewState, changes, refresh_index, snapshot
from shelfcast_sitekit.readcache import DEFERRED_INDEX_KEY, MEMORY_KEY
from shelfcast_sitekit.resident import moving_problems
from test_warm_equals_cold import EDITS, cold_build, differences, new_corpus, post_text

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
    assert session.rebuild(index=lambda arguments, stop: None) == 2
    assert seen == ["first", "second, saved during the build"]


def test_the_search_index_is_made_after_the_build_returns(tmp_path: Path):
    indexed = threading.Event()
    order = []

    def build(overrides, retired):
        overrides[DEFERRED_INDEX_KEY].append(("pagefind", [], "en"))
        order.append("built")
        return 0, ""

    def index(arguments, stop):
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
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site, theme, rng = corpus.site, corpus.theme, corpus.rng
    done, fast, moved = [], 0, 0
    for _ in range(STEPS):
        edit = rng.choice(PREVIEW_EDITS)
        done.append(edit)
        for stage, _ in enumerate(getattr(corpus, edit)() or (), start=1):
            assert_served_equals_cold(session, site, theme, aside, done + [f"stage {stage}"])
        assert_served_equals_cold(session, site, theme, aside, done)
        fast += sum(kind == "fast" for kind, _result in session.passes)
        # The corpus's posts have no `slug:`: a title edit moves the post to a new address.
        moved += edit == "title" and [kind for kind, _result in session.passes] == ["fast"]
    assert fast >= 3, f"the fast path was taken {fast} times in {done}"
    assert moved >= 1, f"no title edit (a new address) took the fast path in {done}"
    assert session.memory, "the session kept no read entries between builds"


def assert_served_equals_cold(session, site, theme, aside, after) -> None:
    session.rebuild(index=lambda arguments, stop: None)
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
    assert session.rebuild(index=lambda arguments, stop: None) == 1
    assert "RuntimeError: a plugin broke" in session.state.errors
    assert session.state.built == 1
    session.rebuild(index=lambda arguments, stop: None)
    assert session.state.errors is None and session.state.built == 2


# --- the fast path: a save of one plain post or page renders only the pages that showed it ---

def preview_of_new_corpus(tmp_path: Path):
    corpus, aside = new_corpus(tmp_path, SEED)
    site, theme = corpus.site, corpus.theme

    def build(overrides, retired):
        code = site.build(THEME=str(theme), BUILD_NOW="2026-06-01T12:00:00+02:00",
                          SEARCH={"index": False}, **overrides)
        return code, site.messages

    session = PreviewSession(build, [str(site.content), str(theme)], PreviewState())
    session.rebuild(index=lambda arguments, stop: None)
    assert session.state.errors is None, session.state.errors
    return corpus, aside, session


def test_the_kept_build_is_out_of_the_cycle_collectors_walks_and_freed_when_replaced(
        tmp_path: Path):
    """The kept build lives from one full build to the next; walked by Python's cycle
    collector, the first save after a build ran a full collection of it (0.50 s of a 0.92 s
    body save at 5,000 posts). Out of its walks it is, until full builds replace it; then
    it is freed (its Pelican generator is in reference cycles: frozen for good, each full
    build's objects would stay for the whole session)."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    kept = session.resident.kept
    assert kept is not None
    assert not any(found is kept for found in gc.get_objects())
    replaced = weakref.ref(kept.generators[0])
    del kept
    for number in (1, 2):
        (corpus.site.content / f"pages/new-page-{number}.md").write_text(
            f"---\ntitle: New page {number}\n---\nIts words.\n", encoding="utf-8")
        session.rebuild(index=lambda arguments, stop: None)
        assert [kind for kind, _result in session.passes] == ["full"]
    assert replaced() is None


def served_with(site, text: str) -> list[str]:
    return sorted(str(p.relative_to(site.output)) for p in site.output.rglob("*.html")
                  if text in p.read_text("utf-8"))


def test_a_body_edit_renders_only_the_pages_that_show_the_post(tmp_path: Path):
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    pages = len(list(site.output.rglob("*.html")))
    post = corpus.posts[5]
    post.write_text(post.read_text("utf-8") + "\nThe reading club meets on *Tuesdays*.\n",
                    "utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast"
    assert 1 <= len(result.rendered) <= 5 < pages, result.rendered
    assert served_with(site, "The reading club meets on <em>Tuesdays</em>.") \
        == ["posts/2024/post-5.html"]
    assert_served_equals_cold(session, site, corpus.theme, aside, ["body of post 5"])


def test_a_draft_edited_on_the_fast_path_keeps_its_banner(tmp_path: Path):
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    draft = corpus.posts[3]  # status: draft
    draft.write_text(draft.read_text("utf-8") + "\nStill a draft, *edited*.\n", "utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["fast"]
    [page] = served_with(corpus.site, "Still a draft, <em>edited</em>.")
    assert "draft" in page
    assert_served_equals_cold(session, corpus.site, corpus.theme, aside, ["body of draft 3"])


def test_an_episode_edit_takes_the_fast_path_and_equals_a_cold_build(tmp_path: Path):
    """An episode is the podcast plugin's (its feed, its show page): an edit of its notes,
    its title (its page moves: the slug comes from the title) and its date (the show's order
    and the sitemap's date) is read again by the plugin's own code (the old reading out,
    the new one in: residentfiles), and the site equals a cold build after each."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    episode = site.content / "podcasts/book-talk/ep1.md"
    edits = [("notes", lambda text: text + "\nGuest: the head librarian.\n"),
             ("title", lambda text: text.replace("title: Episode 1\n",
                                                 "title: Episode 1 with a guest\n")),
             ("date", lambda text: text.replace("date: 2025-02-11", "date: 2025-09-19"))]
    for name, edit in edits:
        episode.write_text(edit(episode.read_text("utf-8")), "utf-8")
        assert_served_equals_cold(session, site, corpus.theme, aside, [f"episode's {name}"])
        assert [kind for kind, _result in session.passes] == ["fast"], name
    assert served_with(site, "Guest: the head librarian.")
    assert (site.output / "podcasts/book-talk/episode-1-with-a-guest.html").is_file()
    assert not (site.output / "podcasts/book-talk/episode-1.html").exists()


def test_a_body_edit_with_a_problem_shows_the_error_page(tmp_path: Path):
    """The reading reports a problem (an image that is not there): the full build runs and the
    browser shows its error lines, as before the fast path."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    post = corpus.posts[4]
    post.write_text(post.read_text("utf-8") + "\n![Gone](images/not-there.png)\n", "utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["full"]
    assert "not-there.png" in (session.state.errors or "")
    assert_served_equals_cold(session, corpus.site, corpus.theme, aside, ["broken image"])
    post.write_text(post.read_text("utf-8").replace("![Gone](images/not-there.png)\n", ""),
                    "utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    assert session.state.errors is None


def test_a_title_edit_of_a_post_with_its_own_slug_takes_the_fast_path(tmp_path: Path):
    """Its address stays (the slug is written down) and no list is ordered by title: only the
    pages showing the title change; the lists keep their order."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    corpus.write_post(50, "news", post_text(50, "Opening hours", "2024-12-20", "tag1",
                                            "slug: opening-hours\n"))
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["full"]  # a file added
    corpus.replace_line(corpus.posts[50], "title", "Opening hours at Christmas")
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast"
    assert "posts/2024/opening-hours.html" in result.rendered
    assert "posts/2024/opening-hours.html" in served_with(corpus.site,
                                                          "Opening hours at Christmas")
    assert_served_equals_cold(session, corpus.site, corpus.theme, aside, ["title of post 50"])


def test_a_title_edit_that_moves_a_post_takes_the_fast_path(tmp_path: Path):
    """A post without a `slug:` takes its slug, so its address, from its title: the fast path
    writes its page at the new address, removes the old one, and the lists, feeds and sitemap
    link to the new one (bench/compare.py's edit_title)."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    old = site.output / "posts/2024/post-8.html"
    assert old.is_file() and "post-8.html" in (site.output / "sitemap.xml").read_text("utf-8")
    corpus.replace_line(corpus.posts[8], "title", "Story time moves to Fridays")
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast", session.passes
    new = "posts/2024/story-time-moves-to-fridays.html"
    assert new in result.rendered
    assert not old.exists()
    assert "Story time moves to Fridays" in (site.output / new).read_text("utf-8")
    listing = (site.output / "index.html").read_text("utf-8")
    assert "story-time-moves-to-fridays.html" in listing and "post-8.html" not in listing
    sitemap = (site.output / "sitemap.xml").read_text("utf-8")
    assert "story-time-moves-to-fridays.html" in sitemap and "post-8.html" not in sitemap
    assert_served_equals_cold(session, site, corpus.theme, aside, ["title of post 8"])


def test_a_title_edit_onto_another_posts_address_takes_the_full_build(tmp_path: Path):
    """The new slug is another post's (its page, and Pelican would link them as translations):
    the full build decides what is served, as a cold build would."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    corpus.replace_line(corpus.posts[8], "title", "Post 5")
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["full"]
    assert_served_equals_cold(session, corpus.site, corpus.theme, aside, ["post 8 as Post 5"])


def test_a_title_edit_of_a_post_another_links_to_by_its_file_takes_the_full_build(
        tmp_path: Path):
    """Post 9's body links to post 8 by its file: the link shows post 8's address, and no
    recording says post 9's page read it, so moving post 8 needs the full build."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    linking = corpus.posts[9]
    linking.write_text(linking.read_text("utf-8")
                       + "\nSee [the events]({filename}/posts/events/post-08.md).\n", "utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    corpus.replace_line(corpus.posts[8], "title", "Story time moves to Fridays")
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["full"]
    assert "posts/2024/post-9.html" in served_with(corpus.site,
                                                   "story-time-moves-to-fridays.html")
    assert_served_equals_cold(session, corpus.site, corpus.theme, aside, ["post 8 linked"])


def test_a_fast_save_does_not_wait_for_the_last_builds_index(tmp_path: Path):
    """The last build's search index (and the removal of the output it replaced) runs in the
    background; a save's fast path writes into the served folder meanwhile, and the next index
    follows that one."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    index_may_finish, order = threading.Event(), []

    def last_index():
        index_may_finish.wait(timeout=120)
        order.append("last build's index")

    session.indexing = threading.Thread(target=last_index)
    session.indexing.start()
    session.index_arguments = [("pagefind", [], "en")]
    post = corpus.posts[6]
    post.write_text(post.read_text("utf-8") + "\nNew opening hours.\n", "utf-8")
    saving = threading.Thread(target=session.rebuild,
                              args=(lambda arguments, stop: order.append("this save's index"),))
    saving.start()
    saving.join(timeout=60)
    try:
        assert not saving.is_alive(), "the save waited for the last build's index"
        assert [kind for kind, _result in session.passes] == ["fast"]
        assert served_with(corpus.site, "New opening hours.")
    finally:
        index_may_finish.set()
        saving.join()
    session.wait_for_index()
    assert order == ["last build's index", "this save's index"]


def test_a_save_while_the_last_save_is_indexed_stops_that_index_and_the_last_index_is_right(
        tmp_path: Path):
    """Pagefind indexing one save (seconds on both cores at 5,000 posts) is stopped when the
    next save comes: that save's text is served without waiting for it, and the index made
    after the last save holds the pages as they are then."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    served, search = corpus.site.output, ("pagefind", [], "en")
    assert not run_index(served, *search).problems  # the index the last build left served
    session.index_arguments = [search]
    runs, first_started = [], threading.Event()

    def index(arguments, stop=None):
        def first_held_until_stopped(site, bundle, *rest, **options):
            if not runs:  # Pagefind still at the first save's pages when the second comes
                first_started.set()
                stopped = stop is not None and stop.wait(timeout=60)
                runs.append("stopped" if stopped else "ran to its end")
                if stopped:
                    return IndexResult(0, stopped=True)
            else:
                runs.append("ran to its end")
            return run_index(site, bundle, *rest, **options)

        assert refresh_index(served, arguments, first_held_until_stopped, stop) == ()

    first, second = corpus.posts[6], corpus.posts[7]
    first.write_text(first.read_text("utf-8") + "\nNew opening hours.\n", "utf-8")
    session.rebuild(index)
    assert first_started.wait(timeout=60)
    second.write_text(second.read_text("utf-8") + "\nThe reading club moved.\n", "utf-8")
    session.rebuild(index)
    assert [kind for kind, _result in session.passes] == ["fast"]
    assert served_with(corpus.site, "The reading club moved.")
    session.wait_for_index()
    assert runs == ["stopped", "ran to its end"]
    cold = tmp_path / "cold-index"
    shutil.copytree(served, cold, ignore=shutil.ignore_patterns("pagefind", ".pagefind*"))
    assert not run_index(cold, *search).problems
    assert (served / "pagefind/pagefind-entry.json").read_bytes() == \
        (cold / "pagefind/pagefind-entry.json").read_bytes()
    assert sorted(p.name for p in served.iterdir() if "pagefind" in p.name) == ["pagefind"]


def test_a_move_onto_any_output_or_under_a_file_is_refused():
    """moving_problems: the new page may take no place the kept build or a plugin filled."""
    served = {"posts/2024/taken.html": "file", "posts": "folder", "posts/2024": "folder",
              "feeds": "file"}

    def problems(new_page, new_slug="new", **facts):
        return moving_problems("posts/2024/old.html", new_page, new_slug,
                               {"posts/2024/old.html", "posts/2024/written.html"},
                               served.get, {"other"}, False, facts)

    assert problems("posts/2024/new.html") == []
    assert problems("posts/2024/written.html")      # a page of the kept build
    assert problems("posts/2024/taken.html")        # a file only in the served folder
    assert problems("feeds/new.html")               # one of its folders is a file
    assert problems("posts/2024/new.html", new_slug="other")  # another post's slug
    assert problems("posts/2024/old.html")          # not a move
    assert problems("posts/2024/new.html", draft=True) == ["draft"]


# --- full builds in a session: what the last one compiled and recorded is kept in memory ---

def test_new_files_deletes_and_a_template_edit_in_a_session_equal_a_cold_build(
        tmp_path: Path, monkeypatch):
    """A new post and a deleted post take a full build in the session (after a new episode,
    which takes the fast path: residentfiles); it compiles no template the last build
    compiled and reads no page index from disk (both kept in memory,
    shelfcast_sitekit.templatecode and pagecache.start), reads no post or page again but the
    new one (the kept build's are handed back: shelfcast_sitekit.handback), and serves what a
    cold build makes. An edited template is compiled again and shows, and every post is read
    again for it."""
    import jinja2
    from shelfcast_sitekit import pagecache

    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site, theme = corpus.site, corpus.theme
    compiled, loaded = [], []
    compile_template = jinja2.Environment.compile
    load_entries = pagecache.load_entries

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    def counting_load(settings):
        loaded.append(1)
        return load_entries(settings)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    monkeypatch.setattr(pagecache, "load_entries", counting_load)
    deleted = corpus.posts[6]
    corpus.new_episode()
    session.rebuild(index=lambda arguments: None)
    assert [kind for kind, _result in session.passes] == ["fast"]
    assert (compiled, loaded) == ([], [])
    assert served_with(site, "Episode 4")
    assert_served_equals_cold(session, site, theme, aside, ["new episode"])
    saves = {"new post": (lambda: corpus.write_post(60, "news", post_text(
                 60, "Post 60", "2024-12-24", "tag1, fresh")),
                 lambda: "posts/2024/post-60.html" in served_with(site, "This is post 60")),
             "deleted post": (lambda: corpus.posts.pop(6).unlink(),
                              lambda: not (site.output / "posts/2024/post-6.html").exists())}
    assert deleted.is_file() and (site.output / "posts/2024/post-6.html").is_file()
    new_post = str(site.content / "posts" / "news" / "post-60.md")
    entries = read_cache_entries(site)
    assert entries
    read_now = {"new post": [new_post], "deleted post": []}
    for name, (save, shown) in saves.items():
        compiled.clear()
        loaded.clear()
        save()
        session.rebuild(index=lambda arguments: None)
        assert [kind for kind, _result in session.passes] == ["full"], name
        assert (compiled, loaded) == ([], []), name
        resident = session.resident
        # Drafts are read again (their status follows the clock), and the new post.
        drafts = {str(path) for path in corpus.posts.values()
                  if "status: draft" in path.read_text("utf-8")}
        assert set(resident.read_paths) - drafts == set(read_now[name]), name
        assert set(corpus.posts.values()) and {str(path) for path in corpus.posts.values()} \
            - drafts - {new_post} <= set(resident.handed_back), name
        # A handed-back post's read cache entry is kept (a build removes those it did not
        # use): the next `make build` reads it from there.
        now = read_cache_entries(site)
        assert len(entries - now) == (name == "deleted post"), name  # only its own entry
        entries = now
        assert shown(), name
        assert_served_equals_cold(session, site, theme, aside, [name])
    compiled.clear()
    corpus.template()
    session.rebuild(index=lambda arguments: None)
    assert "article.html" in compiled
    assert session.resident.handed_back == []
    assert len(session.resident.read_paths) >= len(corpus.posts)
    assert served_with(site, "<!-- template edit")
    assert_served_equals_cold(session, site, theme, aside, ["template"])


def read_cache_entries(site) -> set:
    return readpacks.keys(site.root)


def test_a_handed_back_post_links_to_where_the_post_it_names_moved(tmp_path: Path):
    """A post handed back to the next build (its file unchanged) shows its links as that
    build's context gives them: the post its body names ({filename}) moved in the same pass
    as a new file was added, and its page links to the new address, as a cold build's does
    (Pelican's memo of its HTML, made against the last build's context, is forgotten)."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site, theme = corpus.site, corpus.theme
    corpus.write_post(62, "news", post_text(62, "Post 62", "2024-12-20", "tag1"))
    corpus.write_post(61, "news", post_text(61, "Post 61", "2024-12-21", "tag1",
                                            body="[Read on]({filename}post-62.md)\n"))
    linking = str(site.content / "posts/news/post-61.md")
    assert_served_equals_cold(session, site, theme, aside, ["two posts added"])
    assert served_with(site, 'post-62.html">Read on') == ["posts/2024/post-61.html"]
    corpus.replace_line(corpus.posts[62], "title", "Post 62 moved")
    corpus.write_post(63, "news", post_text(63, "Post 63", "2024-12-22", "tag2"))
    assert_served_equals_cold(session, site, theme, aside, ["moved and added in one pass"])
    assert linking in session.resident.handed_back
    assert served_with(site, 'post-62-moved.html">Read on') == ["posts/2024/post-61.html"]


def test_a_new_or_deleted_post_renders_only_pages_that_list_posts(tmp_path: Path):
    """Every page's menu lists the sections; Pelican's `categories` pairs each with its posts,
    so a menu reading it made every page depend on every post: a new or deleted post rendered
    every page again (8,706 of 8,706 at 5,000 posts). The menu reads the sections alone
    (shelfcast_theme's menu_sections): the 404 page, the episodes and the posts that list no
    other post are taken from the last build, and the site equals a cold build."""
    from shelfcast_sitekit.pagecache import STATE_KEY

    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site, theme = corpus.site, corpus.theme
    for name, save in (("new post", lambda: corpus.write_post(60, "news", post_text(
                           60, "Post 60", "2024-12-24", "tag1, fresh"))),
                       ("deleted post", lambda: corpus.posts.pop(60).unlink())):
        save()
        assert_served_equals_cold(session, site, theme, aside, [name])
        cache = session.resident.kept.settings[STATE_KEY]
        rendered, written = set(cache.rendered), set(cache.written)
        episodes = {page for page in written if page.startswith("podcasts/")
                    and page.endswith(".html") and "episode" in page}
        assert episodes and not episodes & rendered, name
        assert "404.html" in written and "404.html" not in rendered, name
        assert len(rendered) < len(written) / 2, (name, len(rendered), len(written))


def test_a_new_and_a_deleted_episode_take_the_fast_path_and_equal_a_cold_build(tmp_path: Path):
    """A new episode (its audio file and its Markdown file, saved in one pass, as the bench's
    `add_episode` does) and then a deleted one (both files) are not a full build: the podcast
    plugin declares the change (shelfcast_podcast.resident) and only the pages whose
    recordings read what changed are rendered (its page, the show's page, the home page's
    newest episode), the feed and sitemap written again; the deleted episode's page, audio
    copy and feed item are gone. After each, the served folder equals a cold build byte for
    byte, the feed included."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    pages = len(list(site.output.rglob("*.html")))
    feed = next(p for p in site.output.rglob("*.xml") if "speed-1<" in p.read_text("utf-8")
                and p.name != "sitemap.xml")
    corpus.new_episode()  # episode 4, the newest date of the show
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast"
    page = "podcasts/book-talk/episode-4.html"
    assert page in result.rendered and len(result.rendered) <= 5 < pages, result.rendered
    assert page in served_with(site, "Notes for episode 4.")
    assert "speed-4<" in feed.read_text("utf-8")
    assert "podcasts/book-talk/audio/ep4.mp3" in result.written
    assert_served_equals_cold(session, site, corpus.theme, aside, ["new episode"])

    show = site.content / "podcasts/book-talk"
    (show / "ep2.md").unlink()
    (show / "audio/ep2.mp3").unlink()
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast"
    assert len(result.rendered) <= 5, result.rendered
    assert not (site.output / "podcasts/book-talk/episode-2.html").exists()
    assert not (site.output / "podcasts/book-talk/audio/ep2.mp3").exists()
    assert "speed-2<" not in feed.read_text("utf-8")
    assert_served_equals_cold(session, site, corpus.theme, aside, ["deleted episode"])

    corpus.new_episode()  # another, after a fast pass: the kept build is still right
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["fast"]
    assert_served_equals_cold(session, site, corpus.theme, aside, ["second new episode"])


def test_a_new_episode_after_a_fresh_checkout_copies_only_its_own_audio(tmp_path: Path):
    """After a checkout (every file the same bytes at a new time) a build links the last
    build's audio copies, which keep their older times. The fast path compared times alone,
    so the first new episode in the preview copied every episode's audio again (507 files,
    3.6 s at the bench's 500 episodes); it asks reuse.same_bytes, as a build does."""
    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    later = time.time() + 120
    for path in site.content.rglob("*"):
        os.utime(path, (later, later))
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["full"]
    old_audio = {p.relative_to(site.output).as_posix(): p.stat().st_mtime_ns
                 for p in site.output.rglob("*.mp3")}
    assert len(old_audio) >= 3
    corpus.new_episode()
    session.rebuild(index=lambda arguments, stop: None)
    [(kind, result)] = session.passes
    assert kind == "fast"
    copied = sorted(name for name in result.written if name.endswith(".mp3"))
    assert copied == ["podcasts/book-talk/audio/ep4.mp3"], copied
    assert all((site.output / name).stat().st_mtime_ns == stamp
               for name, stamp in old_audio.items())
    assert_served_equals_cold(session, site, corpus.theme, aside, ["new episode"])


def test_an_audio_file_saved_before_its_episode_takes_the_full_build_then_the_episode_is_fast(
        tmp_path: Path):
    """The audio file alone (the episode's Markdown file comes in the next pass): a full
    build that still hands every unchanged post back (the kept build was not touched), then
    the episode's file takes the fast path; the site equals a cold build after each."""
    from test_warm_equals_cold import episode_text, mp3

    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    show = site.content / "podcasts/book-talk"
    (show / "audio/ep9.mp3").write_bytes(mp3(90))
    assert_served_equals_cold(session, site, corpus.theme, aside, ["audio alone"])
    assert [kind for kind, _result in session.passes] == ["full"]
    assert session.resident.handed_back
    (show / "ep9.md").write_text(episode_text(9, "ep9.mp3"), encoding="utf-8")
    assert_served_equals_cold(session, site, corpus.theme, aside, ["its episode"])
    assert [kind for kind, _result in session.passes] == ["fast"]
    assert (site.output / "podcasts/book-talk/audio/ep9.mp3").is_file()


GPS_IFD = 0x8825  # EXIF's GPS position


def test_a_new_episode_serves_its_picture_without_personal_metadata_as_a_build_does(
        tmp_path: Path):
    """An episode's `image:` is copied into the served folder by the fast path; it was copied
    as saved (with the GPS position a phone writes) where a build removes it, and over the
    copy the build had published."""
    from PIL import Image
    from test_warm_equals_cold import episode_text, mp3

    def gps(path: Path) -> dict:
        with Image.open(path) as image:
            return dict(image.getexif().get_ifd(GPS_IFD))

    corpus, aside, session = preview_of_new_corpus(tmp_path)
    site = corpus.site
    picture = site.content / "images/reading-room.jpg"
    picture.parent.mkdir(exist_ok=True)
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 12.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    Image.new("RGB", (1400, 1400), (180, 90, 40)).save(picture, exif=exif)
    assert_served_equals_cold(session, site, corpus.theme, aside, ["the picture"])
    show = site.content / "podcasts/book-talk"
    (show / "audio/ep9.mp3").write_bytes(mp3(90))
    (show / "ep9.md").write_text(episode_text(9, "ep9.mp3").replace(
        "episode: 9\n", "episode: 9\nimage: images/reading-room.jpg\n"
        "image_alt: The reading room\n"), encoding="utf-8")
    session.rebuild(index=lambda arguments, stop: None)
    assert [kind for kind, _result in session.passes] == ["fast"], site.messages
    assert gps(picture) and not gps(site.output / "images/reading-room.jpg")
    assert_served_equals_cold(session, site, corpus.theme, aside, ["the episode"])
