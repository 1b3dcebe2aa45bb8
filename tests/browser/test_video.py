"""A video is a local poster until the reader presses play; then only the player is framed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser.browsing import foreign_requests
from browser.page_types import file_for, sitemap_paths

PLAYERS = ("www.youtube-nocookie.com", "player.vimeo.com")


def _page_with_video(output) -> str:
    for path in sitemap_paths(output):
        if "data-embed=" in file_for(output, path).read_text(encoding="utf-8"):
            return path
    pytest.fail("no page of the fixture site has a click-to-load video (posts/events/"
                "repair-cafe.md should have one)")


def test_video_loads_only_after_play_is_pressed_from_the_keyboard(visit, site_output, server):
    path = _page_with_video(site_output)
    page = visit(path)
    # Nothing may leave 127.0.0.1 in a test: the player's own request is refused here.
    page.context.route(lambda url: urlsplit(url).netloc != server.host,
                       lambda route: route.abort())
    page.wait_for_load_state("networkidle")
    assert foreign_requests(page.requested, server.host) == [], \
        f"/{path} contacted the video site before the reader pressed play"
    play = page.locator("figure.video button").first
    assert play.count() == 1, "video.js did not turn the play link into a button"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('figure.video button')"):
            break
    else:
        pytest.fail(f"Tab never reaches the video's play button on /{path}")
    page.keyboard.press("Enter")
    frame = page.locator("figure.video iframe").first
    frame.wait_for(state="attached", timeout=5_000)
    assert urlsplit(frame.get_attribute("src")).netloc in PLAYERS
    assert frame.get_attribute("title"), "the player frame has no title for screen readers"
    page.wait_for_timeout(300)
    contacted = {urlsplit(url).netloc for url in foreign_requests(page.requested, server.host)}
    assert contacted <= set(PLAYERS), f"pressing play contacted {contacted}"
    assert page.csp_violations == [], "the Content-Security-Policy refused the video player"
