"""Build a test site in a child process and measure it: exit code, messages, wall time, peak RSS.

A hostile input must end in seconds and little memory; measuring in the test process would
mix the test's own memory in, and a runaway build could take the shared machine down. So the
test starts a small launcher (this file, `--measure`), which starts the build (this file
again) under a memory cap and a timeout, and reports the build's wall time and peak RSS from
`getrusage(RUSAGE_CHILDREN)`: the build is the launcher's only child, so that peak is the
build's own (the kernel counts the memory a process had before exec, so the build must not be
forked from pytest itself, whose memory would be counted too).

    python measured_build.py --measure TIMEOUT SITE [BUILD OPTIONS]   (the launcher)
    python measured_build.py SITE [--output PATH] [--disk-full-after N]   (the build)
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Far above what a build needs (about 150 MB) and far below what a runaway build would take.
MEMORY_CAP = 3 * 1024**3
MESSAGES_KEPT = 1_000_000  # a runaway build once printed a 2 GB line


@dataclass
class MeasuredBuild:
    code: int | None      # None when the build was killed at the timeout
    messages: str         # what the build printed (stdout and stderr), as a terminal shows it
    seconds: float
    peak_mb: float


def build_measured(root: Path, timeout: float = 60, disk_full_after: int | None = None,
                   output: Path | None = None) -> MeasuredBuild:
    """Build the site at `root` (into root/output unless told) in a grandchild process."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(timeout),
               str(root), "--output", str(output or root / "output")]
    if disk_full_after is not None:
        command += ["--disk-full-after", str(disk_full_after)]
    launcher = subprocess.run(command, cwd=root, capture_output=True, timeout=timeout + 60)
    facts = json.loads(launcher.stdout)
    return MeasuredBuild(facts["code"], launcher.stderr.decode("utf-8", "replace"),
                         facts["seconds"], facts["peak_kb"] / 1024)


def _measure(timeout: float, build_args: list[str]) -> None:
    """The launcher: run the build, pass on what it printed, report its facts as JSON."""
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        try:
            code = subprocess.run([sys.executable, str(Path(__file__).resolve()), *build_args],
                                  stdout=out, stderr=subprocess.STDOUT, preexec_fn=_cap_memory,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code = None
        seconds = time.monotonic() - start
        out.seek(0)
        sys.stderr.buffer.write(out.read(MESSAGES_KEPT))
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": code, "seconds": seconds, "peak_kb": peak_kb}))


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
    from shelfcast_sitekit.build import build  # noqa: PLC0415 (importable once plugins/ is on the path)

    os.chdir(root)
    # The same settings as sitetools.Site.build: the kit's theme and plugins.
    output = argv[argv.index("--output") + 1] if "--output" in argv else str(root / "output")
    return build(str(root / "pelicanconf.py"), output,
                 {"THEME": str(kit / "themes" / "shelfcast"),
                  "PLUGIN_PATHS": [str(kit / "plugins")]})


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        _measure(float(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit(_child(sys.argv[1:]))
