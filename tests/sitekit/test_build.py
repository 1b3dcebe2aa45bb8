"""End to end: a tiny site built with the real settings, theme and build wrapper."""

import subprocess
import sys

import feedparser
import pytest
from lxml import etree, html
from sitetools import (
    copy_project,  # noqa: E402
    tree_digest,  # noqa: F401 (used by this module and its importers)
)

GOOD_POST = """
    ---
    title: Opening hours
    date: 2026-01-05
    author: Karen Holm
    tags: [hours]
    ---
    We open at eight.
"""



@pytest.fixture
def good_site(site):
    site.write("posts/news/hours.md", GOOD_POST)
    site.write("pages/about.md", "---\ntitle: About us\n---\nWe are a library.\n")
    assert site.build() == 0, site.messages
    return site


BAD_INPUTS = {
    "unclosed front matter": ("---\ntitle: x\ndate: 2026-01-01\nBody\n", 1, "not closed"),
    "invalid yaml": ('---\ntitle: "Opening\ndate: 2026-01-01\n---\n', None, "not valid YAML"),
    "tab in yaml": ("---\ntitle: x\ndate: 2026-01-01\ntags:\n\t- a\n---\n", 5, "tab"),
    "missing title": ("---\ndate: 2026-01-01\n---\nText\n", None, "title: missing"),
    "impossible date": ("---\ntitle: x\ndate: 31/02/2026\n---\n", 3,
                        "date: '31/02/2026' is not a date (write YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
    "unknown status": ("---\ntitle: x\ndate: 2026-01-01\nstatus: pubished\n---\n", 4,
                       "status: 'pubished' is not a status"),
    "bad slug": ("---\ntitle: x\ndate: 2026-01-01\nslug: Summer Reading\n---\n", 4,
                 "slug: 'Summer Reading' is not a slug; use lower-case letters, digits and "
                 "hyphens only, e.g. summer-reading-2026"),
    "bad template": ("---\ntitle: x\ndate: 2026-01-01\ntemplate: ../base.html\n---\n", 4,
                     "template: '../base.html' is not a template name"),
    "not utf-8": ("---\ntitle: Smørrebrød\ndate: 2026-01-01\n---\n".encode("latin-1"), 2,
                  "not UTF-8"),
    "empty file": ("", None, "the file is empty"),
    "missing image": ("---\ntitle: x\ndate: 2026-01-01\n---\n\n![Reading room](images/nope.jpg)\n",
                      6, "image: 'images/nope.jpg' does not exist"),
    "missing front matter image": ("---\ntitle: x\ndate: 2026-01-01\nimage: images/gone.png\n---\n",
                                   4, "image: 'images/gone.png' does not exist"),
    "link to missing post": ("---\ntitle: x\ndate: 2026-01-01\n---\nSee [this](../books/nope.md)\n",
                             5, "link: '../books/nope.md' does not exist"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_fails_with_one_clear_line_and_keeps_output(good_site, name):
    text, line, expected = BAD_INPUTS[name]
    before = tree_digest(good_site.output)
    good_site.write("posts/news/broken.md", text)
    assert good_site.build() == 1
    lines = [m for m in good_site.messages.splitlines() if m.startswith("content/")]
    assert len(lines) == 1, good_site.messages
    where = "content/posts/news/broken.md" + (f":{line}:" if line else ":")
    assert lines[0].startswith(where), lines[0]
    assert expected in lines[0]
    assert "Traceback" not in good_site.messages
    assert tree_digest(good_site.output) == before


def test_all_problems_of_a_build_are_listed_together(good_site):
    good_site.write("posts/news/a.md", "---\ndate: 2026-01-01\n---\n")
    good_site.write("posts/books/b.md", "---\ntitle: b\ndate: tomorrow\n---\n")
    assert good_site.build() == 1
    reported = [m.split(":")[0] for m in good_site.messages.splitlines() if m.startswith("content")]
    assert reported == ["content/posts/books/b.md", "content/posts/news/a.md"]
    assert "2 error(s)" in good_site.messages


def test_two_posts_with_the_same_url_name_each_other(good_site):
    good_site.write("posts/news/copy.md", GOOD_POST)
    before = tree_digest(good_site.output)
    assert good_site.build() == 1
    messages = good_site.messages
    assert "content/posts/news/copy.md: slug: has the same URL" in messages
    assert "content/posts/news/hours.md: slug: has the same URL" in messages
    assert tree_digest(good_site.output) == before


def test_post_outside_a_section_folder(site):
    site.write("posts/loose.md", GOOD_POST)
    assert site.build() == 1
    assert "content/posts/loose.md: a post must be in a section folder" in site.messages


def test_section_comes_from_the_folder(good_site):
    page = html.fromstring(good_site.read("section/news/index.html"))
    assert page.xpath("//main//a[contains(@href, 'opening-hours')]")


def test_drafts_and_future_posts_are_not_published(site):
    site.write("posts/news/hours.md", GOOD_POST)
    site.write("posts/news/draft.md", "---\ntitle: Secret draft\ndate: 2026-01-01\n"
               "status: draft\n---\nNot yet.\n")
    site.write("posts/news/future.md",
               "---\ntitle: From the future\ndate: 2999-01-01\n---\nLater.\n")
    # The published build (publishconf.py); the preview's drafts are in test_preview.py.
    assert site.build(PREVIEW=False) == 0, site.messages
    everything = "".join(p.read_text(errors="replace") for p in site.output.rglob("*")
                         if p.is_file())
    assert "Opening hours" in everything
    assert "Secret draft" not in everything and "secret-draft" not in everything
    assert "From the future" not in everything and "from-the-future" not in everything


def test_sitemap_lists_every_published_page(good_site):
    sitemap = etree.parse(str(good_site.output / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = set(sitemap.xpath("//s:loc/text()", namespaces=ns))
    site_url = "http://127.0.0.1:8000/"
    pages = {p.relative_to(good_site.output).as_posix() for p in good_site.output.rglob("*.html")}
    expected = {site_url + p.removesuffix("index.html") for p in pages if p != "404.html"}
    assert urls == expected
    for kind in ("author/karen-holm/", "section/news/", "tag/hours/", "archive/2026/"):
        assert site_url + kind in urls


def test_atom_and_rss_feeds_are_valid_with_absolute_urls(good_site):
    for feed_path in ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/section-news.atom.xml"):
        feed = feedparser.parse(str(good_site.output / feed_path))
        assert not feed.bozo, (feed_path, feed.bozo_exception)
        assert [e.title for e in feed.entries] == ["Opening hours"]
        assert feed.entries[0].link.startswith("http://127.0.0.1:8000/")


def test_every_page_has_lang_title_description_canonical_and_open_graph(good_site):
    for path in good_site.output.rglob("*.html"):
        page = html.fromstring(path.read_bytes())
        assert page.get("lang"), path
        assert page.findtext(".//title").strip(), path
        assert page.xpath("//meta[@name='description']/@content")[0].strip(), path
        assert page.xpath("//link[@rel='canonical']/@href")[0].startswith("http"), path
        assert page.xpath("//meta[@property='og:title']"), path


def test_two_builds_are_byte_identical(good_site):
    first = tree_digest(good_site.output)
    assert good_site.build() == 0
    assert tree_digest(good_site.output) == first


def test_invoke_build_exits_non_zero_without_traceback(tmp_path):
    """The librarian's command itself: exit status and stderr as a terminal shows them."""
    work = copy_project(tmp_path / "repo")
    (work / "content" / "posts" / "news" / "broken.md").write_text(
        "---\ntitle: x\ndate: 2026-13-01\n---\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=work,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "content/posts/news/broken.md:3: date: '2026-13-01' is not a date" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (work / "output").exists()


# `make build` builds in a forked child that ends without freeing the build's objects
# (build_in_child): run apart, as the suite's process has threads and would build in place.
IN_CHILD = """
import json, sys
from shelfcast_sitekit.build import build_in_child
settings_file, output, settings = json.loads(sys.argv[1])
sys.exit(build_in_child(settings_file, output, settings, stream=sys.stdout))
"""


def test_a_build_in_a_child_process_publishes_and_reports_as_one_in_place(good_site):
    first = GOOD_POST.replace("Opening hours", "Closed on Monday")
    good_site.write("posts/news/monday.md", first)
    assert good_site.build() == 0
    in_place, messages = tree_digest(good_site.output), good_site.messages
    good_site.write("posts/news/monday.md", first.replace("eight", "nine"))
    assert good_site.build() == 0 and tree_digest(good_site.output) != in_place
    good_site.write("posts/news/monday.md", first)
    done = good_site.build_apart(IN_CHILD)
    assert done.returncode == 0, done.stdout + done.stderr
    assert tree_digest(good_site.output) == in_place
    assert done.stdout == messages


def test_a_build_in_a_child_process_that_breaks_exits_1_with_the_traceback(good_site):
    before = tree_digest(good_site.output)
    broken = IN_CHILD.replace("from shelfcast_sitekit.build import build_in_child", (
        "from shelfcast_sitekit import build as kit_build\n"
        "from shelfcast_sitekit.build import build_in_child\n"
        "def broken(*args, **kwargs):\n    raise RuntimeError('a plugin broke')\n"
        "kit_build.build = broken"))
    done = good_site.build_apart(broken)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "RuntimeError: a plugin broke" in done.stderr
    assert tree_digest(good_site.output) == before


def test_broken_settings_file_is_named_without_traceback(good_site):
    before = tree_digest(good_site.output)
    conf = good_site.root / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nSITENAME = 'unclosed\n")
    assert good_site.build() == 1
    assert good_site.messages.startswith("pelicanconf.py:")
    assert "undo or fix the last change" in good_site.messages
    assert tree_digest(good_site.output) == before


@pytest.mark.parametrize("overrides, field", [
    ({"SECTION_TITLES": ["news"]}, "SECTION_TITLES"),
    ({"SITEURL": "library.example.org"}, "SITEURL"),
])
def test_wrong_settings_are_named(good_site, overrides, field):
    before = tree_digest(good_site.output)
    assert good_site.build(**overrides) == 1
    assert f"pelicanconf.py: {field}:" in good_site.messages
    assert tree_digest(good_site.output) == before


def test_theme_without_its_plugins_is_named(good_site):
    assert good_site.build(PLUGINS=["shelfcast_sitekit"]) == 1
    assert "pelicanconf.py: PLUGINS: the shelfcast theme needs the plugins shelfcast_i18n, " \
        "shelfcast_theme" in good_site.messages
    assert "Traceback" not in good_site.messages


def test_a_broken_link_fails_every_build_of_one_process(site):
    """`make serve` builds again and again in one process: Pelican's log filter let each
    message through once per process, so the second build with the same broken link passed
    and the preview showed the site without a word about it."""
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n"
                                  "See [the other post]({filename}b.md).\n")
    for _build in range(2):
        assert site.build(SEARCH={"index": False}) == 1
        assert "content/posts/news/a.md:5: link: '{filename}b.md' is no post, page or file of " \
               "the site" in site.messages, site.messages


def test_each_broken_link_is_named_with_its_post_and_line(site):
    for number in range(3):
        site.write(f"posts/news/p{number}.md", f"---\ntitle: P{number}\ndate: 2024-01-01\n---\n"
                   f"Fine text.\n\nSee [x]({{filename}}missing-{number}.md).\n")
    assert site.build(SEARCH={"index": False}) == 1
    for number in range(3):
        assert f"content/posts/news/p{number}.md:7: link: '{{filename}}missing-{number}.md' " \
               "is no post" in site.messages, site.messages
    assert "(pelican)" not in site.messages


def test_a_filename_link_to_a_picture_builds_with_pelicans_warning(site):
    """Pelican resolves `{filename}` to a static file and only warns (use `{static}`): not
    a broken link."""
    import shutil

    from sitetools import KIT_SITE

    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n"
                                  "![A card]({filename}/images/card.png)\n")
    shutil.copy(KIT_SITE / "content/images/site-card.png", site.content / "images/card.png")
    assert site.build(SEARCH={"index": False}) == 0, site.messages
    assert "is no post" not in site.messages
