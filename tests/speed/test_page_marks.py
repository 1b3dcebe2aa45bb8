"""The search index is given the marked pages, and their digests, from what the build knew
as it wrote them.

Pagefind indexes only the pages with a `data-pagefind-body` tag; the build used to read every
page of the site again to find them (about 1 s at 5,000 posts, docs/speed.md). The page cache
now tells each page's mark from the bytes it has at hand: rendered, taken from the last build,
or checked by a warm render worker (which sends the mark with its verdict).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from shelfcast_search.indexer import marked_pages
from shelfcast_sitekit import renderpool
from test_render_pool import edit, fixture_site, last_build_counts

# The build in a process of its own (the pools fork only a process with no other thread),
# with the search plugin's start of the index wrapped: it writes, beside the output, what the
# build told it of each page and what each HTML file in the staging folder really holds.
APART = """
import json, os, sys
import shelfcast_search
from shelfcast_search import indexer
from shelfcast_sitekit import renderpool
from shelfcast_sitekit.build import build
from shelfcast_sitekit.fingerprints import digest
renderpool.MIN_CONTENTS = 0  # the fixture site is small
settings_file, output, settings = json.loads(sys.argv[1])
start = shelfcast_search.start_index


def reporting(site, *arguments, known=None, **options):
    pages = {}
    for folder, _folders, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, "rb") as page:
                    data = page.read()
                marked = indexer.has_body_mark(data)
                pages[os.path.relpath(path, site)] = [marked, len(data),
                                                      digest(data).hex() if marked else None]
    told = {path: [mark[0], mark[1], mark[2] and mark[2].hex()]
            for path, mark in (known or {}).items()}
    with open(os.path.join(os.path.dirname(output), "marks.json"), "w") as report:
        json.dump({"pages": pages, "told": told}, report)
    return start(site, *arguments, known=known, **options)


shelfcast_search.start_index = reporting
sys.exit(build(settings_file, output, settings, stream=sys.stdout))
"""


def build_and_report(site) -> dict:
    done = site.build_apart(APART, THEME=str(site.theme),
                            BUILD_NOW="2026-06-01T12:00:00+02:00",
                            SITEKIT={"render_workers": 2})
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return json.loads((site.root / "marks.json").read_text("utf-8"))


def test_the_build_tells_the_index_every_pages_mark_cold_and_warm(tmp_path: Path):
    site = fixture_site(tmp_path / "site")
    cold = build_and_report(site)
    assert cold["told"] == cold["pages"]
    assert any(marked for marked, _length, _digest in cold["pages"].values())
    assert not all(marked for marked, _length, _digest in cold["pages"].values())
    # Warm: the build takes most pages from the last build (the render worker checks its
    # share and sends only a verdict); the edited post's page is rendered again.
    edit(site, "posts/news/post-00.md", "\n---\n", "\n---\nA sentence added on a warm build.\n")
    warm = build_and_report(site)
    assert last_build_counts(str(site.root / ".cache"))["made by render workers"] > 10
    assert warm["told"] == warm["pages"]
    assert warm["pages"].keys() == cold["pages"].keys()


def write_page(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_changed_after_the_build_wrote_it_is_read_again(tmp_path: Path):
    """A library's own plugin may rewrite a page after it was written: told of it with
    another length, the index reads the file."""
    site = tmp_path / "output"
    marked = write_page(site / "a/index.html", "<article data-pagefind-body>A</article>")
    write_page(site / "b/index.html", "<nav>B</nav>")
    write_page(site / "c/index.html", "<article data-pagefind-body>C</article>")
    told = {"a/index.html": (True, marked.stat().st_size), "b/index.html": (False, 12),
            "c/index.html": (False, 3)}
    assert marked_pages(site, told) == ["a/index.html", "c/index.html"]


def test_a_page_the_build_told_of_is_not_opened_again(tmp_path: Path, monkeypatch):
    site = tmp_path / "output"
    page = write_page(site / "a/index.html", "<article data-pagefind-body>A</article>")
    other = write_page(site / "b/index.html", "<p>not told</p><main data-pagefind-body>")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: (
        opened.append(str(path)), real_open(path, *a, **k))[1])
    assert marked_pages(site, {"a/index.html": (True, page.stat().st_size)}) \
        == ["a/index.html", "b/index.html"]
    assert opened == [str(other)]


@pytest.mark.parametrize("mark", [None, [True, 120]])
def test_a_verdict_carries_the_workers_mark(mark):
    message = renderpool.verdict_message(3, "a.html", [], mark)
    taken = renderpool.taken_from(renderpool.read_message(io.BytesIO(message)), 3, "a.html")
    assert taken is not None and taken.mark == (tuple(mark) if mark else None)


def test_a_verdict_with_a_mark_of_the_wrong_shape_is_not_taken():
    message = renderpool.verdict_message(3, "a.html", [], ["yes", "120"])
    assert renderpool.taken_from(renderpool.read_message(io.BytesIO(message)), 3,
                                 "a.html") is None

