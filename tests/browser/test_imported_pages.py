"""Imported pages (a WordPress blog, a Podcasting 2.0 feed) in the browser: accessible, and
nothing loads from the old hosts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html
from shelfcast_import.commands import import_feed, import_wordpress
from sitetools import Site, require_shared

from browser.browsing import SiteServer, describe_violations, foreign_requests, run_axe

ROOT = Path(__file__).resolve().parents[2]
COVER = ROOT / "tests/fixture_site/content/podcasts/book-talk/cover.png"
PAGES = ["2013/01/11/markup-html-tags-and-formatting/", "2010/09/10/post-format-gallery/",
         "2018/11/03/block-image/", "about/", "podcasts/pc20/"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    export = require_shared("fixtures/migration/wordpress-a11y-theme-unit-test.xml",
                            "the WordPress a11y theme unit test export")
    feed = require_shared("fixtures/migration/podcasting20-example-feed.xml",
                          "the Podcasting 2.0 example feed")
    site = Site(tmp_path_factory.mktemp("imported"))
    report = str(site.root / "import-report.md")
    import_wordpress(str(export), str(site.content), report, "Europe/Copenhagen")
    import_feed(str(feed), "pc20", str(site.content),
                report, "Europe/Copenhagen")
    show = site.content / "podcasts/pc20/show.yaml"
    data = yaml.safe_load(show.read_text(encoding="utf-8")) | {"image": "cover.png"}
    show.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(COVER, show.parent / "cover.png")
    assert site.build() == 0, site.messages
    with SiteServer(site.output) as server:
        yield server


def output_of(server) -> Path:
    return Path(server.httpd.RequestHandlerClass.keywords["directory"])


def episode_page(server) -> str:
    root = output_of(server)
    return next(p for p in (root / "podcasts/pc20").rglob("*.html")
                if "rebel-rubes" in p.name).relative_to(root).as_posix()


def new_page(server, old_path: str) -> str:
    """Where the old address's redirect points (the redirect itself names the settings'
    SITEURL, http://127.0.0.1:8000/, not this test server)."""
    redirect = html.fromstring((output_of(server) / old_path / "index.html").read_bytes())
    target = redirect.xpath("//meta[@http-equiv='refresh']/@content")[0].split("url=", 1)[1]
    return target.removeprefix("http://127.0.0.1:8000/")


@pytest.mark.parametrize("path", [*PAGES, "episode"])
def test_imported_pages_are_accessible_and_load_nothing_from_elsewhere(browser, imported,
                                                                       path):
    if path == "episode":
        path = episode_page(imported)
    elif not path.startswith("podcasts/"):
        path = new_page(imported, path)
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    try:
        page = context.new_page()
        requested, errors = [], []
        page.on("request", lambda request: requested.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(imported.url(path), wait_until="load")
        violations = run_axe(page)
        assert violations == [], describe_violations(violations)
        assert foreign_requests(requested, imported.host) == []
        assert errors == []
    finally:
        context.close()
