"""Drafts and scheduled posts: in the preview with a banner, never in a published build."""

from __future__ import annotations

import gzip
import io
import os
import textwrap

import feedparser
import pytest
from lxml import etree, html
from shelfcast_publish.command import publish_site
from shelfcast_sitekit.build import build
from sitetools import KIT_SITE, ROOT

POSTS = {
    "posts/news/open.md": "---\ntitle: Open today\ndate: 2026-01-05\n---\nWe are open.\n",
    "posts/news/secret.md": "---\ntitle: Secret plans\ndate: 2026-01-05\nstatus: draft\n---\n"
                            "Zanzibarish plans.\n",
    "posts/news/capsule.md": "---\ntitle: Time capsule\ndate: 2999-01-01 10:30\n---\n"
                             "Quuxotic capsule.\n",
    "posts/news/kladde.md": "---\ntitle: Hemmelig plan\ndate: 2026-01-05\nlang: da\n"
                            "status: draft\n---\nPlan.\n",
    "pages/plans.md": "---\ntitle: Building plans\nstatus: draft\n---\nBlueprintish.\n",
}
DRAFT_WORDS = ("Secret plans", "secret-plans", "Time capsule", "time-capsule", "Zanzibarish",
               "Quuxotic", "Hemmelig", "Building plans", "Blueprintish")


@pytest.fixture
def drafts_site(site):
    for path, text in POSTS.items():
        site.write(path, text)
    return site


def banner(site, path: str) -> str:
    page = html.fromstring(site.read(path))
    return " ".join(page.xpath("string(//*[@class='preview-banner'])").split())


def public_texts(output, skip_drafts: bool) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(output.rglob("*")) if p.is_file()
            and p.suffix in (".html", ".xml", ".json", ".csv", ".webmanifest", ".opml")
            and not (skip_drafts and "drafts" in p.relative_to(output).parts)}


def search_urls(output) -> list[str]:
    """The pages Pagefind indexed, read from its fragments as the search page loads them (in
    every part of the index: shelfcast_search.parts)."""
    urls = []
    for fragment in sorted((output / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(data.decode("utf-8").split('"url":"', 1)[1].split('"', 1)[0])
    return urls


def test_preview_shows_a_draft_with_a_draft_banner(drafts_site):
    assert drafts_site.build() == 0, drafts_site.messages
    assert banner(drafts_site, "drafts/secret-plans.html").startswith("Draft Not published")
    assert banner(drafts_site, "drafts/pages/building-plans.html").startswith("Draft")
    page = html.fromstring(drafts_site.read("drafts/secret-plans.html"))
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "Zanzibarish" in page.xpath("string(//article)")


def test_preview_shows_a_future_post_as_scheduled_with_its_date(drafts_site):
    assert drafts_site.build() == 0, drafts_site.messages
    text = banner(drafts_site, "drafts/time-capsule.html")
    assert text.startswith("Scheduled for January 1, 2999 10:30"), text


def test_banner_speaks_the_posts_language(drafts_site):
    assert drafts_site.build() == 0, drafts_site.messages
    assert banner(drafts_site, "drafts/hemmelig-plan-da.html").startswith(
        "Kladde Ikke udgivet")


def test_the_build_log_names_each_scheduled_post_and_its_date(drafts_site):
    assert drafts_site.build() == 0, drafts_site.messages
    assert "content/posts/news/capsule.md:3: note: date: scheduled for 2999-01-01 10:30" \
        in drafts_site.messages
    assert "secret.md" not in drafts_site.messages


def test_preview_keeps_drafts_out_of_listings_feeds_sitemap_and_search(drafts_site):
    assert drafts_site.build() == 0, drafts_site.messages
    for path, text in public_texts(drafts_site.output, skip_drafts=True).items():
        for word in DRAFT_WORDS:
            assert word not in text, f"{path} mentions the draft {word!r}"
    feed = feedparser.parse(str(drafts_site.output / "feeds/all.atom.xml"))
    assert [e.title for e in feed.entries] == ["Open today"]
    sitemap = etree.parse(str(drafts_site.output / "sitemap.xml"))
    assert not [u for u in sitemap.xpath("//*[local-name()='loc']/text()") if "drafts/" in u]
    urls = search_urls(drafts_site.output)
    assert "/posts/2026/open-today.html" in urls
    assert not [u for u in urls if "drafts/" in u], urls


def test_a_published_build_has_no_draft_anywhere(drafts_site):
    assert drafts_site.build(PREVIEW=False) == 0, drafts_site.messages
    assert not (drafts_site.output / "drafts").exists()
    for path, text in public_texts(drafts_site.output, skip_drafts=False).items():
        for word in DRAFT_WORDS:
            assert word not in text, f"{path} mentions the draft {word!r}"
    assert "capsule.md:3: note: date: scheduled for 2999-01-01 10:30" in drafts_site.messages


def test_publishconf_builds_without_drafts(drafts_site, tmp_path):
    """The shipped publishconf.py (as CI runs it: invoke build --settings publishconf.py)."""
    (drafts_site.root / "publishconf.py").write_text(
        (KIT_SITE / "publishconf.py").read_text(encoding="utf-8"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(drafts_site.root)
    try:
        code = build("publishconf.py", str(tmp_path / "public"),
                     {"THEME": str(ROOT / "themes" / "shelfcast"),
                      "PLUGIN_PATHS": [str(ROOT / "plugins")]})
    finally:
        os.chdir(cwd)
    assert code == 0
    assert (tmp_path / "public" / "posts/2026/open-today.html").is_file()
    assert not (tmp_path / "public" / "drafts").exists()


def test_invoke_publish_never_uploads_drafts_even_from_a_preview_settings_file(drafts_site,
                                                                               tmp_path):
    share = tmp_path / "share"
    target = {"share": {"type": "folder", "path": str(share)}}
    (drafts_site.root / "publishconf.py").write_text(textwrap.dedent(f"""
        import os
        import sys
        sys.path.append(os.curdir)
        from pelicanconf import *  # noqa: F403
        SITEURL = "https://bibliotek-oerstad.dk"
        PREVIEW = True  # a mistake: publishing must still leave drafts out
        PUBLISH = {{**PUBLISH, "targets": {target!r}}}
    """), encoding="utf-8")
    for name in ("themes", "plugins"):
        (drafts_site.root / name).symlink_to(ROOT / name)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(drafts_site.root)
    try:
        code = publish_site("publishconf.py", "share", root=str(drafts_site.root), out=out)
    finally:
        os.chdir(cwd)
    assert code == 0, out.getvalue()
    assert (share / "posts/2026/open-today.html").is_file()
    assert not (share / "drafts").exists()


def test_preview_setting_must_be_true_or_false(drafts_site):
    assert drafts_site.build(PREVIEW="yes") == 1
    assert "pelicanconf.py: PREVIEW: must be True" in drafts_site.messages


def test_a_scheduled_date_without_a_time_is_logged_as_written(site):
    site.write("posts/news/later.md", "---\ntitle: Later\ndate: 2999-03-01\n---\nLater.\n")
    assert site.build() == 0, site.messages
    assert "later.md:3: note: date: scheduled for 2999-03-01: the first build" in site.messages
