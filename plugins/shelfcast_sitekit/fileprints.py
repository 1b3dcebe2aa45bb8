"""What a file holds, as a digest of its bytes, remembered between builds by its stat facts.

A cache that names a content file by its size and modification time misses after every fresh
checkout: git writes each file anew, so in CI (which restores .cache: docs/publishing.md)
every picture under content/ looked changed, the page cache's shared key with it, and each
publish rendered every page and resized every picture again. At the bench's 5,000 posts a
build after `touch` of every content file took 34.9 s (the cold build's 35.0 s) where a warm
build takes 8 s (issue 26). So the caches that depend on a content file's bytes name it by
`FilePrints.of(path)`: a blake2b digest of the bytes, read again only when the file's size or
modification time differ from those it was last read with (what those caches compared
before; not the change time, which a hard link moves: a build links the last build's
audio copies into its own output folder).

A fact that follows from a file's bytes alone and costs a full decode (a picture's size: Pillow
decodes the whole picture to check it is whole, 0.3 s for the bench's 200 covers on every
build) is kept with its print (`derived`), and worked out again only when the bytes change.

The prints are kept in CACHE_PATH/file-prints.json (shelfcast_sitekit.cachefile: data, never
code). Like the rest of .cache it is untrusted (docs/security.md, ".cache"): each entry is
checked when read, and one that does not check out is read again; a planted digest for a
file's current stat facts can at worst keep an old picture or page, the same reach as a
planted reading. A build that succeeds writes back only the prints it asked for.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import cachefile

FORMAT = "file-prints 1"
FILE = "file-prints.json"
STATE_KEY = "SITEKIT_FILE_PRINTS"  # this build's FilePrints (readcache.VOLATILE_KEYS)
CHUNK = 1 << 20
DIGEST_HEX = 32
# A file larger than this is never read for its digest where the caller can do without one:
# a runaway file under content/ named like a picture (pagecache) or a cover (`derived`).
MAX_DIGESTED_BYTES = 64 * 1024 * 1024


def stat_facts(facts: os.stat_result) -> list[int]:
    """What tells one state of a file from another without reading it."""
    return [facts.st_size, facts.st_mtime_ns]


def fed_hasher(path: str, hasher):
    """`hasher` (of hashlib) fed the file's bytes, a chunk at a time (an episode's audio is
    40 MB): the one reader for every digest of a file's bytes."""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher


def bytes_digest(path: str) -> bytes:
    """A digest of the file's bytes."""
    return fed_hasher(path, hashlib.blake2b(digest_size=DIGEST_HEX // 2)).digest()


def checked_entries(data) -> dict:
    """The stored prints that check out: {path: [size, mtime_ns, hex digest]}, or with a fourth
    item, {kind: fact} (`derived`; each fact is checked by its kind's reader when asked for)."""
    if not isinstance(data, dict):
        return {}
    return {path: entry for path, entry in data.items()
            if isinstance(path, str) and isinstance(entry, list) and len(entry) in (3, 4)
            and all(type(n) is int and n >= 0 for n in entry[:2])
            and isinstance(entry[2], str) and len(entry[2]) == DIGEST_HEX
            and all(c in "0123456789abcdef" for c in entry[2])
            and (len(entry) == 3 or type(entry[3]) is dict)}


class FilePrints:
    """One build's prints: those stored by the last build and those asked for in this one."""

    def __init__(self, path: Path):
        self.path = path
        self.stored = checked_entries(cachefile.load(path, FORMAT))
        self.used: dict = {}
        self.read = 0  # files whose bytes this build read
        self._lock = threading.Lock()  # pictures are resized in threads

    def of(self, path: str, bound: int | None = None) -> bytes | None:
        """The digest of the file's bytes now (OSError when it cannot be read, or is no
        regular file: a link to /dev/zero is never read); None, unread, when the file is
        larger than `bound`. Reads the whole file: a caller asks only about a file it has
        checked, or gives a bound (a runaway file is refused before it is read, not read
        for its digest)."""
        path = os.path.abspath(path)
        found_stat = os.stat(path)
        if not stat.S_ISREG(found_stat.st_mode):
            raise OSError(f"{path}: not a regular file")
        if bound is not None and found_stat.st_size > bound:
            return None
        facts = stat_facts(found_stat)
        with self._lock:
            known = self.used.get(path) or self.stored.get(path)
            if known is not None and known[:2] == facts:
                self.used[path] = known
                return bytes.fromhex(known[2])
        found = bytes_digest(path)
        # Facts taken before the read: a file changed while it was read is read again next time.
        # The same bytes under a new time (a checkout) keep what was derived from them.
        derived = known[3:] if known is not None and known[2] == found.hex() else []
        with self._lock:
            self.used[path] = facts + [found.hex()] + derived
            self.read += 1
        return found

    def digest_ahead(self, sizes: dict, workers: int = 2) -> int:
        """Take the prints `of` will be asked for: of the files in `sizes` ({path: size})
        that still have that size and whose stat facts are new (a fresh checkout's), in
        `workers` threads, the largest first. blake2b and the reads release the GIL, so both
        cores digest (the bench's 500 episodes after a checkout are 2 GB of audio, 3.9 s in
        one thread). A file that cannot be read is left for `of` to report. Returns how many
        files were digested."""
        todo = []
        for path, size in sizes.items():
            path = os.path.abspath(path)
            try:
                found = os.stat(path)
            except OSError:
                continue
            known = self.used.get(path) or self.stored.get(path)
            if stat.S_ISREG(found.st_mode) and found.st_size == size \
                    and (known is None or known[:2] != stat_facts(found)):
                todo.append((found.st_size, path))
        todo.sort(reverse=True)

        def digest(path: str) -> None:
            try:
                self.of(path)
            except OSError:
                pass

        if todo:
            with ThreadPoolExecutor(workers, thread_name_prefix="file-prints") as pool:
                list(pool.map(digest, [path for _size, path in todo]))
        return len(todo)

    def derived(self, path: str, kind: str, work_out, to_json, from_json):
        """work_out(path), kept with the file's print: worked out again only when the file's
        bytes change. `to_json(value)`: the value as JSON data, or None not to keep it (a
        refusal is worked out anew each time); `from_json(data)`: the kept data as work_out
        gives it, or None when it does not check out (.cache is untrusted). A file over
        MAX_DIGESTED_BYTES, or one that cannot be read, is worked out without a print."""
        try:
            printed = self.of(path, MAX_DIGESTED_BYTES)
        except OSError:
            printed = None
        if printed is None:
            return work_out(path)
        held = printed.hex()
        path = os.path.abspath(path)
        with self._lock:
            entry = self.used.get(path)
        facts = entry[3] if entry is not None and len(entry) > 3 and entry[2] == held else {}
        if kind in facts:
            value = from_json(facts[kind])
            if value is not None:
                return value
        value = work_out(path)
        data = to_json(value)
        if data is not None:
            with self._lock:
                entry = self.used.get(path)
                if entry is not None and entry[2] == held:  # a new list: `stored` shares it
                    self.used[path] = entry[:3] + [{**facts, kind: data}]
        return value

    def save(self, prune: bool) -> None:
        """Write the prints back: only those asked for this build (`prune`: after a build that
        succeeded), else those and the ones stored before."""
        kept = dict(self.used) if prune else {**self.stored, **self.used}
        if kept != self.stored:
            cachefile.save(self.path, FORMAT, kept)
            self.stored = kept


def file_prints(settings: dict) -> FilePrints:
    """This build's prints (made at the first ask, from the last build's)."""
    prints = settings.get(STATE_KEY)
    if not isinstance(prints, FilePrints):
        prints = settings[STATE_KEY] = FilePrints(
            Path(settings.get("CACHE_PATH") or "cache", FILE))
    return prints


def keep_file_prints(settings: dict, succeeded: bool) -> None:
    """Save this build's prints, if it asked for any."""
    prints = settings.get(STATE_KEY)
    if isinstance(prints, FilePrints):
        prints.save(prune=succeeded)
