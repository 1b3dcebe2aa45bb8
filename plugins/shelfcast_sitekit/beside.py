"""Work a plugin starts at the end of a build and the build waits for later: the search
index over the finished pages (Pagefind, 3.6 s at 5,000 posts) runs while the build encodes
its page index, strips published pictures and so on (issue 26, docs/speed.md).

Only a build made by `shelfcast_sitekit.build` offers it (it puts a list under BESIDE_KEY
and joins every job before it keeps the caches' indexes, checks the disk and swaps the
output in); anything else running Pelican finds no list and a plugin does its work at once.
A job returns the problems it found; they count as the build's, so a failed index fails the
build as before and the previous output/ stays.
"""

from __future__ import annotations

import threading

from blinker import signal

BESIDE_KEY = "SITEKIT_BESIDE"
# Sent by the build (shelfcast_sitekit.build.run_steps) with the Pelican object once every
# generator has written its pages, just before Pelican's `finalized`. Work that needs every
# page written, and nothing `finalized` handlers write (feeds, pictures, host files, the
# editor's page), may start here: the search index starts 0.4 s sooner at 5,000 posts.
pages_written = signal("shelfcast-pages-written")


class Job:
    """One piece of work in a thread of its own; `join` gives its problems (or raises what
    it raised)."""

    def __init__(self, work):
        self._problems: list = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def _run(self, work) -> None:
        try:
            self._problems = list(work())
        except BaseException as err:  # noqa: BLE001 - raised again in the build's thread
            self._error = err

    def join(self) -> list:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._problems


def offered(settings: dict) -> bool:
    """True when this build will join work started beside it."""
    return isinstance(settings.get(BESIDE_KEY), list)


def run_beside(settings: dict, work) -> None:
    """Start work() (it returns a list of problems) beside the rest of the build; only where
    `offered`."""
    settings[BESIDE_KEY].append(Job(work))


def join_all(settings: dict) -> list:
    """Wait for every job started beside the build; their problems, in the order started.
    Each is joined even when one raised (no thread outlives the build), then the first
    error is raised."""
    jobs, settings[BESIDE_KEY] = settings.get(BESIDE_KEY) or [], []
    problems, error = [], None
    for job in jobs:
        try:
            problems.extend(job.join())
        except BaseException as err:  # noqa: BLE001
            error = error or err
    if error is not None:
        raise error
    return problems
