"""A warm build's read-cache entries sanitised on the second core (issue 26).

A warm build takes every post back from the read cache, and runs the sanitiser over each
entry's HTML again (`.cache` is untrusted: docs/security.md), about a tenth of the build
process's CPU at 5,000 posts, on one core while the other waits for the render worker. So
once Pelican has started the plugins (they shape the HTML policy), the build forks one
worker that reads every pack of this build's read-cache folder (shelfcast_sitekit.readpack)
and runs the same check (`readcache.sanitised`) over each entry with its own copy of the same
policy, and writes, through a pipe of its own (never a file), the policy's fingerprint and
then `<entry key> <digest>` of each entry whose HTML passed. The build reads what has
arrived each time it loads an entry: an entry whose bytes have the reported digest, under
the same policy, was checked a moment ago by the worker, so the build skips the sanitiser for
it (the link check and the file answers are still checked here). Any other entry (not
reported yet, other bytes, another policy) is checked as before: the worker only ever saves
time, never decides what is trusted on its own.

Only on a warm build (the read pool fills a cold one's cache and hands back what it wrote:
`readcache.written_here`) of as many files as the read pool needs (`readpool.second_core`
decides between the two), on a system with `fork`, and never while other threads run (`make
serve`). `SITEKIT = {"read_workers": 1}` turns it off.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from pathlib import Path

from . import cachefile
from .fingerprints import Fingerprints
from .paths import relative_path
from .readpack import KEY, load, pack_paths

CHECKED_KEY = "SITEKIT_READ_CHECKED"  # this build's Checked (readcache.VOLATILE_KEYS)
LINES_PER_WRITE = 32


def policy_print(policy) -> str:
    """What tells one HTML policy from another, the same in the build and its fork."""
    return Fingerprints().of(policy).hex()


def report_lines(lines: list[str], buffer: bytes, data: bytes) -> tuple[list[str], bytes]:
    """The complete lines in buffer + data, and what is left of a line not yet complete."""
    buffer += data
    *complete, rest = buffer.split(b"\n")
    return lines + [line.decode("utf-8", "surrogateescape") for line in complete], rest


class Checked:
    """The build's side: what the worker reported so far, read as it comes."""

    def __init__(self, descriptor: int, worker):
        self._descriptor, self._worker = descriptor, worker
        self._buffer = b""
        self.policy: str | None = None
        self.reported: dict[str, str] = {}
        self._prints: dict[int, tuple[object, str]] = {}
        os.set_blocking(descriptor, False)

    def _drain(self) -> None:
        if self._descriptor < 0:
            return
        chunks = []
        while True:
            try:
                data = os.read(self._descriptor, 1 << 16)
            except BlockingIOError:
                break
            if not data:  # the worker is done
                self.close(join=False)
                break
            chunks.append(data)
        if not chunks:
            return
        lines, self._buffer = report_lines([], self._buffer, b"".join(chunks))
        for line in lines:
            head, _space, tail = line.rpartition(" ")
            if head == "policy" and self.policy is None:
                self.policy = tail
            elif head:
                self.reported[head] = tail

    def sanitised(self, key: str, raw: bytes | None, policy) -> bool:
        """True when the worker ran the sanitiser over these very bytes with this policy and
        they passed."""
        self._drain()
        reported = self.reported.get(key)
        if reported is None or raw is None or self.policy is None:
            return False
        known = self._prints.get(id(policy))
        if known is None or known[0] is not policy:
            known = self._prints[id(policy)] = (policy, policy_print(policy))
        return known[1] == self.policy and cachefile.digest(raw).hex() == reported

    def close(self, join: bool = True) -> None:
        if self._descriptor >= 0:
            os.close(self._descriptor)
            self._descriptor = -1
        if join and self._worker is not None:
            self._worker.join(10)
            if self._worker.is_alive():
                self._worker.kill()
                self._worker.join()
            self._worker = None


OFFERED = "offered"  # under CHECKED_KEY until the read cache is made


def offer(settings: dict) -> None:
    """On a warm build of many files (`readpool.second_core` decides, with the read pool's
    own count of files and entries), the worker is to start when the read cache is made
    (`start`)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        settings[CHECKED_KEY] = OFFERED


def start(settings: dict, folder: Path) -> Checked | None:
    """Fork the worker over the read cache's folder, where `offer` said so. Called when the
    build makes its read cache (at the first file read): only then is the folder known, the
    settings that shape reading being final (Pelican's Markdown reader adds its extensions
    to MARKDOWN when it is made)."""
    if settings.get(CHECKED_KEY) != OFFERED or threading.active_count() > 1:
        return None
    settings[CHECKED_KEY] = None
    read_end, write_end = os.pipe()
    sys.stdout.flush()  # a buffer copied into the child would be printed twice
    sys.stderr.flush()
    worker = multiprocessing.get_context("fork").Process(
        target=_work, args=(settings, folder, write_end, read_end), daemon=True)
    try:
        worker.start()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    os.close(write_end)
    checked = settings[CHECKED_KEY] = Checked(read_end, worker)
    return checked


def stop(settings: dict) -> None:
    """Once the posts are read, or when the build stops early: no worker outlives it."""
    checked = settings.pop(CHECKED_KEY, None)
    if isinstance(checked, Checked):
        checked.close()


def _work(settings, folder: Path, write_end: int, read_end: int) -> None:
    """In the forked worker: sanitise every entry of the folder; report those that pass."""
    from .sanitise import html_policy

    os.close(read_end)
    code = 1
    try:
        policy = html_policy(settings)
        lines = [f"policy {policy_print(policy)}"]
        for line in passing_entries(folder, policy, read_order(settings)):
            lines.append(line)
            if len(lines) >= LINES_PER_WRITE:
                _write(write_end, lines)
                lines = []
        _write(write_end, lines)
        code = 0
    except BaseException:  # noqa: BLE001 - the build checks what the worker did not
        code = 1
    finally:
        os._exit(code)  # no atexit, no finalizer of the build's objects runs twice


# An entry's key as the read cache makes it (a sha256 in hex): any other key a pack's index
# lists is never reported (readpack.parse refuses the pack). A planted key with a line break
# or a space in it would otherwise write a report line of its own choosing.
ENTRY_NAME = KEY


def passing_entries(folder: Path, policy, order=()):
    """`<entry key> <digest>` of each entry in the folder's packs whose HTML the sanitiser
    leaves as it is under this policy: first those `order` names (keys, in the order the
    build asks for them: `read_order`), then the others in the packs' order."""
    from .readcache import MAX_ENTRY_BYTES

    entries: dict[str, bytes] = {}
    for path in pack_paths(folder):
        for key, raw in load(path, MAX_ENTRY_BYTES).items():
            if ENTRY_NAME.fullmatch(key):
                entries.setdefault(key, raw)
    for key in order:
        raw = entries.pop(key, None)
        if raw is not None and _passes(key, raw, policy):
            yield f"{key} {cachefile.digest(raw).hex()}"
    for key, raw in entries.items():
        if _passes(key, raw, policy):
            yield f"{key} {cachefile.digest(raw).hex()}"


def _passes(key: str, raw: bytes, policy) -> bool:
    from .documents import ContentFile
    from .readcache import FORMAT, sanitised

    stored = cachefile.parse(raw, FORMAT)
    try:
        if stored["key"] != key:
            return False
        result = ContentFile.from_json(stored["result"])
    except (cachefile.NotCacheable, KeyError, TypeError):
        return False  # the build reads that file again
    return sanitised(result, policy)


def read_order(settings: dict):
    """The read cache's keys of the content files, in about the order the build reads them
    (Pelican's posts first, each generator's files sorted: build.read_in_order): the worker
    checks what the build is about to ask for, not the packs' order. Sanitising in the
    packs' order, it had reported 4,703 of 5,700 entries by the time the build asked, and
    the build sanitised the other 996 itself (docs/speed.md). A key worked out otherwise
    than the build's only costs that entry its turn."""
    from .limits import limits_of, read_text_file
    from .readcache import STATE_KEY
    from .reader import kind_of
    from .readpool import content_files

    cache, root = settings.get(STATE_KEY), settings["PATH"]
    if cache is None:
        return
    limit = limits_of(settings)["max_text_bytes"]
    files = content_files(root)
    posts = set(settings.get("ARTICLE_PATHS") or ())

    def first_folder(path: str) -> str:
        return os.path.relpath(path, root).replace(os.sep, "/").split("/")[0]

    for path in sorted(files, key=lambda path: first_folder(path) not in posts):
        data, _problems = read_text_file(path, path, limit)
        if data is not None:
            yield cache.key(path, kind_of(settings, relative_path(path, root)), data)


def _write(descriptor: int, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogateescape")
    while data:
        data = data[os.write(descriptor, data):]
