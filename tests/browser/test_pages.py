"""Every page type as a reader meets it: accessible, private, and usable from the keyboard."""

from __future__ import annotations

import pytest

from browser.browsing import describe_violations, foreign_requests, run_axe, written_storage
from browser.page_types import PAGE_TYPES

MAX_TAB_STOPS = 150

FOCUS_JS = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A focus style may arrive through a (very short) transition: measure where it ends.
  await Promise.all(el.getAnimations().map((animation) => animation.finished));
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const main = document.querySelector('main');
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 40),
    href: el.getAttribute('href'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
              && box.left < innerWidth,
    inMain: !!main && main.contains(el),
    afterMain: !!main && !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    mainId: main ? main.id : null,
    path: el.outerHTML.slice(0, 120),
  };
}"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_accessibility_violations(kind, color_scheme, sample, visit):
    page = visit(sample, color_scheme=color_scheme)
    violations = run_axe(page)
    assert not violations, (f"{kind} page /{sample} ({color_scheme} mode) has axe-core "
                            f"violations:\n{describe_violations(violations)}")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_foreign_requests_and_nothing_stored(kind, sample, visit, server):
    page = visit(sample)
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    assert page.requested, "the page made no requests at all: the recorder is broken"
    assert foreign_requests(page.requested, server.host) == [], \
        f"/{sample} asked another host for something"
    assert written_storage(page) == [], f"/{sample} stored something in the browser"
    assert page.console_errors == [], f"/{sample} raised JavaScript errors"
    assert page.csp_violations == [], \
        f"/{sample}: the Content-Security-Policy we ship refused part of the page"


def _tab_stops(page) -> list[dict]:
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None or (stops and focus["path"] == stops[0]["path"]):
            break
        stops.append(focus)
    return stops


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_keyboard_focus_is_visible_and_skip_link_reaches_main(kind, sample, visit):
    page = visit(sample)
    stops = _tab_stops(page)
    assert stops, f"/{sample}: Tab reaches nothing"
    first = stops[0]
    assert first["mainId"] and first["href"] == f"#{first['mainId']}", \
        f"/{sample}: the first Tab stop is not a skip link to <main>: {first['path']}"
    hidden = [s["path"] for s in stops
              if not (s["outline"] or s["shadow"] or s["tag"] in ("audio", "video"))
              or not s["onScreen"]]
    assert not hidden, f"/{sample}: focus is not visible on: {hidden}"
    assert len(stops) < MAX_TAB_STOPS, f"/{sample}: Tab never comes back round (a focus trap?)"

    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_JS)
    assert after and (after["inMain"] or after["afterMain"]), \
        f"/{sample}: after the skip link, Tab goes to {after and after['path']}, not the content"
