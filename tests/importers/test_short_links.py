"""WordPress short links (/?p=ID) of the real shared export, after import and build: nginx with
our rules answers each with a 301 to the post's new page; a plain static server (no rules of
ours) gets the reader there through the home page's script."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html
from nginx_server import NginxServer, require_nginx
from shelfcast_import.commands import import_wordpress
from sitetools import Site

WP = "{http://wordpress.org/export/1.2/}"


def items(export: Path, published: bool) -> dict[str, str]:
    """WordPress id -> title of the export's posts and pages, read straight from its XML."""
    found = {}
    for element in etree.parse(str(export)).getroot().iter("item"):
        if element.findtext(f"{WP}post_type") not in ("post", "page"):
            continue
        # "future" is WordPress's scheduled post: this export's one is dated 2020, so live.
        public = element.findtext(f"{WP}status") in ("publish", "future") and not (
            element.findtext(f"{WP}post_password") or "").strip()
        if public == published:
            found[element.findtext(f"{WP}post_id")] = " ".join(
                (element.findtext("title") or "").split())
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory, a11y_export) -> Site:
    site = Site(tmp_path_factory.mktemp("shortlinks"))
    import_wordpress(str(a11y_export), str(site.content), str(site.root / "import-report.md"),
                     "Europe/Copenhagen")
    assert site.build() == 0, site.messages
    return site


def heading(site: Site, path: str) -> str:
    """The h1 of the built page a site path names (what a reader arriving there sees)."""
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    page = html.fromstring((site.output / relative).read_bytes())
    return " ".join(page.xpath("string(//h1)").split())


def get(host: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(host, timeout=10)
    connection.request("GET", path)
    reply = connection.getresponse()
    reply.read()
    connection.close()
    return reply


def test_nginx_answers_every_short_link_with_a_301_to_the_new_page(imported, tmp_path,
                                                                    a11y_export):
    binary = require_nginx()
    include = imported.root / ".cache" / "nginx-redirects.conf"
    posts = items(a11y_export, published=True)
    assert len(posts) > 20
    with NginxServer(imported.output, tmp_path / "nginx", includes=[include]).start(binary) \
            as nginx:
        for post_id, title in posts.items():
            reply = get(nginx.host, f"/?p={post_id}")
            assert reply.status == 301, (post_id, title)
            location = urlsplit(reply.getheader("Location"))
            assert location.netloc == nginx.host and location.query == ""
            if title:  # an untitled post gets a title made from its slug
                assert heading(imported, location.path) == title, post_id
        for post_id in items(a11y_export, published=False):
            assert get(nginx.host, f"/?p={post_id}").status == 200, "a held post's short link"
        home = get(nginx.host, "/?p=1&x=2")  # not one of ours: the home page, as before
        assert home.status == 200
        assert home.getheader("Content-Security-Policy", "").startswith("default-src 'self'")


def test_on_a_plain_static_server_the_short_link_ends_on_the_new_page(imported, browser,
                                                                      a11y_export):
    from browser.browsing import SiteServer

    posts = items(a11y_export, published=True)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        with SiteServer(imported.output) as server:
            for post_id, title in posts.items():
                page.goto(server.url(f"/?p={post_id}"))
                page.wait_for_url(lambda url: urlsplit(url).path != "/", timeout=10_000)
                page.wait_for_load_state("load")
                arrived = urlsplit(page.url)
                assert arrived.netloc == server.host, post_id
                if title:
                    assert " ".join(page.locator("h1").first.inner_text().split()) == title
            held = next(iter(items(a11y_export, published=False)))
            page.goto(server.url(f"/?p={held}"), wait_until="load")
            page.wait_for_timeout(500)
            assert urlsplit(page.url).path == "/", "a held post's short link leads nowhere"
    finally:
        context.close()
    assert errors == []
    assert all(urlsplit(url).netloc.startswith("127.0.0.1") for url in requested)
