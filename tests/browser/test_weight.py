"""Page weight as the browser transfers it: HTML + CSS + JS, without images and audio."""

from __future__ import annotations

import statistics

from browser.page_types import sitemap_paths

BUDGET = 40 * 1000  # bytes, uncompressed, on the median page
COUNTED = ("document", "stylesheet", "script")


def _weigh(page, url: str) -> tuple[int, int]:
    """Bytes of HTML, CSS and JS the page loads cold, and how many stylesheets it loads."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="load")
    page.remove_listener("response", record)
    counted = [r for r in responses if r.request.resource_type in COUNTED and r.status < 300]
    sheets = sum(1 for r in counted if r.request.resource_type == "stylesheet")
    return sum(len(r.body()) for r in counted), sheets


def test_median_page_weight_is_within_budget(browser, server, site_output, report):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    # Every page is weighed as a first visit: nothing comes from the cache.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    weights, sheet_counts = {}, {}
    try:
        for path in [*sitemap_paths(site_output), "404.html"]:
            weights[path], sheet_counts[path] = _weigh(page, server.url(path))
    finally:
        context.close()
    median = statistics.median(weights.values())
    heaviest = max(weights, key=weights.get)
    report(f"page weight (HTML+CSS+JS, uncompressed, {len(weights)} pages): median "
           f"{median / 1000:.1f} KB, heaviest {weights[heaviest] / 1000:.1f} KB (/{heaviest}),"
           f" budget {BUDGET / 1000:.0f} KB")
    assert min(weights.values()) > 0, "a page weighed nothing: the measurement is broken"
    assert median <= BUDGET, f"median page weight {median} bytes is over {BUDGET}"
    not_one = {path: count for path, count in sheet_counts.items() if count != 1}
    assert not_one == {}, f"every page should load its CSS as one file; these do not: {not_one}"
