"""The build's output/ swap: killed at every step, output/ is always one whole build.

Each kill is a real SIGKILL of a build running in a subprocess, at a named point in the code
(SHELFCAST_KILL_AT), so no clean-up code runs, as after a power cut or `kill -9`.
"""

from __future__ import annotations

import fcntl
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from shelfcast_sitekit.build import build
from shelfcast_sitekit.swap import exchange, remove_in_background
from sitetools import (
    ROOT,
    Site,
    tree_digest,  # noqa: F401 (used by this module and its importers)
)

POST = """
    ---
    title: Opening hours
    date: 2026-01-05
    tags: [hours]
    ---
    {text}
"""
VERSIONS = ("We open at eight.", "We open at nine, from March on.")
RUNNER = """
import sys
sys.path.insert(0, {plugins!r})
from shelfcast_sitekit import build, swap
if {no_exchange!r}:
    swap.exchange = lambda first, second: False
sys.exit(build.build("pelicanconf.py", "output", {overrides!r}))
"""
OVERRIDES = {"THEME": str(ROOT / "themes" / "shelfcast"), "PLUGIN_PATHS": [str(ROOT / "plugins")]}
# The steps in the order a build reaches them; a kill at each leaves another state on disk.
EXCHANGE_STEPS = ("build:started", "swap:staged", "swap:exchanged", "swap:removing-old")
TWO_RENAME_STEPS = ("build:started", "swap:staged", "swap:retired", "swap:removing-old")



def write_version(site: Site, number: int) -> None:
    site.write("posts/news/hours.md", POST.format(text=VERSIONS[number]))


def run_build(site: Site, kill_at: str | None = None, no_exchange: bool = False):
    env = {k: v for k, v in os.environ.items() if k != "SHELFCAST_KILL_AT"}
    if kill_at:
        env["SHELFCAST_KILL_AT"] = kill_at
    code = RUNNER.format(plugins=str(ROOT / "plugins"), no_exchange=no_exchange,
                         overrides=OVERRIDES)
    return subprocess.run([sys.executable, "-c", code], cwd=site.root, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def versions(tmp_path) -> list[dict]:
    """What output/ holds after a whole build of each version, built in a folder of its own."""
    found = []
    for number in range(len(VERSIONS)):
        reference = new_site(tmp_path / f"reference-{number}")
        write_version(reference, number)
        assert reference.build() == 0, reference.messages
        found.append(tree_digest(reference.output))
    assert found[0] != found[1]
    return found


def new_site(folder: Path) -> Site:
    folder.mkdir()
    return Site(folder)


def can_exchange(folder: Path) -> bool:
    """Whether this system and file system swap two folders in one step."""
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    (folder / "a" / "mark").write_text("a")
    return exchange(str(folder / "a"), str(folder / "b")) and (folder / "b" / "mark").exists()


def siblings(site: Site) -> set[str]:
    # .cache (CACHE_PATH: read posts, audio facts) is kept on purpose between builds.
    return {p.name for p in site.root.iterdir() if p.name not in ("__pycache__", ".cache")}


@pytest.mark.parametrize(("no_exchange", "steps"), [(False, EXCHANGE_STEPS),
                                                     (True, TWO_RENAME_STEPS)],
                         ids=["exchange", "two-renames"])
def test_a_build_killed_at_any_step_leaves_a_whole_output_and_the_next_build_no_litter(
        tmp_path, versions, no_exchange, steps):
    (tmp_path / "probe").mkdir()
    if not no_exchange and not can_exchange(tmp_path / "probe"):
        pytest.skip("this file system cannot swap two folders in one step (renameat2 "
                    "RENAME_EXCHANGE); the two-rename fallback is tested")
    site = new_site(tmp_path / "site")
    write_version(site, 0)
    assert site.build() == 0, site.messages
    clean = siblings(site)
    assert clean == {"content", "output", "pelicanconf.py", "library.py"}
    current = 0
    for step in steps:
        wanted = 1 - current
        write_version(site, wanted)
        killed = run_build(site, kill_at=step, no_exchange=no_exchange)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stdout, killed.stderr)
        assert siblings(site) != clean, f"a kill at {step} should leave something to clean"
        if no_exchange and step == "swap:retired":
            # Without an exchange rename the gap between the two renames remains; the next
            # build (below) puts the old build back before anything else.
            assert not site.output.exists()
        else:
            assert tree_digest(site.output) in (versions[current], versions[wanted]), step
        finished = run_build(site, no_exchange=no_exchange)
        assert finished.returncode == 0, finished.stdout + finished.stderr
        assert tree_digest(site.output) == versions[wanted], step
        assert siblings(site) == clean, step
        current = wanted


def test_the_old_build_is_put_back_when_a_kill_left_no_output(tmp_path, versions):
    site = new_site(tmp_path / "site")
    write_version(site, 0)
    assert site.build() == 0, site.messages
    write_version(site, 1)
    assert run_build(site, kill_at="swap:retired", no_exchange=True).returncode == -9
    # The next build fails on a content error: output/ must still be back, the old build.
    site.write("posts/news/broken.md", "---\ntitle: Broken\ndate: 31/02/2026\n---\n")
    failed = run_build(site)
    assert failed.returncode == 1
    assert tree_digest(site.output) == versions[0]
    assert siblings(site) == {"content", "output", "pelicanconf.py", "library.py"}


def test_litter_of_earlier_builds_goes_but_a_running_build_keeps_its_folder(tmp_path):
    site = new_site(tmp_path / "site")
    write_version(site, 0)
    for name in ("output.new-k2j4h1", "output.old-x8f0aa", "output.new-running"):
        (site.root / name / "posts").mkdir(parents=True)
        (site.root / name / "posts" / "index.html").write_text("left over")
    running = os.open(site.root / "output.new-running", os.O_RDONLY)
    try:
        fcntl.flock(running, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert site.build() == 0, site.messages
        assert siblings(site) == {"content", "output", "pelicanconf.py", "library.py",
                                  "output.new-running"}
    finally:
        os.close(running)
    assert site.build() == 0, site.messages
    assert siblings(site) == {"content", "output", "pelicanconf.py", "library.py"}


def test_an_output_that_is_a_link_is_replaced_and_what_it_pointed_to_is_kept(tmp_path):
    site = new_site(tmp_path / "site")
    write_version(site, 0)
    elsewhere = tmp_path / "var-www"
    (elsewhere / "keep").mkdir(parents=True)
    (elsewhere / "keep" / "index.html").write_text("the host's own page")
    site.output.symlink_to(elsewhere)
    assert site.build() == 0, site.messages
    assert site.output.is_dir() and not site.output.is_symlink()
    assert (elsewhere / "keep" / "index.html").read_text() == "the host's own page"
    assert siblings(site) == {"content", "output", "pelicanconf.py", "library.py"}


def gone(path: Path, seconds: float = 60.0) -> bool:
    """Whether path is gone within `seconds` (a removal in another process)."""
    deadline = time.monotonic() + seconds
    while os.path.lexists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_retired_build_is_removed_after_the_build_lets_go_of_it(tmp_path):
    retired = tmp_path / "output.new-abc123"
    (retired / "posts").mkdir(parents=True)
    (retired / "posts" / "index.html").write_text("the old build")
    held = os.open(retired, os.O_RDONLY)  # the build holds it until its swap is done
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        remove_in_background(str(retired))
        # The remover waits for the build: nothing of the folder goes while it is held.
        assert (retired / "posts" / "index.html").read_text() == "the old build"
    finally:
        os.close(held)
    assert gone(retired)


def test_a_retired_link_is_removed_and_what_it_pointed_to_is_kept(tmp_path):
    kept = tmp_path / "elsewhere"
    kept.mkdir()
    (kept / "index.html").write_text("not the build's")
    link = tmp_path / "output.new-abc123"
    link.symlink_to(kept)
    remove_in_background(str(link))
    assert not os.path.lexists(link)
    assert (kept / "index.html").read_text() == "not the build's"


def test_builds_that_remove_the_old_output_after_them_leave_a_whole_output_and_no_litter(
        tmp_path, versions):
    site = new_site(tmp_path / "site")
    for number in (0, 1, 0):
        write_version(site, number)
        cwd = os.getcwd()
        os.chdir(site.root)
        try:
            code = build("pelicanconf.py", "output", OVERRIDES, stream=io.StringIO(),
                         remove_old=remove_in_background)
        finally:
            os.chdir(cwd)
        assert code == 0
        assert tree_digest(site.output) == versions[number]
    litter = [p for p in site.root.iterdir() if p.name.startswith("output.")]
    assert all(gone(p) for p in litter), litter
