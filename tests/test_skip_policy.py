"""Skips that hide nothing: listed with their reason normally, failures under .ci/run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SAMPLE = '''
import pytest

@pytest.fixture
def server():
    pytest.skip("frobd is not installed (Debian package: frobd)")

def test_needs_a_server(server):
    pass

def test_needs_a_tool():
    pytest.skip("frob is not installed (Debian package: frob)")

@pytest.mark.xfail(reason="a known bug")
def test_known_bug():
    assert False

def test_plain():
    pass
'''


def _run(folder: Path, require_all: bool) -> subprocess.CompletedProcess:
    (folder / "test_sample.py").write_text(SAMPLE)
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    env.pop("SHELFCAST_REQUIRE_ALL_TESTS", None)
    if require_all:
        env["SHELFCAST_REQUIRE_ALL_TESTS"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "skip_policy", "-p",
                           "no:cacheprovider", "-ra", "-q", str(folder)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


def test_without_the_variable_skips_pass_and_are_listed_with_their_reason(tmp_path):
    done = _run(tmp_path, require_all=False)
    assert done.returncode == 0, done.stdout
    assert "frobd is not installed (Debian package: frobd)" in done.stdout
    assert "frob is not installed (Debian package: frob)" in done.stdout
    assert "2 skipped" in done.stdout


@pytest.mark.parametrize("test", ["test_needs_a_server", "test_needs_a_tool"])
def test_under_ci_every_skip_fails_and_is_named_with_its_reason(tmp_path, test):
    done = _run(tmp_path, require_all=True)
    assert done.returncode == 1, done.stdout
    reason = {"test_needs_a_server": "frobd is not installed",
              "test_needs_a_tool": "frob is not installed"}[test]
    failed = [line for line in done.stdout.splitlines()
              if line.startswith(("FAILED", "ERROR")) and f"::{test}" in line]
    assert failed, done.stdout
    assert f"test_sample.py::{test} was skipped ({reason}" in done.stdout
    assert "skipped" not in done.stdout.splitlines()[-1], "a skip still counts as a skip"
    assert "1 xfailed" in done.stdout, "an expected failure is not a skip"


def test_ci_sets_the_variable():
    ci = (HERE.parent / ".ci" / "run").read_text()
    assert "SHELFCAST_REQUIRE_ALL_TESTS=1" in ci


SHARED_SAMPLE = '''
import pytest

def test_needs_the_owners_export():
    pytest.skip("shared fixture missing: ../shared/fixtures/exports (a library's real export)")

def test_needs_a_tool():
    pytest.skip("frob is not installed (Debian package: frob)")
'''


def test_under_ci_a_missing_shared_fixture_stays_a_listed_skip(tmp_path):
    """Only the project's owner can place ../shared; every other skip still fails."""
    (tmp_path / "test_shared.py").write_text(SHARED_SAMPLE)
    done = _run(tmp_path, require_all=True)
    assert done.returncode == 1, done.stdout
    assert "SKIPPED" in done.stdout and "shared fixture missing: ../shared/fixtures/exports " \
        "(a library's real export)" in done.stdout
    assert not [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))
                and "test_needs_the_owners_export" in line]
    assert "test_shared.py::test_needs_a_tool was skipped (frob" in done.stdout
