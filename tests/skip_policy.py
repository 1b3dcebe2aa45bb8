"""The skip policy, as a pytest plugin (tests/conftest.py loads it).

Without the variable, a test whose tool is missing skips and `make test` lists it with its
reason (-ra). With SHELFCAST_REQUIRE_ALL_TESTS=1, as .ci/run sets it on a machine that has every
tool, each skip is reported as a failure naming the test and its reason, and pytest exits 1.

One exception, on purpose: a skip whose reason starts with "shared fixture missing:" stays a
skip (listed with its reason) under the variable too. Those tests need a fixture only the
project's owner can place beside the repository in ../shared (real exports, third-party test
data that may not be committed, e.g. WordPress/wordpress-importer's phpunit/data); no CI
machine can install it, so failing would only teach people to ignore red builds.
`sitetools.require_shared` is the one place that writes such a reason.
"""

from __future__ import annotations

import os

import pytest

# .ci/run sets this: there every tool is installed, so a skip means a test silently did not run.
REQUIRE_ALL_TESTS = "SHELFCAST_REQUIRE_ALL_TESTS"
# Skips CI accepts: a fixture only the project's owner can provide (sitetools.require_shared).
ACCEPTED_SKIP = "shared fixture missing:"


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else longrepr
    return str(reason).removeprefix("Skipped: ")


def _skip_is_a_failure(report) -> None:
    """Turn a skip into a failure that names the test and why it skipped."""
    if os.environ.get(REQUIRE_ALL_TESTS) != "1" or not report.skipped \
            or hasattr(report, "wasxfail") or _skip_reason(report).startswith(ACCEPTED_SKIP):
        return
    report.outcome = "failed"
    report.longrepr = (f"{report.nodeid} was skipped ({_skip_reason(report)}), and "
                       f"{REQUIRE_ALL_TESTS}=1 makes every skip a failure: install what it "
                       "needs (.ci/run does) or fix the test")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _skip_is_a_failure(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _skip_is_a_failure(outcome.get_result())


def pytest_report_header(config) -> str:
    if os.environ.get(REQUIRE_ALL_TESTS) == "1":
        return f"{REQUIRE_ALL_TESTS}=1: every skipped test counts as a failure"
    return f"skipped tests are listed with their reason; {REQUIRE_ALL_TESTS}=1 fails them"
