"""A cold build renders its pages in two processes (shelfcast_sitekit.renderpool): the output
and the report are byte for byte the one-process build's, and the page cache it saves lets
the next build take every page."""

from __future__ import annotations

import fcntl
import io
import json
import os
import random
import shutil
from pathlib import Path

import pytest
from shelfcast_sitekit import renderpool
from shelfcast_sitekit.pagecache import PageCache, last_build_counts, on_replay
from shelfcast_sitekit.problems import WARNING, ContentProblem, problem_log
from sitetools import ROOT, Site
from test_warm_equals_cold import PICTURE, Corpus, differences, post_text

# A template helper of the library's (in its settings) that warns about some posts while
# their pages render: posts 1, 4, 5, 8 and 9 (pages of both processes).
WARNING_HELPER = """
from jinja2 import pass_context as _pass_context
from shelfcast_sitekit.problems import SETTINGS_KEY as _PROBLEMS, WARNING as _WARNING
from shelfcast_sitekit.problems import ContentProblem as _Problem

@_pass_context
def odd_title(context, title):
    if title[-1:] in '14589':
        context[_PROBLEMS].add(_Problem('pelicanconf.py', None, 'odd_title',
                                        f'an odd title: {title}', _WARNING))
    return ''

JINJA_GLOBALS = {'odd_title': odd_title}
"""
TRANSLATION = ("---\ntitle: Indlæg 5\ndate: 2024-06-06\nlang: da\nslug: post-5\n"
               "tags: [tag1]\n---\nDette er indlæg 5 -- på dansk.\n")


@pytest.fixture(autouse=True)
def pool_for_small_sites(monkeypatch):
    """The fixture site is small; the pool's size rule is tested on its own below."""
    monkeypatch.setattr(renderpool, "MIN_CONTENTS", 0)


def fixture_site(root: Path, warning_helper: bool = False) -> Site:
    """Posts (two drafts, one in Danish), a translation, a page, a podcast with episodes."""
    root.mkdir()
    theme = shutil.copytree(ROOT / "themes/shelfcast", root / "theme")
    (root / "site").mkdir()
    corpus = Corpus(Site(root / "site"), theme, random.Random(13))
    corpus.write_initial()
    corpus.site.write("posts/books/post-05.da.md", TRANSLATION)
    # Posts with card pictures of their own: pages of both processes ask for pictures
    # (note_effect), which the build writes at the end.
    for number in range(20, 24):
        shutil.copy(PICTURE, corpus.site.content / f"images/card-{number}.png")
        corpus.write_post(number, "news", post_text(
            number, f"Pictured {number}", f"2024-03-{number}", "tag1",
            f"image: images/card-{number}.png\n"))
    if warning_helper:
        corpus.append_setting(WARNING_HELPER)
        article = theme / "templates/article.html"
        article.write_text(article.read_text("utf-8").replace(
            "{% block content %}", "{% block content %}{{ odd_title(article.title) }}", 1),
            encoding="utf-8")
    corpus.site.theme = theme
    return corpus.site


# A build in a process of its own: the pool forks only a process with no other thread, and
# the whole suite's process has some (playwright's, a preview test's), so in it the pool
# never started and these tests compared one process with one process.
APART = """
import json, sys
from shelfcast_sitekit import renderpool
from shelfcast_sitekit.build import build
renderpool.MIN_CONTENTS = 0  # as pool_for_small_sites: the fixture site is small
settings_file, output, settings = json.loads(sys.argv[1])
code = build(settings_file, output, settings, stream=sys.stdout)
sys.exit(code)
"""


def build(site: Site, workers: int) -> tuple[int, str]:
    overrides = dict(THEME=str(site.theme), BUILD_NOW="2026-06-01T12:00:00+02:00",
                     SEARCH={"index": False}, SITEKIT={"render_workers": workers})
    if workers == 1:
        return site.build(**overrides), site.messages
    done = site.build_apart(APART, **overrides)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    site.messages = done.stdout
    return done.returncode, done.stdout


def cache_of(site: Site) -> str:
    return str(site.root / ".cache")


def test_two_processes_build_byte_for_byte_what_one_process_builds(tmp_path: Path):
    one, two = fixture_site(tmp_path / "one"), fixture_site(tmp_path / "two")
    assert build(one, 1) == (0, one.messages), one.messages
    assert last_build_counts(cache_of(one))["made by render workers"] == 0
    code, messages = build(two, 2)
    assert code == 0, messages
    assert last_build_counts(cache_of(two))["made by render workers"] > 10
    assert differences(two.output, one.output) == []
    assert "Indlæg 5" in two.read("posts/2024/post-5-da.html")  # the translation
    assert 'hreflang="da"' in two.read("posts/2024/post-5.html")
    assert messages == one.messages


def test_a_warning_from_a_template_is_reported_once_alike(tmp_path: Path):
    one = fixture_site(tmp_path / "one", warning_helper=True)
    two = fixture_site(tmp_path / "two", warning_helper=True)
    code, messages = build(one, 1)
    assert code == 0, messages
    for title in ("Post 1", "Post 4", "Post 5", "Post 8", "Post 9"):
        assert messages.count(f"an odd title: {title}\n") == 1, messages
    assert build(two, 2) == (code, messages)
    assert last_build_counts(cache_of(two))["made by render workers"] > 10
    assert differences(two.output, one.output) == []


def test_the_page_cache_of_a_pooled_build_gives_the_next_build_every_page(tmp_path: Path):
    site = fixture_site(tmp_path / "site", warning_helper=True)
    code, messages = build(site, 2)
    assert code == 0, messages
    assert last_build_counts(cache_of(site))["made by render workers"] > 10
    assert build(site, 2) == (code, messages)  # the warning is given again
    counts = last_build_counts(cache_of(site))
    assert counts["rendered pages"] == [], counts["rendered pages"]
    assert counts["made by render workers"] > 10  # warm: the worker checked its share


def test_the_pool_starts_for_many_pages_and_checks_only_when_warm():
    assert renderpool.wanted(2, 1000)
    assert not renderpool.wanted(2, renderpool.MIN_CONTENTS - 1)
    assert not renderpool.wanted(1, 1000)          # SITEKIT["render_workers"] = 1 turns it off
    assert not renderpool.wanted(True, 1000)
    assert not renderpool.checks_only(1000, 0)     # cold: the workers render
    assert not renderpool.checks_only(1000, 400)   # most pages would be rendered
    assert renderpool.checks_only(1000, 900)       # warm: the workers check, the build renders


def test_a_warm_worker_goes_on_through_generators_that_hand_their_pages_alone():
    """Warm, the worker also checks the pages of each following generator that offers
    `write_pages` (the podcast's episode pages), up to the first that does not: past it the
    worker could not number pages as the build does. Cold it stops after Pelican's own."""
    from pelican.generators import ArticlesGenerator, PagesGenerator

    def step(writer) -> None:
        """A generator's output or pages, stood in for."""

    articles, pages = (kind.__new__(kind) for kind in (ArticlesGenerator, PagesGenerator))
    podcast, files_too, later = (type("Generator", (), {})() for _ in range(3))
    articles.generate_output, pages.generate_output = step, (lambda writer: None)
    podcast.write_pages, later.write_pages = (lambda writer: None), (lambda writer: None)
    files_too.generate_output = step
    generators = [articles, pages, podcast, files_too, later]
    warm = renderpool.worker_steps(generators, warm=True)
    assert warm == [articles.generate_output, pages.generate_output, podcast.write_pages]
    assert renderpool.worker_steps(generators, warm=False) == warm[:2]


def test_pages_alternate_between_the_processes():
    assert [renderpool.owner(index, 2) for index in range(13)] == [0] * 5 + [1] * 6 + [0] * 2
    assert [renderpool.owner(index, 3) for index in range(17)] == [0] * 5 + [1] * 6 + [2] * 6
    assert {renderpool.owner(index, 1) for index in range(20)} == {0}


def test_the_build_renders_fewer_pages_than_a_worker():
    """The build also writes every page's file: a worker takes the larger share, or it sat
    idle waiting for the build to take its pages."""
    owners = [renderpool.owner(index, 2) for index in range(1100)]
    assert owners.count(0) == 500 and owners.count(1) == 600


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="Linux sets a pipe's size")
def test_a_worker_sends_pages_well_ahead_of_the_build():
    """A worker's pipe holds a megabyte of pages (about 50 posts) before it must wait for
    the build to read: with a pipe's default 64 KiB the two went in lock step."""
    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < renderpool.PIPE_BYTES:
        pytest.skip("this system allows smaller pipes")
    read_end, write_end = renderpool.pipe()
    try:
        os.set_blocking(write_end, False)
        page = renderpool.page_message(0, "posts/a.html", "x" * 20_000, "rendered", None, [],
                                       [])
        sent = 0
        while sent < 40 * len(page):  # a write that would wait raises BlockingIOError
            sent += os.write(write_end, page)
        assert sent >= 40 * len(page)
    finally:
        os.close(read_end)
        os.close(write_end)


def test_warm_the_build_checks_posts_own_pages_and_the_worker_the_listings():
    pages = ["article.html", "article.html", "index.html", "tag.html", "page.html"]
    assert [renderpool.owner(index, 2, template, warm=True)
            for index, template in enumerate(pages)] == [0, 0, 1, 1, 0]
    assert [renderpool.owner(index, 3, "tag.html", warm=True) for index in range(4)] \
        == [1, 2, 1, 2]


def test_a_page_from_a_worker_replays_its_effects_and_problems_in_the_build():
    """What a worker's page changed (a card picture asked for) happens in the build, which
    writes the pictures: the worker's own state is thrown away."""
    asked = []
    settings = {}
    on_replay(settings, "card picture", asked.append)
    warning = ContentProblem("pelicanconf.py", None, "x", "an odd page", WARNING)
    first = renderpool.BUILD_PAGES  # the pages before it are the build's own
    stream = io.BytesIO(renderpool.page_message(
        first, "a.html", "<p>A</p>", "rendered", None, [("card picture", ("images/a.png",))],
        [warning]) + renderpool.end_message())
    pool = renderpool.Pool(2, streams={1: stream})
    cache = PageCache(settings, {}, pool=pool)
    for _own in range(first):
        assert pool.take(pool.next_index(), "own.html") is None
    taken = pool.take(pool.next_index(), "a.html")
    assert taken is not None and cache._take("a.html", taken)
    assert asked == ["images/a.png"]
    assert problem_log(settings).problems == [warning]
    assert cache.rendered == ["a.html"] and cache.by_workers == 1
    assert pool.take(first + 1, "c.html") is None and pool.streams == {}  # the worker's end
    assert json.loads(renderpool.end_message()[renderpool.LENGTH.size:]) == {"end": True}


# --- a warm build: the worker checks its share of the pages, the build renders the rest -----

def edit(site: Site, relative: str, old: str, new: str) -> None:
    path = site.content / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each edit one step, and whether the worker has pages to check: a body (one page), a title
# (the post, its listings, its neighbours' prev/next links), a date that moves a post past
# two others (the listings and the posts' neighbours), a post deleted and one added (the
# listings: the menu reads the sections alone, so the other posts' pages stay).
WARM_EDITS = [
    (("posts/news/post-00.md", "\n---\n", "\n---\nA sentence added on a warm build.\n"), True),
    (("posts/books/post-01.md", "title: Post 1", "title: A new first title"), True),
    (("posts/news/post-21.md", "date: 2024-03-21", "date: 2024-03-02"), True),
    ("delete", True),
    ("add", True),
    (("posts/books/post-04.md", "\n---\n", "\n---\nAnother sentence.\n"), True),
    # The worker checks the episode pages too (worker_steps): an episode's notes, its title.
    (("podcasts/book-talk/ep1.md", "Notes for episode 1.", "Notes, edited warm."), True),
    (("podcasts/book-talk/ep2.md", "title: ", "title: Retitled "), True),
]


def cold(site: Site, workers: int) -> tuple[int, str]:
    for name in ("output", ".cache"):
        shutil.rmtree(site.root / name, ignore_errors=True)
    return build(site, workers)


def test_a_warm_pooled_build_equals_a_cold_one_process_build_after_each_edit(tmp_path: Path):
    """The warm worker checks every other page against the last build's recordings and sends
    only its verdict; the build links those pages and renders what changed. After each edit
    the output is byte for byte a cold one-process build's, with the same report."""
    warm, reference = fixture_site(tmp_path / "warm"), fixture_site(tmp_path / "cold")
    assert build(warm, 2)[0] == 0, warm.messages
    for step, checked_by_worker in WARM_EDITS:
        for site in (warm, reference):
            if step == "delete":
                (site.content / "posts/news/post-06.md").unlink()
            elif step == "add":
                site.write("posts/books/post-30.md", post_text(
                    30, "Post thirty", "2024-04-30", "tag2"))
            else:
                edit(site, *step)
        code, messages = build(warm, 2)
        assert code == 0, (step, messages)
        counts = last_build_counts(cache_of(warm))
        assert (counts["made by render workers"] > 10) is checked_by_worker, (step, counts)
        assert cold(reference, 1) == (code, messages), step
        assert differences(warm.output, reference.output) == [], step


def test_a_verdict_is_not_taken_when_an_output_file_reads_otherwise_here(tmp_path: Path):
    """A page that read a file of the output folder (an episode's cover the build made): the
    worker found it as the last build recorded it, but the build, which writes the output as
    it goes, finds other bytes: it checks the page itself."""
    from shelfcast_sitekit.fingerprints import digest
    from shelfcast_sitekit.pagecache import Entry
    from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY

    output = tmp_path / "output"
    output.mkdir()
    (output / "cover.png").write_bytes(b"the cover as the build made it now")
    entry = Entry("article.html", b"s" * 16, (), (), (), (("output", "cover.png"),),
                  b"i" * 16, b"o" * 16, [], [])
    settings = {"OUTPUT_PATH": str(output), PREVIOUS_OUTPUT_KEY: str(tmp_path / "previous")}
    seen = digest(b"the cover as the last build made it").hex()
    stream = io.BytesIO(renderpool.verdict_message(1, "a.html", [["cover.png", seen]]))
    pool = renderpool.Pool(2, warm=True, streams={1: stream})
    cache = PageCache(settings, {"a.html": entry}, pool=pool)
    pool.next_index()
    taken = pool.take(pool.next_index(), "a.html", "index.html")  # a listing: the worker's
    assert taken is not None and taken.text is None and taken.outputs == [("cover.png", seen)]
    assert not cache._take("a.html", taken)
    assert cache.reused == 0 and cache.entries == {}

    now = digest(b"the cover as the build made it now").hex()
    taken.outputs = [("cover.png", now)]
    assert cache._take("a.html", taken)  # as the worker found it: taken, no text read
    assert cache.entries == {"a.html": entry} and cache.reused == 1
    assert cache.untexted == {str(output / "a.html")}
