"""The library's "Visit us" page and footer in a real browser: accessible, with hours."""

from __future__ import annotations

import json

import pytest

from browser.browsing import describe_violations, run_axe

LD_JS = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
                .map((s) => s.textContent)"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_visit_page_has_no_accessibility_violations(color_scheme, visit):
    page = visit("visit.html", color_scheme=color_scheme)
    violations = run_axe(page)
    assert not violations, (f"/visit.html ({color_scheme} mode) has axe-core violations:\n"
                            f"{describe_violations(violations)}")


def test_the_visit_page_carries_the_library_with_its_opening_hours(visit):
    page = visit("visit.html")
    (library,) = [json.loads(text) for text in page.evaluate(LD_JS)]
    assert library["@type"] == "Library"
    assert library["openingHoursSpecification"]
    assert all(branch["openingHoursSpecification"] for branch in library["subOrganization"])
    footer = page.locator("footer.site-footer .library-footer").inner_text()
    assert "today" in footer  # "Open today 10:00–19:00" or "Closed today"
    assert page.locator("table.opening-hours th[scope=row]").count() >= 7
