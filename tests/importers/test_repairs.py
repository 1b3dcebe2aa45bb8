"""Imports the build used to refuse now build at once: each repair is made in the files and
named in import-report.md; an import that still would not build lands nothing."""

from __future__ import annotations

import yaml
from lxml import html
from shelfcast_import.commands import ImportError_, import_feed, import_wordpress
from test_wordpress import page_title, redirect_target, write_export
from wxrsamples import comment, item, wxr

SITE = "http://127.0.0.1:8000/"
ZONE = "Europe/Copenhagen"
# A WordPress comment as long as the one that stopped a real import (5,684 characters).
LONG_COMMENT = ("A reader's long letter about the library's history. " * 110)[:5683].rstrip() \
    .ljust(5683, "!") + "."
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Bogsnak</title><link>https://old.example.org/</link><language>da</language>
<description>Bibliotekets podcast</description>
<itunes:owner><itunes:name>Ørstad</itunes:name><itunes:email>pod@library.example.org</itunes:email>
</itunes:owner><itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>
<itunes:image href="https://old.example.org/art/cover.jpeg?size=3000"/>
<item><title>Nyt fra biblioteket</title><guid>week-1</guid>
<pubDate>Mon, 04 Nov 2024 08:00:00 +0100</pubDate>
<enclosure url="https://cdn.example.org/w1.mp3" length="1000" type="audio/mpeg"/></item>
<item><title>Nyt fra biblioteket</title><guid>week-2</guid>
<pubDate>Mon, 11 Nov 2024 08:00:00 +0100</pubDate>
<enclosure url="https://cdn.example.org/w2.mp3" length="1000" type="audio/mpeg"/></item>
</channel></rss>"""


def run(site, export, **options):
    return import_wordpress(str(export), str(site.content), str(site.root / "import-report.md"),
                            ZONE, check=site.check(), **options)


def report_of(site) -> str:
    return (site.root / "import-report.md").read_text(encoding="utf-8")


def repairs(site) -> str:
    return report_of(site).split("## Repaired automatically")[1].split("\n## ")[0]


def test_two_feed_items_with_one_title_get_two_pages(site, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    import_feed(str(feed), "bogsnak", str(site.content), str(site.root / "import-report.md"),
                ZONE, check=site.check())
    assert site.build() == 0, site.messages
    pages = sorted(p.name for p in (site.output / "podcasts/bogsnak").glob("*.html"))
    assert "nyt-fra-biblioteket.html" in pages and "nyt-fra-biblioteket-2.html" in pages
    assert "podcasts/bogsnak/nyt-fra-biblioteket-2.md: an earlier episode has the title" \
        in repairs(site)


def test_the_report_names_exactly_the_artwork_file_show_yaml_names(site, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    import_feed(str(feed), "bogsnak", str(site.content), str(site.root / "import-report.md"),
                ZONE, check=site.check())
    show = yaml.safe_load((site.content / "podcasts/bogsnak/show.yaml").read_text("utf-8"))
    named = f"podcasts/bogsnak/{show['image']}"
    assert (site.content / named).is_file(), "the build looks for this file"
    assert f"{named} is a plain placeholder" in repairs(site)
    assert show["image"] == "cover.jpg"


def test_a_long_imported_comment_is_kept_whole(site, tmp_path):
    export = write_export(tmp_path, wxr("1.2", item(
        60, "Our history", "our-history", comments=comment(7, "Inger", LONG_COMMENT))))
    run(site, export)
    assert site.build() == 0, site.messages
    [path] = (site.content / "comments/our-history").glob("*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["text"] == LONG_COMMENT.strip() and data["imported"] is True
    page = html.fromstring(site.read(redirect_target(site, "/2019/05/05/our-history/")
                                     .removeprefix(SITE)))
    assert "history. A reader's" in page.text_content()
    assert "comments/our-history/7.yaml: 5,684 characters" in repairs(site)
    assert "kept whole" in repairs(site)


def test_a_double_slash_old_link_becomes_a_clean_alias(site, tmp_path):
    export = write_export(tmp_path, wxr("1.2", item(
        70, "Greek myths", "greek-myths", post_type="page",
        link="https://blog.example.org//greek/greek-myths/")))
    run(site, export)
    assert site.build() == 0, site.messages
    assert page_title(site, redirect_target(site, "/greek/greek-myths/")) == "Greek myths"
    assert "alias is /greek/greek-myths/" in repairs(site)


def test_a_shared_old_id_goes_to_the_first_item_and_the_second_is_reported(site, tmp_path):
    export = write_export(tmp_path, wxr("1.2", item(80, "First", "first")
                                        + item(80, "Second", "second")))
    run(site, export)
    assert site.build() == 0, site.messages
    rules = site.read("_redirects").splitlines()
    [rule] = [r for r in rules if " p=80 " in r]
    assert rule.split()[2].endswith("/first.html")
    assert "2019-second.md: its old address /?p=80 also belonged to " in repairs(site)


def test_a_repeated_slug_gets_a_distinct_one(site, tmp_path):
    export = write_export(tmp_path, wxr("1.2", item(41, "One", "same") + item(
        42, "Two", "same", link="https://blog.example.org/2019/05/06/same/")))
    run(site, export)
    assert site.build() == 0, site.messages
    assert page_title(site, redirect_target(site, "/2019/05/05/same/")) == "One"
    assert page_title(site, redirect_target(site, "/2019/05/06/same/")) == "Two"
    assert "it is 'same-2' here" in repairs(site)


def test_nested_cdata_is_read_and_the_repair_reported(site, tmp_path):
    """WordPress.com writes https:// namespaces; a post body may hold CDATA in CDATA."""
    text = wxr("1.2", item(90, "Code", "code", body="Use <![CDATA[ x ]]> in XML"))
    export = write_export(tmp_path, text.replace('"http://wordpress.org/export/1.2/',
                                                 '"https://wordpress.org/export/1.2/'))
    run(site, export)
    assert site.build() == 0, site.messages
    assert "had CDATA inside CDATA" in repairs(site)


def test_an_import_that_would_not_build_lands_nothing_and_says_why(site, tmp_path):
    site.write("posts/news/summer.md", "---\ntitle: Summer\ndate: 2019-05-05\nslug: "
               "summer-reading\n---\nOurs.\n")
    before = sorted(p for p in site.content.rglob("*") if p.is_file())
    export = write_export(tmp_path, wxr("1.2", item(10, "Summer reading", "summer-reading")))
    try:
        run(site, export)
    except ImportError_ as refused:
        message = str(refused)
    else:
        raise AssertionError("the import should have been refused")
    assert "would not build" in message and "content/posts/news/summer.md" in message
    assert "same URL" in message
    assert sorted(p for p in site.content.rglob("*") if p.is_file()) == before
    assert not (site.root / "import-report.md").exists()
    assert_nothing_written_beside(site)


def assert_nothing_written_beside(site):
    assert not [p for p in site.root.iterdir() if p.name.startswith(".import-")]
