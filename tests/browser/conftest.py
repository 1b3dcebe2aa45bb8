"""Browser fixtures: one Chromium for the whole session; each test runs on two sites.

"preview" is the fixture site built with its pelicanconf.py and served plainly, as `make serve`
does; "production" is the same site built with its publishconf.py and served by nginx with the
host rules we ship (plugins/shelfcast_publish/nginx.conf), so every response carries our headers
(CSP).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nginx_server import NginxServer, require_nginx

from browser.browsing import (
    CSP_LISTENER_JS,
    SiteServer,
)
from browser.page_types import PAGE_TYPES, file_for, pages_by_type

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[SUMMARY] = []


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("browser tests")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def report(request):
    """Add a line to the summary printed at the end of the test run."""
    return request.config.stash[SUMMARY].append


@pytest.fixture(scope="session", params=["preview", "production"])
def server(request, tmp_path_factory):
    """The site under test on 127.0.0.1; `server.root` is its built folder."""
    if request.param == "preview":
        with SiteServer(request.getfixturevalue("kit_site")) as running:
            running.variant = request.param
            yield running
        return
    binary = require_nginx()
    nginx = NginxServer(request.getfixturevalue("production_site"),
                        tmp_path_factory.mktemp("nginx"))
    with nginx.start(binary) as running:
        running.variant = request.param
        yield running


@pytest.fixture(scope="session")
def site_output(server) -> Path:
    """The built folder of the site the test is looking at (preview or production)."""
    return server.root


@pytest.fixture(scope="session")
def page_groups(site_output, report, server) -> dict[str, list[str]]:
    groups = pages_by_type(site_output)
    found = [f"{kind} ({len(groups[kind])})" for kind in PAGE_TYPES if groups.get(kind)]
    missing = [kind for kind in PAGE_TYPES if not groups.get(kind)]
    report(f"{server.variant} ({server.base}): page types found: {', '.join(found)}")
    report(f"page types not built (their tests fail): {', '.join(missing) or 'none'}")
    if groups.get("other"):
        report(f"pages of no listed type (not sampled): {len(groups['other'])}")
    return groups


def _richest(output: Path, paths: list[str]) -> str:
    """The episode page with the most to test: chapters and a transcript, if any has them."""
    def score(path):
        html = file_for(output, path).read_text(encoding="utf-8")
        return (-("data-start" in html or "#t=" in html), -("transcript" in html.lower()), path)
    return min(paths, key=score)


@pytest.fixture(scope="session")
def sample_pages(page_groups, site_output, report) -> dict[str, str]:
    """One page of each type that exists: its site-relative URL path."""
    samples = {kind: (_richest(site_output, paths) if kind == "episode" else sorted(paths)[0])
               for kind, paths in page_groups.items() if kind in PAGE_TYPES and paths}
    report("sampled pages: " + ", ".join(f"{k}={v or '/'}" for k, v in samples.items()))
    return samples


@pytest.fixture
def sample(sample_pages, request):
    """The sampled URL path of the page type the test is parametrized with."""
    kind = request.node.callspec.params["kind"]
    if kind not in sample_pages:
        # The kit's own fixture site has every page type: a missing one is lost coverage.
        pytest.fail(f"the fixture site (tests/fixture_site) builds no {kind} page")
    return sample_pages[kind]


@pytest.fixture
def visit(browser, server):
    """Open a site page in a fresh context; record every request it makes, its JavaScript
    errors and every Content-Security-Policy violation (console and DOM event alike)."""
    contexts = []
    pages = []

    def open_page(path: str, color_scheme: str = "light", width: int = 1280,
                  java_script: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=color_scheme, reduced_motion="reduce",
                                      java_script_enabled=java_script,
                                      service_workers="block")
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        violations = page.csp_violations = []
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        context.expose_function("shelfcastCspViolation", lambda text: violations.append(text))
        context.add_init_script(CSP_LISTENER_JS)
        page.goto(server.url(path), wait_until="load")
        return page

    yield open_page
    violations = {page.url: page.csp_violations for page in pages if page.csp_violations}
    for context in contexts:
        context.close()
    # Whatever a test did on the page, the headers we ship must not have refused any of it.
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture(scope="session")
def artifacts(report) -> Path:
    folder = Path(os.environ.get("SHELFCAST_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    report(f"screenshots: {folder}")
    return folder
