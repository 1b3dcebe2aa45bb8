"""Run the Pagefind indexer over a built site (the binary ships inside the pagefind wheel)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from shelfcast_sitekit.problems import ContentProblem

# Pagefind indexes thousands of pages in seconds; this only stops a hang from running forever.
PAGEFIND_TIMEOUT = 600


@dataclass(frozen=True)
class IndexResult:
    """What one indexing run reported; problems is empty when it worked."""

    pages: int
    problems: tuple[ContentProblem, ...] = ()
    stopped: bool = False  # stopped on request (run_index's `stop`): no index was made


def pagefind_executable() -> Path | None:
    """The Pagefind binary from the installed wheel, or None when it is not installed."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            return None
    try:
        return Path(get_executable())
    except FileNotFoundError:
        return None


def pagefind_command(executable: Path, site: Path, bundle_dir: str,
                     exclude_selectors: list[str], language: str) -> list[str]:
    """The command line that indexes site into site/bundle_dir."""
    # One index in the site's language: otherwise Pagefind splits the index by each page's
    # lang and the search page would never find the Danish post on an English site.
    command = [str(executable), "--site", str(site), "--output-subdir", bundle_dir,
               "--force-language", language, "--silent"]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    return command


# Runs a command at the lowest CPU priority: os.nice in the child itself, before Pagefind
# starts its threads (they inherit it; renicing the child from here would reach only its first
# thread, and subprocess's preexec_fn is unsafe in a process with threads).
LOW_PRIORITY = ("import os, sys\nif hasattr(os, 'nice'): os.nice(19)\n"
                "os.execv(sys.argv[1], sys.argv[1:])")


def run_index(site: Path, bundle_dir: str, exclude_selectors: list[str],
              language: str, stop: threading.Event | None = None,
              low_priority: bool = False) -> IndexResult:
    """Index every HTML page under site; report a missing tool or a failed run as a problem.
    `stop`: set it to end the run early (then nothing is reported and `stopped` is true; what
    Pagefind wrote under bundle_dir may be half done). `low_priority`: Pagefind gets the CPU
    only when nothing else wants it (the preview's index, made while the librarian saves)."""
    executable = pagefind_executable()
    if executable is None:
        return IndexResult(0, (_problem("the pagefind package is not installed; run "
                                        "`make venv` (it is in requirements.txt)"),))
    if (site / bundle_dir).exists():
        # Pagefind hangs when its files' paths are taken (an alias made pagefind/pagefind.js/).
        return IndexResult(0, (_problem(f"output/{bundle_dir}/ already exists before the "
            "search index is written; an `aliases:` entry or a file in content/ uses that "
            "folder: move it elsewhere"),))
    command = pagefind_command(executable, site, bundle_dir, exclude_selectors, language)
    if low_priority:
        command = [sys.executable, "-c", LOW_PRIORITY, *command]
    if stop is None:
        stop = threading.Event()  # never set
    if stop.is_set():
        return IndexResult(0, stopped=True)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        output = _Output(child)
        deadline = time.monotonic() + PAGEFIND_TIMEOUT
        while child.poll() is None:
            if stop.wait(0.05) or time.monotonic() > deadline:
                child.kill()
                child.wait()
                output.join()
                if stop.is_set():
                    return IndexResult(0, stopped=True)
                return IndexResult(0, (_problem(
                    f"Pagefind did not finish in {PAGEFIND_TIMEOUT} s; "
                    "this is a Shelfcast bug, please report it"),))
        stdout, stderr = output.join()
    if child.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()
        last = detail[-1] if detail else f"exit code {child.returncode}"
        return IndexResult(0, (_problem(f"Pagefind failed: {last}"),))
    entry = site / bundle_dir / "pagefind-entry.json"
    return IndexResult(_indexed_pages(entry))


class _Output:
    """A child's stdout and stderr read in threads (a full pipe would stop it)."""

    def __init__(self, child):
        self._texts = {}
        self._threads = [threading.Thread(target=self._read, args=(name, stream), daemon=True)
                         for name, stream in (("out", child.stdout), ("err", child.stderr))]
        for thread in self._threads:
            thread.start()

    def _read(self, name, stream):
        self._texts[name] = stream.read()

    def join(self) -> tuple[str, str]:
        for thread in self._threads:
            thread.join()
        return self._texts.get("out", ""), self._texts.get("err", "")


def _indexed_pages(entry: Path) -> int:
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError):
        return 0
    return sum(language.get("page_count", 0) for language in languages.values())


def _problem(message: str) -> ContentProblem:
    return ContentProblem("(search)", None, None, message)
