"""Screenshots for people to look at: phone and desktop widths, light and dark."""

from __future__ import annotations

import pytest

# The sizes the issues name for review: a common phone (390x844) and a laptop (1280x900).
SIZES = ((390, 844), (1280, 900))
WIDTHS = tuple(width for width, _ in SIZES)
SCHEMES = ("light", "dark")


@pytest.mark.parametrize("kind", ["home", "post", "page", "section", "episode", "show", "album",
                                  "artist", "search", "404", "events", "event", "lesson",
                                  "question", "visit"])
def test_screenshots(kind, request, sample_pages, visit, artifacts, server):
    # "visit" is the library's "Visit us" page, a page by URL; the others are sampled by type.
    sample = "visit.html" if kind == "visit" else request.getfixturevalue("sample")
    page = visit(sample + ("?q=library" if kind == "search" else ""))
    if kind == "search":
        page.wait_for_function("() => document.querySelector('[role=status]').textContent"
                               ".includes('library')", timeout=10_000)
    # Lazy pictures load as they scroll into view: scroll through once, as a reader would.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    written = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            target = artifacts / f"{server.variant}-{kind}-{width}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
    assert all(path.stat().st_size > 1000 for path in written)
    overflow = page.evaluate("document.documentElement.scrollWidth > innerWidth + 1")
    assert not overflow, f"/{sample} scrolls sideways at {WIDTHS[-1]} px"


def test_no_sideways_scrolling_on_a_phone(sample_pages, visit):
    """WCAG 1.4.10 Reflow: at 320 CSS px nothing needs horizontal scrolling."""
    wide = []
    for kind, path in sample_pages.items():
        page = visit(path, width=320)
        if page.evaluate("document.documentElement.scrollWidth > innerWidth + 1"):
            wide.append(f"{kind} (/{path})")
    assert wide == [], f"pages that scroll sideways at 320 px: {wide}"


