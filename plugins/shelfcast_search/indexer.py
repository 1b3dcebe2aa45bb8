"""Run the Pagefind indexer over a built site (the binary ships inside the pagefind wheel)."""

from __future__ import annotations

import json
import subprocess
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


def run_index(site: Path, bundle_dir: str, exclude_selectors: list[str],
              language: str) -> IndexResult:
    """Index every HTML page under site; report a missing tool or a failed run as a problem."""
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
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=PAGEFIND_TIMEOUT)
    except subprocess.TimeoutExpired:
        return IndexResult(0, (_problem(f"Pagefind did not finish in {PAGEFIND_TIMEOUT} s; "
                                        "this is a Shelfcast bug, please report it"),))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        last = detail[-1] if detail else f"exit code {done.returncode}"
        return IndexResult(0, (_problem(f"Pagefind failed: {last}"),))
    entry = site / bundle_dir / "pagefind-entry.json"
    return IndexResult(_indexed_pages(entry))


def _indexed_pages(entry: Path) -> int:
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError):
        return 0
    return sum(language.get("page_count", 0) for language in languages.values())


def _problem(message: str) -> ContentProblem:
    return ContentProblem("(search)", None, None, message)
