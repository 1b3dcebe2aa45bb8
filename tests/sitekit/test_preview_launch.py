"""Issue 23: the preview's error page puts the error first (warnings after it, apart), speaks
the site's language, and a fix saved just after a reload still reloads the browser."""

from __future__ import annotations

import time

from livereload.handlers import LiveReloadHandler
from lxml import html
from shelfcast_sitekit.preview import (
    error_page,
    live_script_in_pages,
    reload_on_every_save,
    split_report,
    with_live_script,
)

REPORT = """\
content/podcasts/book-talk/show.yaml: warning: guid: not frozen yet; run `invoke freeze-guids`
content/posts/events/later.md:3: note: date: scheduled for 2072-05-01 10:00
content/posts/news/broken.md:3: date: 2026-13-45 is not a date; write it as YYYY-MM-DD
1 error(s): nothing was published; fix the lines above and build again.
"""


def test_the_error_comes_first_and_warnings_are_apart():
    errors, others = split_report(REPORT)
    assert errors[0].startswith("content/posts/news/broken.md:3: date:")
    assert [line.split(":")[0] for line in others] == [
        "content/podcasts/book-talk/show.yaml", "content/posts/events/later.md"]
    page = html.fromstring(error_page(REPORT))
    first = page.xpath("//main//li")[0].text_content()
    assert first.startswith("content/posts/news/broken.md:3: date:")
    assert len(page.xpath("//ul[@class='build-notes']/li")) == 2


def test_the_error_page_speaks_the_sites_language():
    swedish = html.fromstring(error_page(REPORT, "sv"))
    assert swedish.get("lang") == "sv"
    assert swedish.findtext(".//h1") == "Förhandsvisningen kunde inte byggas"
    assert html.fromstring(error_page(REPORT, "da")).findtext(".//h1") == \
        "Forhåndsvisningen kunne ikke bygges"


class Watcher:
    filepath = "content/posts/news/broken.md"

    def examine(self):
        return self.filepath, None


def test_a_save_just_after_a_reload_still_reloads(monkeypatch):
    reloads = []
    monkeypatch.setattr(LiveReloadHandler, "DEFAULT_RELOAD_TIME",
                        LiveReloadHandler.DEFAULT_RELOAD_TIME)
    monkeypatch.setattr(LiveReloadHandler, "watcher", Watcher(), raising=False)
    monkeypatch.setattr(LiveReloadHandler, "waiters", {object()})
    monkeypatch.setattr(LiveReloadHandler, "_last_reload_time", time.time() - 0.5)
    monkeypatch.setattr(LiveReloadHandler, "reload_waiters",
                        classmethod(lambda cls, path=None: reloads.append(path)))
    LiveReloadHandler.poll_tasks()
    assert reloads == []  # livereload's own behaviour: the fix was never shown
    reload_on_every_save(LiveReloadHandler)
    LiveReloadHandler.poll_tasks()
    assert reloads == [None]


SCRIPT = b"<script>reload()</script>"


def test_the_live_reload_script_goes_into_pages_only_once():
    page = b"<html><head><title>x</title></head><body>a</body></html>"
    assert with_live_script(page, "text/html; charset=utf-8", SCRIPT).count(SCRIPT) == 1
    # A script file that holds the text "</head>" (Decap's bundle does) stays byte for byte.
    bundle = b'e.exports={"description":"Expected the element before `</head>`"}'
    assert with_live_script(bundle, "text/javascript", SCRIPT) == bundle
    # The editor's page sets its own CSP, which allows no inline script.
    admin = b'<head><meta http-equiv="Content-Security-Policy" content="x"></head>'
    assert with_live_script(admin, "text/html", SCRIPT) == admin


def test_the_wrapped_app_says_the_new_length():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "20")])
        return [b"<head></head><p>hi</p>"]

    said = {}
    body = b"".join(live_script_in_pages(app, SCRIPT)(
        {}, lambda status, headers: said.update(headers=dict(headers))))
    assert SCRIPT in body and said["headers"]["Content-Length"] == str(len(body))
