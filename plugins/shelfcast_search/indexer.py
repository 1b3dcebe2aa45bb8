"""Run the Pagefind indexer over a built site (the binary ships inside the pagefind wheel)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from shelfcast_sitekit.paths import relative_path
from shelfcast_sitekit.problems import ContentProblem
from shelfcast_sitekit.swap import NEW, try_lock

from . import parts
from .bundle import (
    ENTRY,
    FRAGMENTS,
    Checked,
    check_linked,
    link_last_bundle,
    page_urls,
    pagefind_version,
    settle,
)

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
              low_priority: bool = False, known: dict | None = None,
              previous: Path | None = None, per_part: int | None = None) -> IndexResult:
    """Index every HTML page under site; report a missing tool or a failed run as a problem.
    `stop`: set it to end the run early (then nothing is reported and `stopped` is true; what
    Pagefind wrote under bundle_dir may be half done). `low_priority`: Pagefind gets the CPU
    only when nothing else wants it (the preview's index, made while the librarian saves).
    `known`: what the build knows of its pages' marks (`marked_pages`); `previous`: the last
    build's bundle (`start_index`); `per_part`: the most pages in one part of the index
    (shelfcast_search.parts)."""
    return start_index(site, bundle_dir, exclude_selectors, language, stop, low_priority,
                       known, previous, per_part)()


def start_index(site: Path, bundle_dir: str, exclude_selectors: list[str],
                language: str, stop: threading.Event | None = None,
                low_priority: bool = False, known: dict | None = None,
                previous: Path | None = None, per_part: int | None = None):
    """`run_index` in two steps: the pages Pagefind reads are found and linked into their
    folder now, in the caller's thread; the function returned runs Pagefind over them (and
    removes the folder), in any thread. `make build` runs that function beside the end of
    the build (shelfcast_sitekit.beside): the finding and linking, thousands of small system
    calls, each waited there for the interpreter's lock the build's own Python work held
    (0.8 s for the links where they take 0.1 s alone; docs/speed.md). `previous`: the last
    build's bundle, whose files Pagefind need not write again (shelfcast_search.bundle), and
    whose parts are taken where their pages are the same (`per_part`: shelfcast_search.parts).
    """
    executable = pagefind_executable()
    if executable is None:
        return _reporting(_problem("the pagefind package is not installed; run "
                                   "`make venv` (it is in requirements.txt)"))
    if (site / bundle_dir).exists():
        # Pagefind hangs when its files' paths are taken (an alias made pagefind/pagefind.js/).
        return _reporting(_problem(f"output/{bundle_dir}/ already exists before the "
            "search index is written; an `aliases:` entry or a file in content/ uses that "
            "folder: move it elsewhere"))
    if stop is None:
        stop = threading.Event()  # never set
    if stop.is_set():
        return lambda: IndexResult(0, stopped=True)
    # The preview's index (low priority, in the preview's own process, after the reload) is
    # planned (in parts, of the marked pages) only when it is told its pages' marks: a scan
    # reading every page for its mark is Python's work, and beside the server that
    # serves the reloaded page it made each save 0.2 s slower to show (docs/speed.md).
    stack = contextlib.ExitStack()
    planned = None if low_priority and known is None else stack.enter_context(
        parts_planned(site, known, per_part, previous, bundle_dir, exclude_selectors, language))
    if planned is None:  # Pagefind reads the site folder itself: one index
        planned = Plan(parts.arguments_digest(pagefind_version(), exclude_selectors,
                                              language, 1),
                       [Part(0, site, None, None)])

    @_reads_whole_site(planned.parts[0].folder == site)
    def index() -> IndexResult:
        with stack:
            pages = 0
            for part in planned.parts:
                if stop.is_set():
                    return IndexResult(0, stopped=True)
                bundle = part.folder / bundle_dir
                if part.taken is not None and _taken_whole(bundle, part.taken):
                    pages += _indexed_pages(bundle / ENTRY)
                    continue
                if part.taken is not None:  # not as it was made: made again, from nothing
                    shutil.rmtree(bundle, ignore_errors=True)
                    part.linked = []
                    if not _linked_into(site, str(part.folder), part.pages):
                        return IndexResult(0, (_problem(
                            "the search index could not link its pages (hard links refused)"),))
                result = _index_part(executable, part.folder, bundle_dir, exclude_selectors,
                                     language, stop, low_priority, part.linked, part.pages)
                if result.problems or result.stopped:
                    return result
                pages += result.pages
            first = planned.parts[0].folder
            if first != site:
                (site / bundle_dir).parent.mkdir(parents=True, exist_ok=True)
                os.rename(first / bundle_dir, site / bundle_dir)
                for part in planned.parts[1:]:
                    os.rename(part.folder / bundle_dir,
                              site / bundle_dir / parts.part_folder(part.number))
            parts.write_manifest(site / bundle_dir, parts.manifest(
                planned.arguments, [part.digest for part in planned.parts]))
        return IndexResult(pages)

    return index


@dataclass
class Part:
    """One part of the index as planned: its folder (the site, or one holding its pages for
    Pagefind), its pages (None: the whole site), their digest, and either the last build's
    files taken into folder/bundle (`taken`) or the last build's fragments linked there."""

    number: int
    folder: Path
    pages: list[str] | None
    digest: str | None
    taken: list[str] | None = None
    linked: list[str] = field(default_factory=list)


@dataclass
class Plan:
    arguments: str  # parts.arguments_digest: what else the index is made from
    parts: list[Part]


def _taken_whole(bundle: Path, taken: list[str]) -> bool:
    """A part taken from the last build holds its entry file and fragments that hold what
    their names say (checked here, beside the build: the reading and unpacking is its work)."""
    fragments = [name for name in taken if name.startswith(FRAGMENTS + "/")]
    return (bundle / ENTRY).is_file() and not check_linked(bundle, fragments).bad


def _index_part(executable: Path, folder: Path, bundle_dir: str, exclude_selectors: list[str],
                language: str, stop: threading.Event, low_priority: bool, linked: list[str],
                listed: list[str] | None) -> IndexResult:
    """Pagefind over the pages in folder, into folder/bundle_dir, starting from the linked
    fragments of the last index (made again from nothing when what it left is not right)."""
    bundle = folder / bundle_dir
    # The linked files are checked while Pagefind works, not after it.
    checking = _Checking(bundle, linked)
    result = _run_pagefind(executable, folder, bundle_dir, exclude_selectors, language,
                           stop, low_priority)
    checked = checking.join()
    if linked and not result.problems and not result.stopped \
            and not settle(bundle, linked, checked, page_urls(listed)):
        shutil.rmtree(bundle, ignore_errors=True)  # made again from nothing
        result = _run_pagefind(executable, folder, bundle_dir, exclude_selectors,
                               language, stop, low_priority)
    return result


def _reporting(problem: ContentProblem):
    return _reads_whole_site(True)(lambda: IndexResult(0, (problem,)))


def _reads_whole_site(whole: bool):
    """Marks an index run: `whole_site` is true when Pagefind will read the site folder itself
    (every page there when it runs), false when it reads the pages linked for it now."""
    def marked(index):
        index.whole_site = whole
        return index
    return marked


def _run_pagefind(executable: Path, site: Path, bundle_dir: str, exclude_selectors: list[str],
                  language: str, stop: threading.Event, low_priority: bool) -> IndexResult:
    command = pagefind_command(executable, site, bundle_dir, exclude_selectors, language)
    if low_priority:
        command = [sys.executable, "-c", LOW_PRIORITY, *command]
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


BODY_MARK = b"data-pagefind-body"
AFTER_NAME = frozenset(b" \t\n\r\f=/>")


def has_body_mark(page: bytes) -> bool:
    """Whether a tag of the page carries Pagefind's `data-pagefind-body` attribute (in any
    case, as HTML allows). The name found, then its place checked (after white space, inside
    a tag: a `<` since the last `>`); a regular expression doing both took 0.6 s over the
    bench's 8,694 pages, this 0.1 s."""
    lower = page.lower()
    at = lower.find(BODY_MARK)
    while at != -1:
        end = at + len(BODY_MARK)
        if lower[at - 1:at].isspace() and (end == len(lower) or lower[end] in AFTER_NAME) \
                and lower.rfind(b"<", 0, at) > lower.rfind(b">", 0, at):
            return True
        at = lower.find(BODY_MARK, end)
    return False


# What Pagefind reads as pages (its default glob, `**/*.{html}`).
PAGE_SUFFIX = ".html"


def marked_pages(site: Path, known: dict | None = None) -> list[str] | None:
    """The pages Pagefind would index (relative paths): those with a tag marked
    `data-pagefind-body`. None when Pagefind must see the whole site: no page is marked (it
    then indexes every page), or a link (it may follow it).

    `known`: {path in site: (marked, length, digest)} of pages whose bytes the build had at hand as
    it wrote them (shelfcast_sitekit.pagecache.page_marks); such a page is not read again
    while its file still has that length. Reading and scanning all 8,694 pages of the bench
    site took about 1 s here, beside the build's own work at its end (docs/speed.md)."""
    known = known or {}
    marked, linked = [], False
    folders = [str(site)]
    while folders and not linked:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    linked = True
                    break
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.name.endswith(PAGE_SUFFIX):
                    page = relative_path(entry.path, str(site))
                    if _is_marked(entry, known.get(page)):
                        marked.append(page)
    return sorted(marked) if marked and not linked else None


def _is_marked(entry: os.DirEntry, seen: tuple | None) -> bool:
    """The page's mark: as the build saw it (`seen`) while the file has that length, else
    read from the file."""
    if seen is not None and entry.stat(follow_symlinks=False).st_size == seen[1]:
        return seen[0]
    with open(entry.path, "rb") as page:
        return has_body_mark(page.read())


@contextlib.contextmanager
def parts_planned(site: Path, known: dict | None, per_part: int | None, previous: Path | None,
                  bundle_dir: str, exclude_selectors: list[str], language: str):
    """The parts of the index (shelfcast_search.parts), each in a folder of its own: the last
    build's part taken into it where its pages are byte for byte the same, else (hard links
    to) its pages, for Pagefind to index, and the last build's fragments. None when there is
    no such set or links cannot be made (Pagefind then reads the site itself).

    Pagefind parses every page but, once any page marks `data-pagefind-body`, indexes only
    the marked ones (its documented rule): on the bench's 5,000-post site 2,993 of 8,694 pages
    (tags, sections, archives, paginated lists) were parsed for nothing, 2.8 s of a 5.3 s run
    on two cores. Given only the marked pages under the same paths it writes a byte-identical
    index (tests/search/test_search_build.py) in 2.5 s (docs/speed.md). Each folder is named
    and locked as a build folder beside the site (shelfcast_sitekit.swap), so one a killed
    run left is cleared by the next build. The linking is done here, in the caller's thread
    (the build's): in a thread beside it each system call waited for the interpreter's lock."""
    pages = marked_pages(site, known)
    if pages is None:
        yield None
        return
    split = parts.parts_of(pages, per_part)
    # Not the bundle folder's name: none of Pagefind's files holds it, and the preview makes
    # its index beside the served one, under another name, from the parts of either.
    arguments = parts.arguments_digest(pagefind_version(), exclude_selectors, language,
                                       len(split))
    last = parts.last_digests(previous, arguments)
    made_folders = []
    try:
        planned = []
        for number, listed in enumerate(split):
            folder = tempfile.mkdtemp(prefix=f"{site.name}{NEW}search-", dir=site.parent)
            made_folders.append((folder, try_lock(folder)))
            part = Part(number, Path(folder), listed, parts.pages_digest(site, listed, known))
            if last is not None and last[number] == part.digest:
                part.taken = parts.taken_part(previous, number, part.folder / bundle_dir)
            if part.taken is None:
                if not _linked_into(site, folder, listed):
                    yield None
                    return
                # Only over the marked pages: the check of what Pagefind left needs them.
                part.linked = link_last_bundle(_last_part(previous, number),
                                               part.folder / bundle_dir)
            planned.append(part)
        yield Plan(arguments, planned)
    finally:
        for folder, lock in made_folders:
            shutil.rmtree(folder, ignore_errors=True)
            if lock is not None:
                os.close(lock)


def _last_part(previous: Path | None, number: int) -> Path | None:
    return None if previous is None else previous / parts.part_folder(number)


def _linked_into(site: Path, folder: str, pages: list[str]) -> bool:
    """Hard-link each page into folder under its path; False where links are refused."""
    made = set()
    for relative in pages:  # found by walking site: inside it, no link among them
        target = os.path.join(folder, relative)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        try:
            os.link(site / relative, target)
        except OSError as err:  # a file system without hard links: Pagefind reads all
            if err.errno not in LINK_REFUSED:
                raise
            return False
    return True


# Hard links refused: another device, not supported or not allowed, too many links.
LINK_REFUSED = {errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}


class _Checking:
    """`bundle.check_linked` over the linked files, in a thread of its own."""

    def __init__(self, bundle: Path, linked: list[str]):
        self._checked = Checked(bad=set(linked))  # all bad, should the check itself fail
        self._thread = threading.Thread(target=self._check, args=(bundle, linked),
                                        daemon=True)
        if linked:
            self._thread.start()

    def _check(self, bundle: Path, linked: list[str]) -> None:
        self._checked = check_linked(bundle, linked)

    def join(self) -> Checked:
        if self._thread.ident is not None:
            self._thread.join()
        return self._checked


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
