"""The hostile-content site in headless Chromium on a plain static server (no CSP headers).

GitHub Pages, our default host, ignores _headers and .htaccess, so nothing but the HTML itself
stands between a payload in content and a reader's browser. Every page the hostile site
builds is loaded, every link on it that stays on the page or the site is clicked, and a search
for the payloads is run; no script from content may run, no page may leave 127.0.0.1 by
itself, and nothing may be requested from another host.
"""

from __future__ import annotations

import time
from urllib.parse import quote, urlsplit

import pytest
from security.hostile_site import MARK, write_hostile_site
from sitetools import Site

from browser.browsing import SiteServer

# Replaces the functions a payload would call with recorders, and turns setting
# window.__pwned into a report; __shelfcastReport is exposed by the test.
TRAPS = """
(() => {
  const report = (what) => window.__shelfcastReport(String(what));
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { report(`${name}(${args.join(",")})`); };
  }
  Object.defineProperty(window, "__pwned", {
    configurable: false, get() { return undefined; },
    set(value) { report(`window.__pwned = ${value}`); },
  });
})();
"""
LINKS = "() => [...document.querySelectorAll('a')].map((a) => a.href)"
CLICK = "(i) => document.querySelectorAll('a')[i]?.click()"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The hostile site built for the address it is served at (redirects go to SITEURL)."""
    site = Site(tmp_path_factory.mktemp("hostile-browser"))
    write_hostile_site(site)
    with SiteServer(site.output) as server:
        address = server.base.rstrip("/")
        assert site.build(SITEURL=address, FEED_DOMAIN=address) == 0, site.messages
        server.output = site.output
        yield server


class Watch:
    """What the pages did that they must not: script run, navigation away, foreign requests."""

    def __init__(self, own_host: str):
        self.own_host = own_host
        self.where = ""
        self.ran: list[str] = []
        self.away: list[str] = []
        self.foreign: list[str] = []

    def note(self, kind: list, what: str) -> None:
        kind.append(f"{self.where}: {what}")

    def route(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.netloc == self.own_host:
            route.continue_()
        else:
            self.note(self.foreign, route.request.url)
            route.abort()

    def navigated(self, frame) -> None:
        parts = urlsplit(frame.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.own_host:
            self.note(self.away, frame.url)
        elif parts.scheme not in ("http", "https", "about"):
            self.note(self.away, frame.url)


def in_page(page, script: str, *args):
    """Run script in the page; None when the page went elsewhere meanwhile (by itself)."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return page.evaluate(script, *args)
    except PlaywrightError as err:
        if "context was destroyed" not in str(err):
            raise
        page.wait_for_load_state("load")
        return None


def load(page, url: str, watch: Watch) -> bool:
    """Open url; False (noted as leaving) when the page went elsewhere before it loaded."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in (1, 2):
        try:
            page.goto(url, wait_until="load")
            return True
        except PlaywrightError as err:
            # A redirect page's meta refresh (to a page of this site) can fire late on a busy
            # machine and cut the next load short: that is not leaving the site, so load again.
            first_line = str(err).splitlines()[0]
            target = first_line.partition("interrupted by another navigation to ")[2]
            if attempt == 1 and urlsplit(target.strip('" ')).netloc == watch.own_host:
                page.wait_for_load_state("load")
                continue
            watch.note(watch.away, f"loading was cut off: {str(err).splitlines()[0]}")
    return False


def page_urls(output, server) -> list[str]:
    files = sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)
    return [server.url(quote(str(p.relative_to(output)))) for p in files]


def test_no_script_from_content_runs_nothing_leaves_the_site(browser, hostile_server, report):
    server = hostile_server
    watch = Watch(server.host)
    context = browser.new_context(service_workers="block")
    context.expose_function("__shelfcastReport", lambda what: watch.note(watch.ran, what))
    context.add_init_script(TRAPS)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (watch.note(watch.ran, f"dialog {dialog.message}"),
                                      dialog.dismiss()))
    page.on("framenavigated", watch.navigated)
    started, clicked, outgoing, elsewhere = time.monotonic(), 0, set(), set()
    urls = page_urls(server.output, server)
    for url in urls:
        watch.where = urlsplit(url).path
        if not load(page, url, watch):
            continue
        page.wait_for_timeout(100)  # a meta refresh or a late onerror would fire by now
        links = in_page(page, LINKS)
        if links is None or page.url.split("#")[0] != url:
            continue  # a redirect page went to its target, which is loaded on its own
        for index, resolved in enumerate(links):
            parts = urlsplit(resolved or "")
            if parts.scheme in ("http", "https") and parts.netloc != server.host or \
                    parts.scheme == "mailto":
                outgoing.add(resolved)  # an ordinary link out, followed only by a reader
                continue
            if parts.scheme in ("http", "https") and resolved.split("#")[0] != url:
                elsewhere.add(resolved.split("#")[0])  # another file of the site
                continue
            if page.url.split("#")[0] != url and not load(page, url, watch):
                break
            in_page(page, CLICK, index)
            clicked += 1
            page.wait_for_timeout(20)
    # Every other page a link leads to is loaded too (most are in `urls` already).
    for target in sorted(elsewhere - set(urls)):
        watch.where = urlsplit(target).path
        response = context.request.get(target)
        if "text/html" in response.headers.get("content-type", "") and load(page, target,
                                                                              watch):
            page.wait_for_timeout(100)
    watch.where = "search"
    page.goto(server.url(f"search.html?q={MARK}"), wait_until="load")
    page.wait_for_selector("#search-results li", timeout=10000)
    results = page.locator("#search-results li").count()
    page.wait_for_timeout(200)
    context.close()
    report(f"hostile site: {len(urls)} pages, {clicked} links clicked in place, "
           f"{len(elsewhere)} site files linked, {results} search results, "
           f"{len(outgoing)} outgoing links not followed, "
           f"{time.monotonic() - started:.1f} s")
    assert results >= 3
    assert not watch.ran, "script from content ran:\n" + "\n".join(watch.ran)
    assert not watch.away, "pages left the site by themselves:\n" + "\n".join(watch.away)
    assert not watch.foreign, "requests to other hosts:\n" + "\n".join(watch.foreign)
    bad = sorted(u for u in outgoing if urlsplit(u).scheme not in ("http", "https", "mailto"))
    assert not bad


def test_the_traps_catch_a_payload_that_runs(browser, tmp_path):
    """The harness itself: a page whose script calls alert and sets __pwned is caught."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><img src=x onerror=\"alert('caught')\">"
        "<script>window.__pwned = 1</script><a href=\"javascript:alert('clicked')\">x</a>",
        encoding="utf-8")
    with SiteServer(tmp_path) as server:
        ran = []
        context = browser.new_context()
        context.expose_function("__shelfcastReport", lambda what: ran.append(what))
        context.add_init_script(TRAPS)
        page = context.new_page()
        page.goto(server.url("index.html"), wait_until="load")
        page.evaluate("() => document.querySelector('a').click()")
        page.wait_for_timeout(200)
        context.close()
    assert sorted(ran) == ["alert(caught)", "alert(clicked)", "window.__pwned = 1"]
