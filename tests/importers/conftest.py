from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # wxrsamples

import pytest  # noqa: E402
from sitetools import require_shared  # noqa: E402

MIGRATION = "fixtures/migration"


@pytest.fixture(scope="session")
def a11y_export() -> Path:
    """The WordPress accessibility theme unit test export (a shared fixture, never committed)."""
    return require_shared(f"{MIGRATION}/wordpress-a11y-theme-unit-test.xml",
                          "the WordPress a11y theme unit test export")


@pytest.fixture(scope="session")
def pc20_feed() -> Path:
    """The partytime Podcasting 2.0 example feed (a shared fixture, never committed)."""
    return require_shared(f"{MIGRATION}/podcasting20-example-feed.xml",
                          "the Podcasting 2.0 example feed")
