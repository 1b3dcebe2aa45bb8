"""An episode can be played, and its chapters reached, with the keyboard alone."""

from __future__ import annotations

import pytest

CHAPTERS_JS = """() => [...document.querySelectorAll('main [data-start], main a[href*="#t="]')]
  .map((el, i) => ({index: i, start: parseFloat(el.dataset.start
     ?? (el.getAttribute('href').match(/[#&]t=([0-9.]+)/) || [])[1])}))
  .filter((c) => c.start > 0)"""


def _episode(sample_pages) -> str:
    if "episode" not in sample_pages:
        pytest.fail("the fixture site (tests/fixture_site) should have an episode page")
    return sample_pages["episode"]


def _tab_to(page, condition: str, what: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"Tab never reaches {what}")


def test_episode_plays_from_the_keyboard(visit, sample_pages):
    page = visit(_episode(sample_pages))
    assert page.locator("main audio").count() >= 1, "the episode page has no <audio> player"
    _tab_to(page, "document.activeElement === document.querySelector('main audio')"
                  " || document.activeElement.closest('[data-player]') !== null",
            "the audio player")
    page.keyboard.press("Space" if page.evaluate("document.activeElement.tagName") == "AUDIO"
                        else "Enter")
    # wait_for_function gets functions, not expressions: the page's CSP forbids eval().
    page.wait_for_function("() => document.querySelector('main audio').currentTime > 1"
                           " || document.querySelector('main audio').error", timeout=8_000)
    state = page.evaluate("(() => { const a = document.querySelector('main audio');"
                          " return {time: a.currentTime, paused: a.paused,"
                          " error: a.error && a.error.code}; })()")
    assert state["error"] is None, f"the audio cannot be played (MediaError {state['error']})"
    assert not state["paused"] and state["time"] > 0.5, \
        f"Space/Enter on the player did not play the episode: {state}"


def test_chapter_links_seek_from_the_keyboard(visit, sample_pages):
    page = visit(_episode(sample_pages))
    chapters = page.evaluate(CHAPTERS_JS)
    if not chapters:
        pytest.fail(f"/{sample_pages['episode']} has no chapter links (data-start or #t=): the "
                    "fixture site should have an episode with chapters")
    target = chapters[-1]
    _tab_to(page, f"""(() => {{
        const all = [...document.querySelectorAll('main [data-start], main a[href*="#t="]')];
        return all.indexOf(document.activeElement) >= 0 &&
          Math.abs(parseFloat(document.activeElement.dataset.start ??
            document.activeElement.getAttribute('href').match(/[#&]t=([0-9.]+)/)[1])
            - {target['start']}) < 0.01; }})()""", f"the chapter link at {target['start']} s")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    start_url = page.url
    page.keyboard.press("Enter")
    try:
        page.wait_for_function(f"() => Math.abs(document.querySelector('main audio').currentTime"
                               f" - {target['start']}) < 2", timeout=5_000)
    except PlaywrightTimeout:
        pass
    assert page.url.split("#")[0] == start_url.split("#")[0], \
        f"the chapter link left the episode page for {page.url}"
    time = page.evaluate("document.querySelector('main audio').currentTime")
    assert abs(time - target["start"]) < 2, \
        f"the chapter link at {target['start']} s left the player at {time:.1f} s"
