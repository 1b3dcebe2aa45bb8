"""Run one Pelican build into a fresh folder and swap it into place only when it succeeded.

A failed build prints every problem, one line each, exits non-zero, and leaves the previous
output/ exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import inspect
import logging
import os
import sys
import threading
import traceback

from pelican import Pelican
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import LimitFilter
from pelican.plugins import signals
from pelican.settings import read_settings
from pelican.utils import clean_output_dir

from .beside import BESIDE_KEY, join_all, offered, pages_written
from .checkpool import stop as stop_checking
from .documents import display_path
from .faults import fault_point
from .fileprints import keep_file_prints
from .kitversion import kit_manifest
from .librarysettings import LIBRARY_FILE
from .pagecache import encode_for_finish as encode_page_cache
from .pagecache import finish as keep_page_cache
from .pictures import strip_published_pictures
from .postlists import install as install_post_lists
from .problems import (
    ERROR,
    WARNING,
    ContentErrors,
    ContentProblem,
    format_report,
    line_of,
    problem_log,
)
from .readcache import SETTINGS_FILE_KEYS
from .readcache import finish as prune_read_cache
from .readcache import keep_written as keep_read_cache_entries
from .reader import ContentSkipped
from .readpool import prewarm
from .renderpool import stop as stop_render_workers
from .resident import RESIDENT_KEY, Resident, keep_candidate
from .reuse import PREVIOUS_OUTPUT_KEY
from .settingmoves import MOVES_KEY, apply_moves
from .swap import discard, start_staging, swap_into_place

MESSAGE_CHARACTERS = 300


class ProblemHandler(logging.Handler):
    """Turns Pelican's own warnings and errors into problems, so none scroll past unseen."""

    def __init__(self, log, disk_full: ContentProblem):
        super().__init__(logging.WARNING)
        self.log = log
        self.disk_full = disk_full

    def emit(self, record):
        # Pelican logs "Could not process" from inside its except block for a file our
        # reader already reported; the exception being handled tells us which case it is.
        if isinstance(sys.exc_info()[1], ContentSkipped):
            return
        message = record.getMessage()
        if os.strerror(errno.ENOSPC) in message:  # Pelican logs some failed copies and goes on
            self.log.add(self.disk_full)
            return
        # Pelican quotes content in its messages; a line stays readable however long that is.
        message = message.splitlines()[0][:MESSAGE_CHARACTERS] if message else ""
        broken = broken_link(inspect.currentframe()) if record.msg in LINK_NOT_FOUND else None
        if broken is not None:
            self.log.add(broken)
            return
        severity = ERROR if record.levelno >= logging.ERROR or "Unable to find" in message \
            else WARNING
        self.log.add(ContentProblem("(pelican)", None, None, message, severity))


# Pelican's message for a link it cannot resolve, and the one that stands for the links after
# the fifth in a build (its log filter's group message).
LINK_NOT_FOUND = ("Unable to find '%s', skipping url replacement.",
                  "Other resources were not found and their urls not replaced")


def broken_link(frame) -> ContentProblem | None:
    """The post and link a message of Pelican's link replacement is about ("Unable to find
    'b.md', skipping url replacement", or the summary that stands for the links after the
    fifth), when it is being logged from there: Pelican's message names neither the post nor
    its line. Found from the frame of Pelican's `Content._link_replacer` that logs it."""
    while frame is not None and frame.f_code.co_name != "_link_replacer":
        frame = frame.f_back
    if frame is None or not isinstance(frame.f_locals.get("self"), Content):
        return None
    post, value = frame.f_locals["self"], frame.f_locals.get("value")
    what = frame.f_locals.get("what") or "filename"
    target = value.geturl() if hasattr(value, "geturl") else str(value)
    written = f"{{{what}}}{target}"
    # Worded as the reader words a missing {static} file (shelfcast_sitekit.reader).
    return ContentProblem(display_path(post.source_path), _line_of(post.source_path, written),
        "link", f"'{written}' is no post, page or file of the site (or it is not published); "
        "check the spelling of the path")


def _line_of(path: str, text: str) -> int | None:
    """The first line of the file at path holding text, or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            return line_of(text, source.read())
    except OSError:
        return None


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    """Read a settings file; its `from pelicanconf import *` finds the pelicanconf.py beside it.

    Pelican leaves the last settings module it read in sys.modules, and another folder may
    come first on sys.path, so a second build in one process (make serve, the tests) would
    otherwise import some other site's pelicanconf.
    """
    folder = os.path.dirname(os.path.abspath(settings_file))
    sys.modules.pop("pelicanconf", None)
    sys.path.insert(0, folder)
    try:
        settings = read_settings(settings_file, override=overrides or {})
    finally:
        sys.path.remove(folder)
    settings = with_moves_applied(settings, settings_file)
    # Before any plugin runs: what the caches key on (shelfcast_sitekit.readcache.keyed_settings).
    settings[SETTINGS_FILE_KEYS] = frozenset(settings)
    return settings


def with_moves_applied(settings: dict, settings_file: str) -> dict:
    """Old names of renamed settings moved to the new ones before any plugin reads them; the
    warnings (or errors) go into the build's report (shelfcast_sitekit's initialize adds them)."""
    folder = os.path.dirname(os.path.abspath(settings_file))
    source = LIBRARY_FILE if os.path.isfile(os.path.join(folder, LIBRARY_FILE)) \
        else os.path.basename(settings_file)
    moved, problems = apply_moves(settings, kit_manifest().version, source)
    moved[MOVES_KEY] = [(p.path, p.line, p.field, p.message, p.severity) for p in problems]
    return moved


def fresh_log_filter() -> None:
    """Pelican's log filter lets each message through once per process (and at most five of a
    kind): a build in a process that built before (`make serve`, the editor) would not hear
    of a broken link or a missing file the last build already reported, and would pass.
    Each build starts with what it remembers emptied, as in a process of its own."""
    for name in ("_raised_messages", "_group_count"):
        remembered = getattr(LimitFilter, name, None)
        if hasattr(remembered, "clear"):
            remembered.clear()


def run_pelican(settings: dict) -> list[ContentProblem]:
    """Build with the given settings; return all problems (errors and warnings)."""
    fresh_log_filter()
    log = problem_log(settings)
    pelican_logger = logging.getLogger("pelican")
    handler = ProblemHandler(log, disk_full_problem(settings))
    pelican_logger.addHandler(handler)
    old_propagate, pelican_logger.propagate = pelican_logger.propagate, False
    try:
        run_steps(Pelican(settings))
    except ContentErrors:
        pass
    except OSError as err:
        if err.errno not in DISK_FULL:
            raise
        log.add(disk_full_problem(settings))
    finally:
        stop_checking(settings)
        stop_render_workers(settings)  # a build stopped by an error leaves no worker behind
        pelican_logger.removeHandler(handler)
        pelican_logger.propagate = old_propagate
    if not log.errors():
        # Last, after every plugin has copied or written its pictures into output/.
        log.extend(strip_published_pictures(settings["OUTPUT_PATH"]))
    if not offered(settings):
        finish_output(settings)
    return log.problems


def finish_output(settings: dict) -> None:
    """After the work started beside the build (the search index) has ended: its problems
    reported, and the disk checked (what Pagefind wrote counts)."""
    log = problem_log(settings)
    if offered(settings):
        try:
            log.extend(join_all(settings))
        except OSError as err:  # a file the search index writes, on a full disk
            if err.errno not in DISK_FULL:
                raise
            log.add(disk_full_problem(settings))
    if not log.errors() and disk_nearly_full(settings["OUTPUT_PATH"]):
        log.add(disk_full_problem(settings))


def read_in_order(generator) -> None:
    """The generator reads its files in sorted order. Pelican's `get_files` answers a set,
    whose order follows each process's string hashing: the check worker beside a warm build
    (checkpool.read_order) could not know which entry the build asks for next. Set on the
    instance: Pelican's class is left as it is (its StaticGenerator needs the set)."""
    found = generator.get_files

    def in_order(*args, **kwargs) -> list[str]:
        return sorted(found(*args, **kwargs))

    generator.get_files = in_order


def run_steps(pelican) -> None:
    """Pelican.run's steps up to its `finalized` signal (its log of counts left out), done
    here so the generators and their context outlive the build: the resident preview keeps
    them (shelfcast_sitekit.resident) to render a saved post's pages again without a build."""
    context = pelican.settings.copy()
    # Shared among all the generators and content objects, as Pelican.run sets them
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [cls(context=context, settings=pelican.settings, path=pelican.path,
                      theme=pelican.theme, output_path=pelican.output_path)
                  for cls in pelican._get_generator_classes()]
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            install_post_lists(generator)
        if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            read_in_order(generator)
    if pelican.delete_outputdir and os.path.commonpath(
            [os.path.realpath(pelican.output_path)]) != os.path.commonpath(
            [os.path.realpath(pelican.output_path), os.path.realpath(pelican.path)]):
        clean_output_dir(pelican.output_path, pelican.output_retention)
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    writer = pelican._get_writer()
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)
    pages_written.send(pelican)
    signals.finalized.send(pelican)
    keep_candidate(pelican, generators)


# No space left on the device, or over the user's quota: both are "the disk is full" to a user.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


# Less free space than this after a build means some writes may have failed unseen: Pagefind,
# for one, writes empty files and exits 0 when the disk fills up.
MIN_FREE_BYTES = 1_000_000


def disk_nearly_full(folder: str) -> bool:
    facts = os.statvfs(folder)
    return facts.f_bavail * facts.f_frsize < MIN_FREE_BYTES


def disk_full_problem(settings: dict) -> ContentProblem:
    output = settings.get(PREVIOUS_OUTPUT_KEY) or settings["OUTPUT_PATH"]
    return ContentProblem(os.path.relpath(output), None, None,
        "the disk is full: free space and build again (the previous build is still in place)")


# A build makes millions of objects that live until it ends (the page index, every post and
# its fingerprints): with Python's default thresholds (700, 10, 10) the cycle collector walked
# them 2,521 times in a warm build of 5,000 posts, 1.83 s of 18.5 s CPU; with these, 32 times,
# 0.50 s (issue 26, docs/speed.md). What is collected is the same, later.
BUILD_GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def fewer_collections(process_ends: bool = False, rebuild: bool = False):
    """Python's cycle collector runs less often inside; its thresholds are put back after
    (the preview builds again and again in one process). In a process that ends with its
    build (`process_ends`: build_in_child's child), the collector is turned off after it: the
    thresholds put back, the next few allocations ran a full collection of the whole site
    (0.35 s after a warm build at 5,000 posts, issue 26) whose garbage the process's end
    drops anyway. Such a process that rebuilds a site (`rebuild`: a previous output to take
    pages from) runs no collection at all: the warm build at 5,000 posts 8.20 -> 7.75 s
    (medians of 4, A/B), its peak the same 611 MB, since it makes little garbage. A cold
    build keeps the thresholds: without collections its peak rose 545 -> 656 MB."""
    if process_ends and rebuild:
        gc.disable()
        yield
        return
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        if process_ends:
            gc.disable()
        else:
            gc.set_threshold(*before)


def build(settings_file: str, output_path: str, overrides: dict | None = None,
          keep: bool = True, stream=None, remove_old=None, process_ends: bool = False) -> int:
    """Build into a temporary sibling of output_path; swap it in on success. Returns exit code.

    `remove_old(path)` removes the replaced build (default: at once; see swap_into_place).
    `process_ends`: the process ends as soon as this returns (see fewer_collections)."""
    with fewer_collections(process_ends, rebuild=os.path.isdir(output_path)):
        return _build(settings_file, output_path, overrides, keep, stream, remove_old)


def build_in_child(*args, **kwargs) -> int:
    """build(...) in a forked child process; its exit code here. A build leaves millions of
    objects (posts, the page index, fingerprints) that a process ending normally frees one by
    one: 1.2 s after a warm build at 5,000 posts, on every `make build` (issue 26). The child
    ends without that (os._exit, once every file is written and its output flushed), and this
    process never held them. Where fork is missing, or other threads run (a fork copies their
    locks), the build runs here."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return build(*args, **kwargs)
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            code = build(*args, **kwargs, process_ends=True)
        except KeyboardInterrupt:
            code = 130  # build() has put output/ back as it was; nothing more to say
        except BaseException:  # noqa: BLE001 - shown as it would be in this process
            traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    while True:
        try:
            code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
            return code if code >= 0 else 128 - code  # killed by a signal: as a shell says
        except KeyboardInterrupt:
            continue  # the child had it too (one process group) and stops its build cleanly


def _build(settings_file: str, output_path: str, overrides: dict | None,
           keep: bool, stream, remove_old) -> int:
    stream = stream or sys.stderr
    output_path = os.path.abspath(output_path)
    parent = os.path.dirname(output_path)
    os.makedirs(parent, exist_ok=True)
    staging = start_staging(output_path)
    fault_point("build:started")
    overrides = {**(overrides or {}), "OUTPUT_PATH": staging.path,
                 PREVIOUS_OUTPUT_KEY: output_path}
    resident = overrides.get(RESIDENT_KEY)
    if isinstance(resident, Resident):  # what it kept belongs to the folder this replaces
        resident.candidate = resident.kept = None
    try:
        settings = load_settings(settings_file, overrides)
    except Exception as err:  # any error in the settings file is reported, never swallowed
        discard(staging)
        print(format_report([settings_problem(settings_file, err)]), file=stream)
        return 1
    settings[BESIDE_KEY] = []  # work the plugins start beside the end of the build
    try:
        prewarm(settings_file, overrides, settings)  # both cores read (or check) the posts
        problems = run_pelican(settings)
        # The page index is encoded while the search index is made beside it; written after.
        encoded_index = encode_page_cache(settings) if keep else None
        finish_output(settings)
        problems = problem_log(settings).problems
    except BaseException:
        with contextlib.suppress(BaseException):
            join_all(settings)  # nothing writes into the staging folder once it is discarded
        with contextlib.suppress(Exception):
            # What was read is still good for the next build (an error of the read cache's
            # own writing is the one this would repeat: left to the exception shown).
            keep_read_cache_entries(settings)
            keep_file_prints(settings, succeeded=False)
        discard(staging)
        raise
    if problems:
        print(format_report(problems, settings.get("DEFAULT_LANG")), file=stream)
    if any(p.severity == ERROR for p in problems):
        keep_read_cache_entries(settings)
        keep_file_prints(settings, succeeded=False)
        discard(staging)
        return 1
    keep_file_prints(settings, succeeded=keep)
    if keep:
        keep_page_cache(settings, encoded_index)
        prune_read_cache(settings)
        swap_into_place(staging, output_path, remove_old)
        if isinstance(resident, Resident):
            resident.kept, resident.candidate = resident.candidate, None
    else:
        keep_read_cache_entries(settings)
        discard(staging)
    return 0


def settings_problem(settings_file: str, err: Exception) -> ContentProblem:
    """Explain a settings file that Python cannot run."""
    line = getattr(err, "lineno", None)
    # The mistake is usually in the library's library.py, which the settings file runs.
    files = {os.path.abspath(settings_file), os.path.join(
        os.path.dirname(os.path.abspath(settings_file)), LIBRARY_FILE)}
    name = getattr(err, "filename", None) if isinstance(err, SyntaxError) else None
    if line is None and err.__traceback__ is not None:
        frames = [f for f in _frames(err.__traceback__) if f[0] in files]
        name, line = frames[-1] if frames else (None, None)
    return ContentProblem(os.path.basename(name or settings_file), line, None,
        f"cannot be read ({type(err).__name__}: {err}); undo or fix the last change to it")


def _frames(traceback):
    while traceback is not None:
        yield os.path.abspath(traceback.tb_frame.f_code.co_filename), traceback.tb_lineno
        traceback = traceback.tb_next

