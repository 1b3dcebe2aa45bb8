"""Nothing a librarian wrote is lost or mangled: `Word: text` lines, empty optional fields."""

from __future__ import annotations

import io
from pathlib import Path

import feedparser
import pytest
from lxml import html
from PIL import Image
from shelfcast_sitekit.reader import markdown_options
from sitetools import TEST_SHOW_YAML

AUDIO = Path(__file__).resolve().parents[1] / "podcast" / "fixtures" / "cbr.mp3"
SHOW_YAML = TEST_SHOW_YAML


def cover_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), (20, 60, 110)).save(buffer, "PNG")
    return buffer.getvalue()


def add_show(site, episode_text: str | None) -> None:
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    site.write("podcasts/talk/cover.png", cover_png())
    site.write("podcasts/talk/audio/first.mp3", AUDIO.read_bytes())
    if episode_text:
        site.write("podcasts/talk/first.md", episode_text)


def every_output_text(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(output.rglob("*")) if p.is_file()
            and p.suffix in (".html", ".xml", ".json", ".opml", ".webmanifest", ".txt", ".csv")}


@pytest.fixture
def colon_site(site):
    site.write("posts/news/closed.md", """
        ---
        title: Closed on Monday
        date: 2026-01-05
        summary: "Update: new hours from February"
        ---
        Note: closed Monday

        We reopen on Tuesday at ten.
    """)
    add_show(site, """
        ---
        title: First episode
        date: 2026-01-05 10:00
        audio: audio/first.mp3
        guid: test-guid-1
        ---
        Guest: Karen Holm, children's librarian

        We talk about picture books.
    """)
    assert site.build() == 0, site.messages
    return site


def test_a_first_line_like_word_colon_text_stays_on_the_page(colon_site):
    page = html.fromstring(colon_site.read("posts/2026/closed-on-monday.html"))
    body = page.xpath("string(//article)")
    assert "Note: closed Monday" in body
    assert "We reopen on Tuesday" in body


def test_word_colon_lines_stay_in_the_blog_feeds(colon_site):
    for name in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        entry = feedparser.parse(str(colon_site.output / name)).entries[0]
        text = entry.get("content", [{}])[0].get("value", "") + entry.get("summary", "")
        assert "Note: closed Monday" in text, name


def test_a_summary_like_word_colon_text_is_kept(colon_site):
    page = html.fromstring(colon_site.read("index.html"))
    assert "Update: new hours from February" in page.xpath("string(//main)")
    post = html.fromstring(colon_site.read("posts/2026/closed-on-monday.html"))
    description = post.xpath("//meta[@name='description']/@content")[0]
    assert "Update: new hours from February" in description


def test_show_notes_first_line_stays_in_episode_page_and_podcast_feed(colon_site):
    page = html.fromstring(colon_site.read("podcasts/talk/first-episode.html"))
    assert "Guest: Karen Holm" in page.xpath("string(//main)")
    feed = feedparser.parse(str(colon_site.output / "podcasts/talk/feed.xml"))
    assert "Guest: Karen Holm" in feed.entries[0].content[0].value


def test_a_library_markdown_setting_with_meta_does_not_bring_it_back(site):
    markdown = {"extension_configs": {"markdown.extensions.extra": {},
                                      "markdown.extensions.meta": {}},
                "extensions": ["meta"], "output_format": "html5"}
    site.write("posts/news/closed.md", """
        ---
        title: Closed on Monday
        date: 2026-01-05
        ---
        Note: closed Monday
    """)
    assert site.build(MARKDOWN=markdown) == 0, site.messages
    page = html.fromstring(site.read("posts/2026/closed-on-monday.html"))
    assert "Note: closed Monday" in page.xpath("string(//article)")


def test_markdown_options_keep_every_other_extension():
    options = markdown_options({"extensions": ["markdown.extensions.meta", "toc"],
                                "extension_configs": {"markdown.extensions.meta": {},
                                                      "markdown.extensions.extra": {}},
                                "output_format": "html5"})
    assert options["extensions"] == ["toc"]
    assert list(options["extension_configs"]) == ["markdown.extensions.extra"]
    assert options["output_format"] == "html5"


EMPTY_POST = """
    ---
    title: Every optional field empty
    date: 2026-01-05
    modified:
    author:
    tags:
    summary:
    lang:
    slug:
    status:
    image:
    image_alt:
    template:
    video:
    aliases:
    ---
    The text.
"""
EMPTY_PAGE = """
    ---
    title: About us
    date:
    summary:
    lang:
    image:
    image_alt:
    ---
    We are a library.
"""
EMPTY_EPISODE = """
    ---
    title: First episode
    date: 2026-01-05 10:00
    audio: audio/first.mp3
    guid: test-guid-1
    summary:
    image:
    episode:
    season:
    explicit:
    transcript:
    chapters:
    persons:
    lang:
    ---
    Show notes.
"""


def test_empty_optional_fields_never_show_as_none(site):
    site.write("posts/news/empty.md", EMPTY_POST)
    site.write("pages/about.md", EMPTY_PAGE)
    add_show(site, EMPTY_EPISODE)
    assert site.build() == 0, site.messages
    texts = every_output_text(site.output)
    assert "posts/2026/every-optional-field-empty.html" in texts
    assert "podcasts/talk/first-episode.html" in texts
    for path, text in texts.items():
        for mangled in (">None<", 'content="None"', "<description>None", "None</"):
            assert mangled not in text, f"{path} contains {mangled}"


def test_posts_and_episodes_as_the_scaffolds_write_them_show_no_none(site):
    """`invoke new-post` and `invoke new-episode` leave `summary:` empty for the librarian."""
    from datetime import datetime

    from shelfcast_podcast.audio import probe
    from shelfcast_podcast.scaffold import new_episode
    from shelfcast_sitekit.scaffold import new_post

    when = datetime(2026, 1, 5, 10, 0)
    name, text = new_post("Opening hours", when, "Karen Holm")
    site.write(f"posts/news/{name}", text.replace("status: draft\n", ""))
    add_show(site, None)
    name, text = new_episode(probe(str(AUDIO)), "audio/first.mp3", when, guid="g-1")
    site.write(f"podcasts/talk/{name}", text.replace("status: draft\n", ""))
    assert site.build() == 0, site.messages
    texts = every_output_text(site.output)
    assert "posts/2026/opening-hours.html" in texts
    assert any(path.startswith("podcasts/talk/") and path.endswith(".html") and
               path != "podcasts/talk/index.html" for path in texts)
    for path, text in texts.items():
        assert ">None<" not in text and 'content="None"' not in text, path
