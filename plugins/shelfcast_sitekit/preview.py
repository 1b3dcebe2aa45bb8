"""The preview server's pages: the last good build, or the build's errors while it fails.

`make serve` rebuilds on every save, in one resident process (PreviewSession below). A
librarian looks at the browser, not the terminal, so
while the last build failed every page answers with the error lines (file, line, field, what
to do) instead of the stale page; the next good build puts the site back (livereload reloads
the browser either way).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import io
import json
import os
import re
import shutil
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from .handback import prepare as prepare_handback
from .mediatypes import media_type
from .readcache import DEFERRED_INDEX_KEY, MEMORY_KEY, RESIDENT_KEY
from .resident import Fallback, NotTaken, Resident, apply_save
from .residentfiles import apply_files
from .swap import remove_tree


@dataclass
class PreviewState:
    """What the preview shows: None while the last build succeeded, else its error report."""

    errors: str | None = None
    lang: str = "en"  # the site's language: the error page's words
    built: int = 0  # builds finished so far: the pages served carry it in BUILD_COOKIE


# The page's words in the site's language (DEFAULT_LANG); English for any other.
ERROR_PAGE_TEXTS = {
    "en": {"title": "The preview could not be built",
           "intro": "Fix the lines below and save; this page reloads by itself when the build "
                    "works again. Nothing was published.",
           "also": "Also noted (these do not stop the build)"},
    "da": {"title": "Forhåndsvisningen kunne ikke bygges",
           "intro": "Ret linjerne herunder og gem; siden genindlæser sig selv, når det virker "
                    "igen. Intet er udgivet.",
           "also": "Desuden bemærket (stopper ikke byggeriet)"},
    "sv": {"title": "Förhandsvisningen kunde inte byggas",
           "intro": "Rätta raderna nedan och spara; sidan laddas om av sig själv när bygget "
                    "fungerar igen. Inget har publicerats.",
           "also": "Noterat också (stoppar inte bygget)"},
}
# "path:12: warning: ..." and "path: note: ...": what the build says without stopping.
NOT_STOPPING = re.compile(r"^\S[^:]*(?::\d+)?: (?:warning|note|advarsel|varning|notis): ")


def split_report(report: str) -> tuple[list[str], list[str]]:
    """The report's lines as (errors, warnings and notes), each in the build's order."""
    lines = [line for line in report.strip().splitlines() if line.strip()]
    others = [line for line in lines if NOT_STOPPING.match(line)]
    return [line for line in lines if line not in others], others


def error_page(report: str, lang: str = "en") -> bytes:
    """A plain page listing the build's errors first, then its warnings, escaped."""
    texts = ERROR_PAGE_TEXTS.get((lang or "en").split("-")[0].lower(), ERROR_PAGE_TEXTS["en"])
    errors, others = split_report(report)

    def listed(lines, kind):
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        return f"<ul class=\"{kind}\">{items}</ul>" if lines else ""

    also = f"<h2>{texts['also']}</h2>{listed(others, 'build-notes')}" if others else ""
    return (f"<!doctype html><html lang=\"{html.escape(lang or 'en')}\"><head>"
            "<meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{texts['title']}</title>"
            "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem}li{margin:.5rem 0}code{white-space:pre-wrap}"
            "h2{font-size:1.1rem;margin-top:2rem}</style></head><body>"
            f"<main><h1>{texts['title']}</h1><p>{texts['intro']}</p>"
            f"{listed(errors, 'build-errors')}{also}</main></body></html>").encode()


# The build a page was served from (PreviewState.built), on every page the preview serves: a
# browser's livereload connection carries it, so the server knows whether that page is older
# than the last build.
BUILD_COOKIE = "shelfcast-preview-build"


def _build_cookie(state: PreviewState) -> tuple[str, str]:
    return ("Set-Cookie", f"{BUILD_COOKIE}={state.built}; Path=/; SameSite=Strict")


def reload_late_browsers(handler_class, state: PreviewState) -> None:
    """Reload a browser whose page is older than the last build when it connects.

    The build runs on livereload's one thread, so a page that loaded just before a save opens
    its livereload connection only after that save's build; livereload sends the reload to the
    browsers connected then, and the page kept the old site until the next save (issue 26:
    the bench's new episode never showed within 600 s). The page's cookie names the build it
    was served from; one served before the last build is reloaded as it connects. (The cookie
    is the browser's, not the tab's: a tab loaded after the build in the same browser meanwhile
    hides an older tab's age.)"""
    wrapped = getattr(handler_class, "_shelfcast_state", None) is not None
    handler_class._shelfcast_state = state
    if wrapped:
        return
    connected = handler_class.on_message

    def on_message(self, message):
        connected(self, message)
        try:
            command = json.loads(message).get("command")
            served = int(self.get_cookie(BUILD_COOKIE, ""))
        except (ValueError, AttributeError):  # not a page of this preview
            return
        if command == "info" and self in type(self).waiters \
                and served < type(self)._shelfcast_state.built:
            self.send_message({"command": "reload", "path": "*", "liveCSS": True,
                               "liveImg": True})

    handler_class.on_message = on_message


def reload_on_every_save(handler_class) -> None:
    """livereload ignores a change within 3 s of its last reload (to fold a burst of saves
    into one reload); a fix saved just after the error page appeared was then never shown.
    Each rebuild runs to its end before the next, so every save may reload the browser."""
    handler_class.DEFAULT_RELOAD_TIME = 0


HEAD_END = b"</head>"
# A page that sets its own CSP in a meta element (the editor at /admin/) allows no inline
# script: the live-reload script would only be refused there, as a CSP violation.
OWN_POLICY = b'http-equiv="Content-Security-Policy"'


def with_live_script(body: bytes, content_type: str, script: bytes) -> bytes:
    """livereload's script before the first </head> of an HTML page; any other body as it is.
    livereload itself puts it before every "</head>" of every response, script files too:
    Decap's bundle has that text in it, so the editor's integrity check refused it."""
    if "html" not in content_type or HEAD_END not in body or OWN_POLICY in body:
        return body
    return body.replace(HEAD_END, script + HEAD_END, 1)


def live_script_in_pages(app, script: bytes):
    """The WSGI `app`, with livereload's script put into its HTML pages only."""

    def wrapped(environ, start_response):
        answer = {}

        def keep(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        body = b"".join(app(environ, keep))
        headers = [(k, v) for k, v in answer["headers"] if k.lower() != "content-length"]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        body = with_live_script(body, kind, script)
        start_response(answer["status"], headers + [("Content-Length", str(len(body)))])
        return [body]

    return wrapped


def _file_for(root: str, path: str) -> str | None:
    """The file under root a URL path names (index.html for folders); None outside root."""
    target = os.path.realpath(os.path.join(root, path.lstrip("/")))
    if not (target == os.path.realpath(root) or target.startswith(os.path.realpath(root)
                                                                   + os.sep)):
        return None
    if os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return target if os.path.isfile(target) else None


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


def preview_app(root: str, state: PreviewState):
    """A WSGI app serving the output folder, or the error page for pages while a build fails."""

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if state.errors and _is_page(path):
            body = error_page(state.errors, state.lang)
            start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8"),
                                                ("Cache-Control", "no-store"),
                                                _build_cookie(state)])
            return [body]
        found = _file_for(root, path)
        status = "200 OK"
        if found is None:
            found, status = _file_for(root, "404.html"), "404 Not Found"
        if found is None:
            start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not found"]
        kind = media_type(found)    # as the published site serves it
        with open(found, "rb") as handle:
            body = handle.read()
        headers = [("Content-Type", kind), ("Cache-Control", "no-store")]
        if _is_page(path) or kind.startswith("text/html"):
            headers.append(_build_cookie(state))
        start_response(status, headers)
        return [body]

    return app


# --- the resident preview: one process, builds on every save ----------------------------------

@dataclass(frozen=True)
class ChangeSet:
    """Files added, removed and modified between two snapshots (paths)."""

    added: frozenset = frozenset()
    removed: frozenset = frozenset()
    modified: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)


def snapshot(folders: list[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under the folders (or the file itself), as
    os.walk finds them (symlinked folders not followed, __pycache__ left out). Taken twice per
    save: os.scandir's entries, not os.walk's joins and is_dir calls (0.10 s against 0.15 s at
    5,000 posts with the kit's plugins and theme)."""
    found = {}

    def walk(folder: str) -> None:
        try:
            entries = os.scandir(folder)
        except OSError:  # not a folder, or gone
            return
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir():
                        if entry.name != "__pycache__" and not entry.is_symlink():
                            walk(entry.path)
                        continue
                    facts = entry.stat()
                except OSError:  # removed while walking: the next snapshot tells
                    continue
                found[entry.path] = (facts.st_size, facts.st_mtime_ns)

    for folder in folders:
        if os.path.isfile(folder):
            facts = os.stat(folder)
            found[folder] = (facts.st_size, facts.st_mtime_ns)
        walk(folder)
    return found


def changes(before: dict, after: dict) -> ChangeSet:
    return ChangeSet(frozenset(after.keys() - before.keys()),
                     frozenset(before.keys() - after.keys()),
                     frozenset(p for p in before.keys() & after.keys() if before[p] != after[p]))


@dataclass
class PreviewSession:
    """`make serve`: builds in one process, kept warm between saves.

    `build(overrides, retired) -> (exit code, report)` builds the site, putting the replaced
    output folder into the list `retired` instead of removing it. What the session keeps
    between builds: the read cache's checked entries (in memory: a save re-checks only what
    changed), the last full build's Pelican objects and page recordings (`resident`: a save
    of one plain post or page takes the fast path, shelfcast_sitekit.resident, and renders
    only the pages that showed it into the served folder) and the search index of the last
    build, made again after the browser reloaded, when the replaced output is removed too
    (both in a background thread). A save made while a build runs is never lost: the files
    are compared before and after each build, and the site is built again until nothing
    changed during a build."""

    build: object
    watched: list
    state: PreviewState
    memory: dict = None
    indexing: object = None  # the thread making the last build's search index
    index_stop: object = None  # set to stop it (threading.Event): a new save came
    # start(thread.start) starts the index after the browsers were told to reload (serve_site:
    # on livereload's loop, once its reload message is sent); None: at once
    start_index: object = None
    resident: object = None  # shelfcast_sitekit.resident.Resident, made at the first build
    seen: dict = None        # the watched files as the last build read them (snapshot)
    index_arguments: list = None  # what the last full build deferred to index
    # How each pass of the last rebuild went: ("full", None) or ("fast", FastResult).
    passes: list = None

    def rebuild(self, index) -> int:
        """Build until the watched files stand still; then make the index in the background
        with `index(arguments)` for each index the build deferred. Returns the builds run
        (fast-path passes included)."""
        # The index of the last build may still be made (and its replaced output removed):
        # a full build waits for it (it replaces output/); the fast path writes pages into
        # the served folder meanwhile, each atomically, and the next index follows that one
        # (the previous output's removal took 9.5 s of a first fast save at 1,000 posts).
        # A search index still being made is of pages this save changes: stopped, so
        # Pagefind (both cores, seconds at 5,000 posts) does not slow this save's pages and
        # reload; the index of this save is made after it (`_after_reload`).
        if self.index_stop is not None:
            self.index_stop.set()
        if self.memory is None:
            self.memory = {}
        if self.resident is None:
            self.resident = Resident()
        builds, retired, self.passes = 0, [], []
        while True:
            before = snapshot(self.watched)
            kept = self.resident.kept
            fast = self._fast_path(before)
            if fast is not None:
                code, deferred = 0, list(self.index_arguments or [])
                self.passes.append(("fast", fast))
            else:
                deferred = []
                self.wait_for_index()
                # Not tried by the fast path (added or removed files, several saved): the
                # kept build's unchanged posts are handed to this build, not read again.
                self.resident.handback = self._handback(kept, before) \
                    if kept is not None and self.resident.kept is kept else None
                self.resident.reading, self.resident.read_paths = {}, []
                self.resident.handed_back = []
                try:
                    with frozen_after():
                        code, report = self.build({MEMORY_KEY: self.memory,
                                                   DEFERRED_INDEX_KEY: deferred,
                                                   RESIDENT_KEY: self.resident}, retired)
                except Exception as err:  # shown in the browser: livereload's poller only
                    # logged it, with the save taken as seen, no reload and the old site left up
                    traceback.print_exc()
                    code, report = 1, unexpected_error(err)
                    self.resident.kept = None
                finally:
                    self.resident.handback = None
                self.index_arguments = list(deferred) if not code else None
                self.passes.append(("full", None))
            builds += 1
            self.seen = before
            self.state.errors = report if fast is None and code else None
            if not changes(before, snapshot(self.watched)):
                break
        self.state.built += 1  # pages served before now are older than the site
        deferred = deferred if not code else []
        if deferred or retired:
            self.index_stop = threading.Event()
            self.indexing = threading.Thread(target=_after_reload, args=(
                deferred, index, retired, self.indexing, self.index_stop))
            (self.start_index or (lambda start: start()))(
                functools.partial(_start_once, self.indexing))
        return builds

    def _fast_path(self, now: dict):
        """The fast path's result for the saves since the last pass, or None for a full
        build (nothing kept, another change set than one modified file, or its Fallback)."""
        kept = self.resident.kept
        if kept is None or self.seen is None or self.state.errors:
            return None
        changed = changes(self.seen, now)
        if changed.modified and (changed.added or changed.removed) \
                or len(changed.modified) > 1 or not changed:
            return None
        self.resident.kept = None  # patched from here on: kept again only when it worked
        try:
            if changed.modified:
                path = next(iter(changed.modified))
                try:
                    result = apply_save(kept, path)
                except NotTaken:  # not a plain post or page: a plugin's file, read again
                    # (an episode edited: the old reading removed, the new one added)
                    result = apply_files(kept, {path}, {path})
            else:  # files added or removed (a new episode): a plugin's generator declares it
                result = apply_files(kept, changed.added, changed.removed)
        except NotTaken as reason:
            print(f"preview: full build ({reason})", file=sys.stderr)
            self.resident.kept = kept
            return None
        except Fallback as reason:
            print(f"preview: full build ({reason})", file=sys.stderr)
            return None
        except Exception:  # never a wrong page: the full build puts the site right
            traceback.print_exc()
            return None
        self.resident.kept = kept
        return result

    def _handback(self, kept, now: dict):
        """What the kept build may hand to this full build (shelfcast_sitekit.handback), or
        None: every file read again."""
        if self.seen is None or self.state.errors:
            return None
        changed = changes(self.seen, now)
        reasons = []
        found = prepare_handback(kept, changed.added | changed.removed | changed.modified,
                                 os.path.join(kept.folder, kept.settings["PATH"]), reasons)
        if found is None:
            print(f"preview: every file read again ({reasons[0]})", file=sys.stderr)
        return found

    def wait_for_index(self) -> None:
        """The next build replaces output/: the index being written there must be done."""
        if self.indexing is not None:
            _join(self.indexing)
            self.indexing = None


@contextlib.contextmanager
def frozen_after():
    """Around a full build in the session. After it, every object then (the kept build,
    millions of them: posts, page recordings) is out of the cycle collector's walks until
    the next full build: walked, the first save after a build ran a full collection of
    them (0.50 s of a 0.92 s body save at 5,000 posts, issue 26). Before it, what was frozen
    is back in the collector's reach and collected: the build before the kept one, replaced
    by it, is garbage in cycles, frozen with the rest; left frozen, each full build's
    garbage would stay until the session ends."""
    gc.unfreeze()
    gc.collect()
    try:
        yield
    finally:
        gc.freeze()


def unexpected_error(err: Exception) -> str:
    """The error page's line for a build that stopped with an exception."""
    return (f"The build stopped on an error the kit did not expect ({type(err).__name__}: "
            f"{err}); the terminal shows where. Undo the last change, or report it.\n")


_STARTING = threading.Lock()


def _start_once(thread) -> None:
    """Start an index thread unless it was started already (by _join, or by its schedule)."""
    with _STARTING:
        if thread.ident is None:
            thread.start()


def _join(thread) -> None:
    """Wait for an index thread, starting it first when its start is still scheduled (the
    session's start_index): the next save came before livereload's loop got to it."""
    _start_once(thread)
    thread.join()


def _after_reload(deferred: list, index, retired: list, previous=None, stop=None) -> None:
    """`index(arguments, stop)` for each index the build deferred, after the last one; none
    once `stop` is set (the next save makes its own)."""
    if previous is not None:  # one index at a time, the last one last
        _join(previous)
    stop = stop or threading.Event()
    try:
        for arguments in deferred:
            if stop.is_set():
                break
            index(arguments, stop)
    finally:  # a failed or stopped index still lets the replaced output go
        for path in retired:
            remove_tree(path)


def refresh_index(site: Path, arguments, run_index, stop=None) -> tuple:
    """Make the search index of site again while the last one (hard-linked into site by
    shelfcast_search.keep_previous_index) is served: into a folder beside it, then put in its
    place. Pagefind never writes over an existing bundle folder (it hung on taken paths), so
    indexing in place refused and search kept the first build's pages. Pagefind runs at the
    lowest CPU priority and ends as soon as `stop` is set (a new save: the last index stays
    served until that save's is made). `arguments`: (bundle folder, exclude selectors,
    language[, {"known": the pages' marks (pagecache.page_marks), "per_part": pages per
    part}]): with the last, the parts of the served index whose pages are unchanged are
    linked, not made again (shelfcast_search.parts). Returns problems."""
    bundle, exclude_selectors, language, *options = arguments
    parent, name = os.path.split(bundle)
    fresh = os.path.join(parent, f".{name}-new")
    shutil.rmtree(site / fresh, ignore_errors=True)
    parts = options[0] if options else {}
    result = run_index(site, fresh, exclude_selectors, language, stop=stop, low_priority=True,
                       known=parts.get("known"), previous=site / bundle,
                       per_part=parts.get("per_part"))
    if result.problems or result.stopped:
        shutil.rmtree(site / fresh, ignore_errors=True)
        return result.problems
    old = site / parent / f".{name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if (site / bundle).exists():
        os.replace(site / bundle, old)
    os.replace(site / fresh, site / bundle)
    shutil.rmtree(old, ignore_errors=True)
    return ()


# livereload polls the watched files every 0.8 s (its own interval, when no OS notifier is
# installed): on average 0.4 s of a save's way to the screen before the build even starts.
POLL_MS = 800


def waking_watcher(root: str, watched: list[str]):
    """livereload's watcher (its poll stays what decides what changed, every POLL_MS), woken
    as soon as the OS tells of a change under a watched path (watchfiles: inotify, FSEvents,
    ReadDirectoryChangesW) so a save is seen in milliseconds. A path that does not exist yet,
    or a change the OS does not report, is still found by the next poll."""
    import watchfiles
    from livereload.watcher import get_watcher_class

    class WakingWatcher(get_watcher_class()):
        def start(self, callback):
            from tornado.ioloop import IOLoop, PeriodicCallback

            PeriodicCallback(callback, POLL_MS).start()
            loop = IOLoop.current()
            present = [os.path.join(root, path) for path in watched
                       if os.path.exists(os.path.join(root, path))]

            def wake():
                try:
                    for _changes in watchfiles.watch(*present, debounce=400, step=20,
                                                     raise_interrupt=False):
                        loop.add_callback(callback)
                except Exception as err:  # the poll still sees every save, later
                    print(f"preview: saves seen by polling only ({err})", file=sys.stderr)

            if present:
                threading.Thread(target=wake, daemon=True, name="preview-wake").start()
            return True

    return WakingWatcher()


def serve_site(root: str, settings_file: str, output: str, watched: list[str], port: int,
               overrides: dict | None = None, lang: str = "en") -> None:
    """Build the site under root, serve output/ on 127.0.0.1:port and build again on every
    save to a watched path (relative to root; a file, or a folder that may not exist yet);
    until stopped. `lang`: the words of the error page (the site's language)."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.server import LiveScriptContainer
    from shelfcast_search.indexer import run_index

    from .build import build as build_site

    os.chdir(root)
    served = os.path.join(root, output)

    def build(preview_overrides, retired):
        report = io.StringIO()
        code = build_site(settings_file, output, {**(overrides or {}), **preview_overrides},
                          stream=report, remove_old=retired.append)
        print(report.getvalue(), end="", file=sys.stderr)
        if code:
            print("Build failed; the browser shows the lines above until you fix them.")
        return code, report.getvalue()

    def index(arguments, stop):
        for problem in refresh_index(Path(served), arguments, run_index, stop):
            print(problem, file=sys.stderr)

    session = PreviewSession(build, [os.path.join(root, w) for w in watched],
                             PreviewState(lang=lang))

    def rebuild():
        session.rebuild(index)
        for kind, result in session.passes:
            if kind == "fast":
                print(f"preview: {os.path.relpath(result.source, root)} saved: "
                      f"{len(result.rendered)} page(s) rendered, {len(result.written)} file(s) "
                      "changed (fast path)", file=sys.stderr)

    # livereload skips its own reload when the last one was under 3 s ago, so a save soon
    # after a reload was built but never shown: every save reloads the browsers.
    reload_on_every_save(LiveReloadHandler)
    reload_late_browsers(LiveReloadHandler, session.state)
    session.rebuild(index)
    # Later saves are built on livereload's loop (its poller calls rebuild, then sends the
    # reload message): their search index starts on the loop's next turn, after the message.
    from tornado.ioloop import IOLoop
    session.start_index = lambda start: IOLoop.current().add_callback(start)

    class PreviewServer(Server):
        """livereload's server, its script put into HTML pages only (with_live_script); its
        own container gets an empty script, so it changes no response."""

        def get_web_handlers(self, script):
            handlers = super().get_web_handlers(script)  # one catch-all, to our app
            handlers[0][2]["fallback"] = LiveScriptContainer(
                live_script_in_pages(self.app, script), b"")
            return handlers

    server = PreviewServer(app=preview_app(served, session.state),
                           watcher=waking_watcher(root, watched))
    for path in watched:
        server.watch(path if _is_file_name(root, path) else f"{path}/**/*", rebuild)
    server.serve(host="127.0.0.1", port=port, debug=False)


def _is_file_name(root: str, path: str) -> bool:
    """A watched file (pelicanconf.py, library.py: perhaps not there yet), not a folder."""
    full = os.path.join(root, path)
    return os.path.isfile(full) or (not os.path.isdir(full) and path.endswith(".py"))
