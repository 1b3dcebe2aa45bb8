"""Hostile comments in a real browser: headless Chromium opens the post, nothing runs."""

from __future__ import annotations

from browser.browsing import (
    SiteServer,
    foreign_requests,
)
from commenttools import SETTINGS
from test_comments_hostile import write_hostile


def test_hostile_comments_do_not_execute_in_chromium(site, browser):
    write_hostile(site)
    assert site.build(**SETTINGS) == 0, site.messages
    dialogs, requests, errors = [], [], []
    with SiteServer(site.output) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(server.url("posts/2026/winter-reading.html"), wait_until="load")
            comment = page.locator("#comment-markup .comment-text")
            comment.locator("a").first.hover()
            shown = comment.inner_text()
            pwned = page.evaluate("typeof window.pwned")
            scripts_in_comments = page.evaluate(
                "document.querySelectorAll('.comments script, .comments img').length")
            hrefs = page.evaluate("[...document.querySelectorAll('.comments a')]"
                                  ".map((a) => a.href)")
        finally:
            context.close()
    assert pwned == "undefined"
    assert not dialogs and not errors
    assert scripts_in_comments == 0
    assert "<script>window.pwned = 1</script>" in shown
    assert all(h.startswith(("https:", "http:", "mailto:")) for h in hrefs), hrefs
    assert not [u for u in foreign_requests(requests, server.host) if "ok.example" in u]
