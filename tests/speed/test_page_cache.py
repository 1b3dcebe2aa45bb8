"""A warm build renders again only the pages an edit shows on, and loses nothing doing so.

The page cache takes a page's file from the last build when nothing it read has changed
(plugins/shelfcast_sitekit/pagecache.py). These check what a librarian would notice if it took too
much (a stale page, a missing picture, a warning that went quiet) or too little (every page
rendered again for one comma).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
from PIL import Image
from shelfcast_sitekit import pagecache
from shelfcast_sitekit.problems import SETTINGS_KEY, WARNING, ContentProblem, problem_log
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY
from sitetools import KIT_SITE, ROOT, Site
from test_warm_equals_cold import SHOW, cold_build, differences, episode_text, mp3

BUILD_NOW = "2026-06-01T12:00:00+02:00"


def post(number: int, image: str | None = None, title: str | None = None) -> str:
    picture = f"image: {image}\n" if image else ""
    return (f"---\ntitle: {title or f'Post {number}'}\ndate: 2024-03-{1 + number:02d}\n"
            f"author: Karen Holm\ntags: [tag{number % 2}]\nsummary: Summary of post {number}.\n"
            f"{picture}---\nThe text of post {number}.\n")


def site_with_posts(root: Path, count: int = 6) -> Site:
    root.mkdir()
    site = Site(root)
    shutil.copy(KIT_SITE / "content/images/book-bus.png", site.content / "images/bus.png")
    for number in range(count):
        site.write(f"posts/news/post-{number}.md",
                   post(number, image="images/bus.png" if number < 2 else None))
    return site


def build(site: Site) -> None:
    code = site.build(BUILD_NOW=BUILD_NOW, SEARCH={"index": False})
    assert code == 0, site.messages


def counts(site: Site) -> dict:
    return pagecache.last_build_counts(str(site.root / ".cache"))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_body_edit_renders_only_the_page_that_shows_the_body(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    first = counts(site)
    append(site.content / "posts/news/post-4.md", "\nA sentence added later.\n")
    build(site)

    assert "A sentence added later." in site.read("posts/2024/post-4.html")
    assert counts(site)["rendered"] == 1, counts(site)
    assert counts(site)["reused"] == first["rendered"] - 1


def test_a_title_edit_reaches_every_listing_that_names_the_post(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    path = site.content / "posts/news/post-3.md"
    path.write_text(post(3).replace("title: Post 3", "title: Renamed post"), encoding="utf-8")
    build(site)

    assert 1 < counts(site)["rendered"] < counts(site)["reused"]
    aside = tmp_path / "aside"
    aside.mkdir()
    cold = cold_output_of_site(site, aside)
    assert differences(site.output, cold) == []
    # The listings the fixture's URL settings really write (tag/<slug>/, section/<slug>/...).
    for listing in ("index.html", "tag/tag1/index.html", "section/news/index.html",
                    "archive/2024/03/index.html", "posts/2024/renamed-post.html"):
        assert "Renamed post" in site.read(listing), listing


def cold_output_of_site(site: Site, aside: Path) -> Path:
    """The same site built from nothing, with the same settings as build() above."""
    code, messages, cold = cold_build(site, ROOT / "themes" / "shelfcast", aside)
    assert code == 0, messages
    return cold


def test_card_pictures_of_pages_not_rendered_again_are_still_published(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    before = {p.relative_to(site.output) for p in site.output.rglob("*") if p.is_file()}
    pictures = {p for p in before if p.suffix == ".webp"}
    assert pictures, "the fixture should make card pictures"
    append(site.content / "posts/news/post-5.md", "\nAnother sentence.\n")
    build(site)

    after = {p.relative_to(site.output) for p in site.output.rglob("*") if p.is_file()}
    assert pictures <= after, sorted(pictures - after)


def test_a_replaced_picture_of_another_size_reaches_the_pages_that_show_it(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    Image.new("RGB", (640, 200), "navy").save(site.content / "images/bus.png")
    build(site)

    aside = tmp_path / "aside"
    aside.mkdir()
    assert differences(site.output, cold_output_of_site(site, aside)) == []


def test_a_warning_from_a_template_is_given_again_when_the_page_is_not_rendered(tmp_path):
    """A page taken from the last build must not make its warnings go quiet."""
    def warn(context):
        problem_log(settings).add(ContentProblem("pelicanconf.py", None, "MENU",
                                                 "an odd menu", WARNING))
        return "menu"
    env = jinja2.Environment(autoescape=True)
    env.globals["menu"] = jinja2.pass_context(warn)
    template = env.from_string("<nav>{{ menu() }}</nav>{{ title }}")
    template.name = "page.html"
    previous = tmp_path / "previous"
    previous.mkdir()
    settings = {"PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / ".cache"),
                PREVIOUS_OUTPUT_KEY: str(previous), "BUILD_NOW": BUILD_NOW}
    pagecache.start(settings)
    text = settings[pagecache.STATE_KEY].render(template, {"output_file": "a.html",
                                                           "title": "A"})
    (previous / "a.html").write_text(text, encoding="utf-8")
    pagecache.finish(settings)

    settings = {k: v for k, v in settings.items()
                if k not in (SETTINGS_KEY, pagecache.STATE_KEY)}  # the next build's
    pagecache.start(settings)
    cache = settings[pagecache.STATE_KEY]
    again = cache.render(template, {"output_file": "a.html", "title": "A"})

    assert (again, cache.reused) == (text, 1)
    assert [p.message for p in problem_log(settings).warnings()] == ["an odd menu"]


def test_a_new_episode_renders_the_show_not_every_page_whose_menu_names_the_show(tmp_path):
    """Every page's menu names each podcast show; only a few pages list its episodes."""
    site = site_with_posts(tmp_path / "site")
    show = site.content / "podcasts/book-talk"
    (show / "audio").mkdir(parents=True)
    shutil.copy(SHOW / "show.yaml", show / "show.yaml")
    shutil.copy(SHOW / "cover.png", show / "cover.png")
    for number in (1, 2, 3):
        add_episode(show, number)
    build(site)
    add_episode(show, 4)
    build(site)

    rendered = counts(site)["rendered pages"]
    assert not [page for page in rendered if page.startswith("posts/")], rendered
    assert any(page.startswith("podcasts/book-talk/") for page in rendered), rendered
    aside = tmp_path / "aside"
    aside.mkdir()
    assert differences(site.output, cold_output_of_site(site, aside)) == []
    assert "Episode 4" in (site.output / "podcasts/book-talk/index.html").read_text("utf-8")


def add_episode(show: Path, number: int) -> None:
    (show / "audio" / f"ep{number}.mp3").write_bytes(mp3(40 + 10 * number))
    (show / f"ep{number}.md").write_text(episode_text(number, f"ep{number}.mp3"),
                                         encoding="utf-8")
