"""Render a cold build's pages on both cores: forked workers render a share of the pages
(on a warm build, check it).

Rendering posts, listings and tag pages is the largest part of a cold build, in one process.
Once every generator's context is complete (Pelican asks for its writer then), the build
forks workers (`fork`: each inherits the whole site in memory, nothing is read or sent
twice). A worker runs the same `generate_output` of Pelican's own generators (posts and
pages) with a writer that writes nothing: of the pages those ask for, in order, it renders
those whose order number falls to it (number modulo the processes) and sends each back
as JSON over a pipe: the text, the page cache's entry, the problems its rendering logged
and the effects it noted (`pagecache.note_effect`). The build itself runs Pelican's loop as
always; at a worker's page it takes the text instead of rendering, and applies the rest as
it does for a page taken from the last build (effects replayed, problems added), then writes
the file itself. So every file, signal, sitemap line and plugin's own file is made once, by
the build, in the order of one process: the output is byte for byte the same
(tests/speed/test_render_pool.py).

Plugins' generators (podcast, music, galleries...) write files of their own beside their
pages and are rendered by the build alone. A worker that fails or sends something else than
the page asked for is dropped; the build renders its pages (the result is the same, slower).

A warm build (the page cache can give most pages) forks the same workers to check pages
instead: the largest part of its page loop is checking each page's recorded inputs against
the last build's (issue 26). A warm worker sends, for each of its pages the last build's file
gives as it is, only that verdict (no text: the build links the previous file, as it does for
its own pages) with what it found of the output files the page read; every other page it
sends as "render it here", and the build checks and renders it itself. A warm worker goes
on past Pelican's generators through each following one that hands its pages alone
(`write_pages(writer)`: every page of its `generate_output`, in the same order, and nothing
else written; the podcast's episode pages), up to the first that does not (`worker_steps`).
Cold, it stops after Pelican's: those pages read files the build writes beside them as it
goes (an episode's cover), and a rendered text is taken without comparing them.

Only for a site of many posts and pages, with the page cache on, on a system with `fork`,
and never while other threads run (a fork copies their locks: `make serve`).
`SITEKIT = {"render_workers": 1}` in the settings turns it off.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import struct
import sys
import threading
from contextlib import nullcontext
from dataclasses import dataclass, field

from pelican.generators import ArticlesGenerator, PagesGenerator

from . import cachefile
from .limits import sitekit_option
from .problems import ContentProblem

try:
    import fcntl
except ImportError:  # not POSIX: no fork either, so no pool
    fcntl = None

SETTING = "render_workers"  # of SITEKIT
POOL_KEY = "SITEKIT_RENDER_POOL"
# Fewer posts and pages than this: a fork and a second process's start cost more than it saves.
MIN_CONTENTS = 200
# The generators whose pages workers render: they write nothing but through the writer.
POOLED = (ArticlesGenerator, PagesGenerator)
LENGTH = struct.Struct(">Q")
# How far a worker may run ahead of the build, in bytes of pages sent and not yet taken (about
# 50 posts with their entries). With a pipe's default 64 KiB (three or four pages) the two
# processes went in lock step: at 5,000 posts the worker was blocked sending for 6.7 s while
# the build rendered a long page, and the build waited 4.2 s for the worker's next one, of a
# 22.7 s render (docs/speed.md, branch cold26).
PIPE_BYTES = 1 << 20


# --- the split: pure ----------------------------------------------------------------------

# Of every BUILD_PAGES + WORKER_PAGES pages the build renders BUILD_PAGES, a worker
# WORKER_PAGES: the build also writes every file, sends Pelican's signals and takes the
# workers' pages. With one page each, at 5,000 posts, the worker used 10.2 s of CPU to the
# build's 13.1 s and sat 6.6 s blocked with its pages unread (docs/speed.md, branch cold26).
BUILD_PAGES, WORKER_PAGES = 5, 6

# The templates of a post's or a page's own page (Pelican's, and the theme's): most of what
# such a page reads is its post's own fields, which no listing page shares.
OWN_PAGE_TEMPLATES = frozenset({"article.html", "page.html"})


def owner(index: int, processes: int, template: str | None = None, warm: bool = False) -> int:
    """Which process renders (or, warm, checks) the index-th page: 0 is the build, 1.. the
    workers. Cold: short runs in turn (5 pages for the build, then 6 for each worker), so long
    and short pages (listings, posts) fall evenly.
    Warm: the build checks posts' and pages' own pages and the workers the listings. Checking
    a page fingerprints each (post, field) it read once per process, and a listing reads a
    little of many posts: alternated, both processes fingerprinted most of the site's fields
    (195,231 against 148,415 in one process at 5,000 posts); apart, the two halves
    share little and cost about the same (issue 26, docs/speed.md)."""
    if not warm:
        position = index % (BUILD_PAGES + WORKER_PAGES * (processes - 1))
        return 0 if position < BUILD_PAGES else 1 + (position - BUILD_PAGES) // WORKER_PAGES
    if template in OWN_PAGE_TEMPLATES or processes < 2:
        return 0
    return 1 + index % (processes - 1)


def wanted(workers, contents: int) -> bool:
    """True when a pool pays: more than one process asked for and a site of many posts and
    pages (to render on a cold build, to check on a warm one)."""
    return type(workers) is int and workers > 1 and contents >= MIN_CONTENTS


def checks_only(contents: int, reusable: int) -> bool:
    """True for a warm build (the page cache can give most pages): its workers check pages'
    recorded inputs and send verdicts, not texts; the build renders the few pages left."""
    return reusable >= contents // 2


# --- messages: JSON, never pickle -----------------------------------------------------------

def page_message(index: int, name: str, text: str, how: str, entry, effects,
                 problems) -> bytes:
    """One page a worker rendered (or took from the last build); NotCacheable if an
    effect's arguments are not plain values (then the build renders the page)."""
    return _framed({"index": index, "name": name, "text": text, "how": how,
                    "entry": None if entry is None else entry.to_json(),
                    "effects": [[handler, cachefile.encode(tuple(arguments))]
                                for handler, arguments in effects],
                    "problems": [p.to_json() for p in problems]})


def verdict_message(index: int, name: str, outputs: list, mark: list | None = None) -> bytes:
    """A warm worker's page that the last build's file gives as it is: no text (the build
    links the file); `outputs`, [[output file, digest hex]], what the worker found of the
    output files the page read (the build compares them with what it finds); `mark`, what
    the page cache's mark test says of the file's bytes, and their length (pagecache.marks)."""
    return _framed({"index": index, "name": name, "how": "reused", "outputs": outputs,
                    "mark": mark})


def render_here_message(index: int, name: str) -> bytes:
    return _framed({"index": index, "name": name, "render_here": True})


def end_message() -> bytes:
    return _framed({"end": True})


def _framed(data) -> bytes:
    body = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("utf-8",
                                                                           "surrogatepass")
    return LENGTH.pack(len(body)) + body


def read_message(stream) -> dict | None:
    """The next message from a worker, or None at its end (it exited or failed)."""
    head = stream.read(LENGTH.size)
    if len(head) != LENGTH.size:
        return None
    body = stream.read(LENGTH.unpack(head)[0])
    try:
        data = json.loads(body.decode("utf-8", "surrogatepass"))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


@dataclass
class Taken:
    """A page a worker made, as the build applies it."""

    text: str | None     # None: a warm worker's verdict (the last build's page as it is)
    how: str             # "rendered", or "reused" (taken from the last build)
    entry: object        # pagecache.Entry or None
    effects: list        # (handler, arguments)
    problems: list       # ContentProblem
    outputs: list = field(default_factory=list)  # a verdict's (output file, digest hex)
    mark: tuple | None = None  # a verdict's (mark test's answer, length of the file)


def taken_from(message: dict, index: int, name: str) -> Taken | None:
    """The worker's page if the message is that page's; None otherwise (render it here)."""
    from .pagecache import Entry, _effect

    if message.get("index") != index or message.get("name") != name \
            or message.get("render_here"):
        return None
    if "text" not in message:
        return _verdict(message)
    if type(message.get("text")) is not str or message.get("how") not in ("rendered", "reused"):
        return None
    try:
        entry = None if message.get("entry") is None else Entry.from_json(message["entry"])
        effects = [_effect(e) for e in message.get("effects") or []]
        problems = [ContentProblem.from_json(p) for p in message.get("problems") or []]
    except cachefile.NotCacheable:
        return None
    return Taken(message["text"], message["how"], entry, effects, problems)


def _verdict(message: dict) -> Taken | None:
    outputs = message.get("outputs")
    if message.get("how") != "reused" or type(outputs) is not list or not all(
            type(pair) is list and len(pair) == 2 and all(type(part) is str for part in pair)
            for pair in outputs):
        return None
    mark = message.get("mark")
    if not (mark is None or (type(mark) is list and len(mark) == 2 and type(mark[0]) is bool
                             and type(mark[1]) is int)):
        return None
    return Taken(None, "reused", None, [], [], [tuple(pair) for pair in outputs],
                 tuple(mark) if mark is not None else None)


# --- the build's side ------------------------------------------------------------------------

@dataclass
class Pool:
    """The build's view of its workers: which page is next, and the workers' pipes."""

    processes: int
    warm: bool = False                             # the workers check pages (see owner)
    streams: dict = field(default_factory=dict)    # worker number -> its pipe (read end)
    workers: list = field(default_factory=list)    # multiprocessing processes
    index: int = 0
    taken: int = 0                                 # pages the workers made

    def next_index(self) -> int:
        index, self.index = self.index, self.index + 1
        return index

    def take(self, index: int, name: str, template: str | None = None) -> Taken | None:
        """The worker's page for this index, or None: the build's own, or a worker that is
        done (past Pelican's own generators), failed, or out of step."""
        number = owner(index, self.processes, template, self.warm)
        stream = self.streams.get(number)
        if stream is None:
            return None
        message = read_message(stream)
        if message is None or message.get("end"):
            self._drop(number)
            return None
        taken = taken_from(message, index, name)
        if taken is None and not message.get("render_here"):
            self._drop(number)  # out of step: nothing more from it is trusted
        if taken is not None:
            self.taken += 1
        return taken

    def _drop(self, number: int) -> None:
        stream = self.streams.pop(number, None)
        if stream is not None:
            stream.close()

    def stop(self) -> None:
        for number in list(self.streams):
            self._drop(number)  # a worker still writing gets a broken pipe and ends
        for worker in self.workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()
                worker.join()
        self.workers = []


def pipe(size: int = PIPE_BYTES) -> tuple[int, int]:
    """(read end, write end) of a pipe whose buffer holds `size` bytes where the system lets
    it (Linux's F_SETPIPE_SZ, up to /proc/sys/fs/pipe-max-size, 1 MiB by default); the
    system's default buffer elsewhere (the pool works the same, in closer step)."""
    read_end, write_end = os.pipe()
    if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, size)
        except OSError:
            pass  # over the system's limit for this user: keep the default
    return read_end, write_end


def worker_steps(generators, warm: bool) -> list:
    """What a worker runs, in the build's order: Pelican's own generators' output, then (warm)
    each following generator's `write_pages`, up to the first generator that offers neither.
    The build counts every page it writes in this same order, so a worker's page numbers stay
    those of the build's pages up to where the worker stops."""
    steps = []
    for generator in generators:
        if isinstance(generator, POOLED):
            steps.append(generator.generate_output)
        elif warm and callable(getattr(generator, "write_pages", None)):
            steps.append(generator.write_pages)
        else:
            break
    return steps


def remember_generators(generators) -> None:
    """all_generators_finalized: the pool starts later, when Pelican asks for its writer
    (after the posts' links are refreshed), and needs the generators then."""
    if generators:
        generators[0].settings[POOL_KEY] = list(generators)


def start(settings: dict) -> None:
    """Fork the workers if a pool pays (see the module docstring)."""
    from .pagecache import page_cache

    generators = settings.get(POOL_KEY)
    cache = page_cache(settings)
    settings[POOL_KEY] = None
    if not isinstance(generators, list) or cache is None or cache.pool is not None:
        return
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return
    pooled = [g for g in generators if isinstance(g, POOLED)]
    contents = sum(len(getattr(g, name, ())) for g in pooled
                   for name in ("articles", "translations", "pages", "hidden_articles",
                                "hidden_translations", "hidden_pages"))
    workers = sitekit_option(settings, SETTING)
    if not wanted(workers, contents):
        return
    shared = cache.shared()  # once, before the fork: every process needs it
    reusable = sum(1 for entry in cache.previous.values() if entry.shared == shared)
    warm = checks_only(contents, reusable)
    steps = worker_steps(generators, warm)
    if not steps:
        return
    pool = Pool(workers, warm)
    context = multiprocessing.get_context("fork")
    for number in range(1, workers):
        read_end, write_end = pipe()
        sys.stdout.flush()  # a buffer copied into the child would be printed twice
        sys.stderr.flush()
        worker = context.Process(target=_work, args=(steps, settings, number, workers, warm,
                                                     write_end, read_end), daemon=True)
        try:
            worker.start()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            break
        os.close(write_end)
        pool.workers.append(worker)
        pool.streams[number] = os.fdopen(read_end, "rb")
    if pool.workers:
        cache.pool = pool


def stop(settings: dict) -> None:
    """After the pages are written, or when the build stops early: no worker outlives it."""
    from .pagecache import page_cache

    cache = page_cache(settings)
    pool = cache.pool if cache is not None else None
    if pool is not None:
        cache.pool = None
        pool.stop()


# --- a worker -------------------------------------------------------------------------------

@dataclass
class WorkerShare:
    """A worker's view: its number and where its pages go."""

    number: int
    processes: int
    out: object
    warm: bool = False   # send verdicts on the last build's pages, render nothing
    index: int = 0

    def next_index(self) -> int:
        index, self.index = self.index, self.index + 1
        return index

    def mine(self, index: int, template: str | None = None) -> bool:
        return owner(index, self.processes, template, self.warm) == self.number

    def send(self, message: bytes) -> None:
        self.out.write(message)
        self.out.flush()  # the build may be waiting for this page now


class _Discard:
    """Where a worker's writer 'writes' a page: the build writes it."""

    def write(self, text) -> int:
        return len(text)


def _writer_class():
    from .pagecache import PageCacheWriter

    class RenderOnlyWriter(PageCacheWriter):
        """A worker's writer: renders as the build's does (same pages, same order, same
        contexts), writes no file and no feed (the build writes them)."""

        def write_feed(self, *args, **kwargs):
            return None

        def _open_w(self, filename, encoding, override=False):
            return nullcontext(_Discard())

    return RenderOnlyWriter


def _work(steps, settings, number, processes, warm, write_end, read_end) -> None:
    """In a forked worker: render (or, warm, check) this worker's share of the pages its
    steps (worker_steps) hand the writer."""
    from .pagecache import page_cache

    os.close(read_end)
    code = 1
    try:
        with os.fdopen(write_end, "wb") as out:
            cache = page_cache(settings)
            cache.pool = None
            cache.share = WorkerShare(number, processes, out, warm)
            writer = _writer_class()(steps[0].__self__.output_path, settings=settings)
            for step in steps:
                step(writer)
            out.write(end_message())
        code = 0
    except BaseException:  # noqa: BLE001 - the build renders what a worker could not
        code = 1
    finally:
        os._exit(code)  # no atexit, no finalizer of the build's objects runs twice


def note_worker_page(share: WorkerShare, index: int, name: str, text: str, how: str,
                     entry, effects, problems) -> None:
    try:
        message = page_message(index, name, text, how, entry, effects, problems)
    except cachefile.NotCacheable:
        message = render_here_message(index, name)
    share.send(message)

