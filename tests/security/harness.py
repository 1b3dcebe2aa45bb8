"""Run one hostile case in a child process and say what it did to the machine.

Each case of tests/security runs its command through guarded.py and asserts on a CaseResult:
- `changed`: every file added, changed or removed under the watched folders (the repository
  and the test's own folder), minus the paths the case is allowed to change;
- `dialled`: every non-loopback address the command tried to connect to (refused);
- `seconds` and `rss_mb`: wall time and peak resident memory of the child (os.wait4), so
  "bounded" is measured, not assumed;
- `code` and `output`: the exit code and what a librarian would read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUARDED = Path(__file__).with_name("guarded.py")
# Written by Python and pytest themselves whatever a case does.
ALWAYS_IGNORED = ("__pycache__", ".pytest_cache", ".ruff_cache")
# The limits the issue sets for one hostile case.
CASE_SECONDS = 5.0
CASE_RSS_MB = 150.0
# An import first runs the kit's check on a staged copy (issue 25): one full build of the
# project's demo content, 5 to 15 s on the shared 2-core machine under load.
LANDING_SECONDS = CASE_SECONDS + 20


@dataclass
class CaseResult:
    code: int
    output: str
    seconds: float
    rss_mb: float
    dialled: list[str]
    looked_up: list[str]
    changed: list[str] = field(default_factory=list)

    def assert_contained(self) -> None:
        """Nothing written outside the allowed folders, no foreign address dialled."""
        assert not self.changed, f"files changed outside the allowed places: {self.changed}"
        assert not self.dialled, f"dialled addresses other than loopback: {self.dialled}"

    def assert_bounded(self, seconds: float = CASE_SECONDS, rss_mb: float = CASE_RSS_MB):
        assert self.seconds <= seconds, f"took {self.seconds:.1f} s (limit {seconds} s)"
        assert self.rss_mb <= rss_mb, f"peaked at {self.rss_mb:.0f} MB RSS (limit {rss_mb} MB)"

    def assert_refused(self, *words: str) -> None:
        """A non-zero exit with one clear message (no traceback) containing every word."""
        assert self.code != 0, f"exit 0 on hostile input:\n{self.output}"
        assert "Traceback" not in self.output, self.output
        for word in words:
            assert word in self.output, f"{word!r} not in:\n{self.output}"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder (not following links) with its size and modification time."""
    found = {}
    for directory, subfolders, files in os.walk(folder):
        subfolders[:] = [s for s in subfolders if s not in ALWAYS_IGNORED]
        if Path(directory).name == ".git":
            # git's own bookkeeping changes with any worktree beside this one; what a planted
            # file could run from .git (hooks, config) stays watched.
            subfolders[:] = [s for s in subfolders if s == "hooks"]
            files = [f for f in files if f == "config"]
        for name in files:
            path = Path(directory, name)
            try:
                info = path.lstat()
            except OSError:
                continue
            found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


def retired_builds(folders: Iterable[Path]) -> set[Path]:
    """Build folders beside an output (`output.new-*`, `output.old-*`: shelfcast_sitekit.swap)
    at the top of the given folders."""
    found = set()
    for folder in folders:
        try:
            found.update(entry for entry in Path(folder).iterdir() if entry.is_dir()
                         and (".new-" in entry.name or ".old-" in entry.name))
        except OSError:
            continue
    return found


def wait_for_retired_builds(folders: list[Path], before_case: set[Path],
                            timeout: float = 60) -> None:
    """Wait until the build folders the case retired are gone: `invoke build` removes the
    output it replaced in a process of its own after it exits (swap.remove_in_background),
    and a snapshot taken meanwhile would report that folder's files as changed outside the
    allowed places. A folder still there after `timeout` is reported by the snapshot."""
    deadline = time.monotonic() + timeout
    while retired_builds(folders) - before_case and time.monotonic() < deadline:
        time.sleep(0.05)


def _allowed(path: str, allowed: Iterable[Path]) -> bool:
    return any(path == str(a) or path.startswith(str(a) + os.sep) for a in allowed)


def run_case(argv: list[str], *, cwd: Path, watch: Iterable[Path] = (),
             allowed: Iterable[Path] = (), hosts: dict[str, str] | None = None,
             env: dict[str, str] | None = None, stdin: str | None = None,
             timeout: float = 60) -> CaseResult:
    """Run `argv` (['-m', 'invoke', 'import-wordpress', ...] or ['-c', 'code']) in cwd under
    the connect guard; report files changed under `watch` (the repository is always watched)
    except under `allowed`. A case that runs past `timeout` is killed and reported as such."""
    folders = [ROOT, *(Path(w) for w in watch)]
    retired = retired_builds([*folders, Path(cwd)])
    before = {}
    for folder in folders:
        before.update(snapshot(folder))
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        child_env = {**os.environ, **(env or {}),
                     "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("plugins", "", "tests")),
                     "SHELFCAST_TEST_HOSTS": json.dumps(hosts or {}),
                     "PYTHONDONTWRITEBYTECODE": "1"}
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, str(GUARDED), str(report), *argv], cwd=cwd,
                                   env=child_env, stdin=subprocess.PIPE if stdin else
                                   subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        chunks: list[bytes] = []
        reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()))
        reader.start()
        if stdin:
            process.stdin.write(stdin.encode())
            process.stdin.close()
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN is a maximum over all).
        _, status, usage = os.wait4(process.pid, 0)
        killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        reader.join()
        output = b"".join(chunks).decode("utf-8", "replace")
        if seconds >= timeout:
            output += f"\n[killed after {timeout} s]"
        guard = json.loads(report.read_text()) if report.exists() else {"dialled": [],
                                                                          "looked_up": []}
    code = process.returncode
    # The child's own figure when it could write one (see guarded.peak_rss_mb), else wait4's.
    rss = guard.get("rss_mb") or usage.ru_maxrss / 1024
    wait_for_retired_builds([*folders, Path(cwd)], before_case=retired)
    after = {}
    for folder in folders:
        after.update(snapshot(folder))
    changed = sorted(p for p in set(before) | set(after)
                     if before.get(p) != after.get(p) and not _allowed(p, allowed))
    return CaseResult(code, output, seconds, rss, guard["dialled"], guard["looked_up"], changed)
