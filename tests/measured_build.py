"""Build a test site in a child process and measure it: exit code, messages, wall time, peak RSS.

A hostile input must end in seconds and little memory; measuring in the test process would
mix the test's own memory in, and a runaway build could take the shared machine down. The
child runs `sitekit.build.build` exactly as `Site.build` does, under a memory cap and a
timeout; its peak RSS comes from the kernel (wait4), counting the processes it started.

Run as a script (`python measured_build.py SITE [--disk-full-after N]`) it is the child.
"""

from __future__ import annotations

import builtins
import errno
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Far above what a build needs (about 150 MB) and far below what a runaway build would take.
MEMORY_CAP = 3 * 1024**3


@dataclass
class MeasuredBuild:
    code: int | None      # None when the build was killed at the timeout
    messages: str         # stdout and stderr, as a terminal shows them
    seconds: float
    peak_mb: float


def build_measured(root: Path, timeout: float = 60, disk_full_after: int | None = None
                   ) -> MeasuredBuild:
    """Build the site at `root` in a child process and measure it."""
    command = [sys.executable, str(Path(__file__).resolve()), str(root)]
    if disk_full_after is not None:
        command += ["--disk-full-after", str(disk_full_after)]
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        child = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                 preexec_fn=_cap_memory)
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        messages = out.read(1_000_000).decode("utf-8", "replace")
    code = None if child.returncode < 0 else child.returncode
    return MeasuredBuild(code, messages, seconds, usage.ru_maxrss / 1024)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def fill_disk_after(files: int) -> None:
    """Fault injection: after `files` files were opened for writing in the new build folder,
    every further one fails as on a full disk (ENOSPC), the way the kernel reports it."""
    real_open = builtins.open
    opened = []

    def open_on_a_full_disk(file, mode="r", *args, **kwargs):
        in_new_build = isinstance(file, (str, Path)) and ".new-" in os.fspath(file)
        if in_new_build and any(flag in mode for flag in "wax+"):
            opened.append(file)
            if len(opened) > files:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    builtins.open = open_on_a_full_disk


def _child(argv: list[str]) -> int:
    root = Path(argv[0]).resolve()
    if "--disk-full-after" in argv:
        fill_disk_after(int(argv[argv.index("--disk-full-after") + 1]))
    kit = TESTS.parent
    sys.path.insert(0, str(kit / "plugins"))
    from sitekit.build import build  # noqa: PLC0415 (importable once plugins/ is on the path)

    os.chdir(root)
    # The same settings as sitetools.Site.build: the kit's theme and plugins.
    return build(str(root / "pelicanconf.py"), str(root / "output"),
                 {"THEME": str(kit / "themes" / "shelfcast"),
                  "PLUGIN_PATHS": [str(kit / "plugins")]})


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
