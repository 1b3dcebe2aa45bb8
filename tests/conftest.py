"""Shared fixtures: build a small content tree in a temporary folder with the real settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitetools import (  # noqa: F401 (helpers live there; tests import them from it)
    ROOT,
    Site,
    build_kit_site,
)

# Skips that hide nothing: with SHELFCAST_REQUIRE_ALL_TESTS=1 (.ci/run) a skip fails.
pytest_plugins = ["skip_policy"]


def pytest_configure(config):
    """Tests never send a packet to any address but loopback: a connect elsewhere fails the
    test that made it (child processes of tests/security run under guarded.py's own guard)."""
    from security.guarded import refuse_foreign_connects

    refuse_foreign_connects()


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="session")
def kit_site(tmp_path_factory) -> Path:
    """The demo site, built once per test session; returns its output folder."""
    output = tmp_path_factory.mktemp("demo") / "output"
    code, messages = build_kit_site(output)
    assert code == 0, messages
    return output


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> Path:
    """The kit's fixture site built with its publishconf.py (the public SITEURL and production
    switches), once per test session; returns its output folder."""
    output = tmp_path_factory.mktemp("production") / "output"
    code, messages = build_kit_site(output, "publishconf.py")
    assert code == 0, messages
    return output


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (playwright's sync API allows one at a time,
    so every test that needs a browser, in any folder, takes this one)."""
    from browser.browsing import CHROMIUM, CHROMIUM_ARGS, chromium_missing_reason

    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()
