"""A cache of read content files that is never stale: what went into the reading is the key.

Pelican's own content cache (LOAD_CONTENT_CACHE) keys on the file's mtime only, so a changed
setting or plugin kept serving the old page; the site kit turns it off. Here the key is a
digest of everything one reading depends on:

- the file's bytes, its path, its kind (post, page, episode) and the working directory (the
  paths problems name);
- every setting the settings file sets, as it sets it (functions by their code, objects the
  file made by their fields), except the few that change on every build without shaping
  reading (the staging folder). Objects plugins put into the settings are their state for one
  build, made from those settings and the content (the music plugin's holds this build's
  posts, and through them the staging folder's name): they are left out, or no episode would
  ever be read from the cache;
- the code of every plugin folder (PLUGIN_PATHS) and the versions of the libraries reading
  uses (Markdown, nh3, PyYAML, Pelican) and of Python.

Reading also asks the file system about the files a post links to (does the image exist, is
it inside content/, is it an image). Those questions and their answers
(shelfcast_sitekit.filechecks)
are stored with the result, and an entry is used only while every one still gets the same
answer: adding the image a post was missing reads that post again, adding an unrelated file
or a new episode reads nothing else again.

An entry is one JSON document per reading (shelfcast_sitekit.cachefile: data only, never
code), with its key inside; a build's entries are stored a few hundred or thousand to a file,
in packs (shelfcast_sitekit.readpack: one per read worker and one for the build itself, each
written once, at the end of its reading) under CACHE_PATH/sitekit-read/<settings>/ (one folder
per settings and kit code). One file per entry cost a new inode per post on a cold build
(docs/speed.md, issue 26). Reading an entry back checks its key, every field's type, that
its HTML is what the sanitiser leaves as it is (a planted `<script>` or `javascript:` link is
not) and that each file link in it is checked like the reader checks it; an entry that is
damaged, does not check out, or whose file answers changed is ignored and the file read again.
A build that succeeds removes the entries it did not use (`ReadCache.prune`): a pack it used
every entry of is kept as it is (one of fewer than PACK_KEPT entries only while the build
writes no pack of its own), any other pack's used entries are carried into this build's own
pack (their bytes as they are) and the pack deleted; so the folder holds exactly the entries
the last build used, in few files. A warm build that read one post again rewrites the pack
that held its old entry (a few MB at 5,000 posts: one new file, not one per post).

One exception to those checks: an entry this very build's read workers wrote
(shelfcast_sitekit.readpool). Each worker hands the build, through the pool's own pipe (not a
file), the key and digest of every entry it wrote; the build keeps that map in memory for
this build only (WRITTEN_KEY), and an entry whose bytes have the digest a worker reported is
the one the worker made from the file a moment ago, sanitised and checked as it read it: the
sanitiser and the link check are not run over it again (`written_here`). Any other entry (not
reported, or other bytes: replaced since) is checked as above. On a warm build a forked
worker runs the sanitiser over the entries beside the build (shelfcast_sitekit.checkpool); the
build skips it only for the bytes, and under the policy, that worker reported as passing.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import os
import platform
import re
import time
import types
from pathlib import Path

from . import cachefile, checkpool, filechecks, readpack
from .beside import BESIDE_KEY
from .boundaries import file_link_problems
from .checkpool import CHECKED_KEY
from .documents import ContentFile
from .fileprints import STATE_KEY as FILE_PRINTS_KEY
from .fingerprints import Fingerprints
from .problems import SETTINGS_KEY
from .reuse import PREVIOUS_OUTPUT_KEY
from .sanitise import POLICY_KEY, HtmlPolicy, sanitise

FOLDER = "sitekit-read"
# An entry is {"key": its key, "answers": file answers, "result": result}, in a pack.
FORMAT = "sitekit-read-cache 4"
STATE_KEY = "SITEKIT_READ_CACHE"
# Set by a resident preview (`make serve`): {key: (answers, result as cache data)} of entries
# this process already checked, kept between its builds so a save re-checks only new ones.
MEMORY_KEY = "SITEKIT_READ_MEMORY"
# Also set by the preview (a list): the search index is made after the browser reloaded
# (shelfcast_search collects what to index into it).
DEFERRED_INDEX_KEY = "SHELFCAST_DEFERRED_INDEX"
# Also set by the preview: what a build keeps for the fast path (shelfcast_sitekit.resident).
RESIDENT_KEY = "SITEKIT_RESIDENT"
# Set by a plugin (the search plugin's, one function): a test the page cache runs over each
# page's bytes where it has them at hand (shelfcast_sitekit.pagecache.PageCache.marks).
PAGE_MARK_KEY = "SITEKIT_PAGE_MARK"
# Set by shelfcast_sitekit.readpool for one build: {entry key: digest of the bytes written}
# of the entries its read workers wrote (`written_here`).
WRITTEN_KEY = "SITEKIT_READ_WRITTEN"
# A reading of the largest file the reader takes (2 MB by default) is a few times its size.
MAX_ENTRY_BYTES = 16 * 1024 * 1024
# Change on every build without shaping what a file reads as; and the HTML policy, made from
# other settings at the first file actually read, so present or not depending on what the
# cache held (with it in, episodes read after a post missed their entries).
VOLATILE_KEYS = frozenset({"OUTPUT_PATH", PREVIOUS_OUTPUT_KEY, SETTINGS_KEY, "SHELFCAST_BUILD",
                           POLICY_KEY, MEMORY_KEY, DEFERRED_INDEX_KEY, RESIDENT_KEY,
                           WRITTEN_KEY, BESIDE_KEY, CHECKED_KEY, PAGE_MARK_KEY,
                           FILE_PRINTS_KEY})
# Set by shelfcast_sitekit.build when it reads the settings file: the names the file (and Pelican's
# defaults) set, before any plugin adds its state.
SETTINGS_FILE_KEYS = "SHELFCAST_SETTINGS_FILE_KEYS"
SETTINGS_FOLDER_HEX = 16
KEEP_OTHER_SECONDS = 14 * 24 * 3600  # two weeks: a settings change tried and undone
LIBRARIES = ("markdown", "nh3", "pyyaml", "pelican", "pygments")
# A pack of fewer entries is merged into the build's own pack whenever that build writes one:
# a warm build's pack holds the few posts it read, and would otherwise stay one more file.
PACK_KEPT = 256


def keyed_settings(settings: dict) -> dict:
    """The settings as the settings file writes them: plain data, and the objects the file
    itself made (a filter function, an instance of a class defined there), without the ones
    each build changes. Objects plugins add while building are left out (see the module
    docstring)."""
    from_file = settings.get(SETTINGS_FILE_KEYS) or ()
    return {k: v for k, v in settings.items()
            if k not in VOLATILE_KEYS and (k in from_file or is_plain(v))}


def is_plain(value, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if value is None or isinstance(value, (bool, int, float, str, bytes, datetime.date,
                                           types.FunctionType, re.Pattern)):
        return True
    if isinstance(value, dict):
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_plain(v, depth + 1) for v in value)
    return False


def settings_digest(settings: dict) -> str:
    """Functions count by their code (shelfcast_sitekit.fingerprints), objects by their fields."""
    return Fingerprints().of(keyed_settings(settings)).hex()


def code_digest(plugin_paths, libraries=LIBRARIES) -> str:
    """The plugins' source and the versions of Python and of the libraries named (by default
    those that read Markdown and YAML)."""
    digest = hashlib.sha256(platform.python_version().encode())
    for library in libraries:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    for folder in plugin_paths:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(str(path).encode("utf-8", "surrogatepass"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ReadCache:
    """Read results of one build's readers, stored by the digest of their inputs."""

    def __init__(self, settings: dict):
        self.used: set[str] = set()
        self.memory = settings.get(MEMORY_KEY)
        # Entries this build's read workers wrote, and those this cache wrote (a worker's
        # share, handed back to the build: readpool.read_share), {key: digest}.
        self.written_by_workers: dict[str, bytes] = settings.get(WRITTEN_KEY) or {}
        self.written: dict[str, bytes] = {}
        # Entries made by this cache, not yet in a pack (`write_pack`): {key: entry bytes}.
        self.pending: dict[str, bytes] = {}
        # The packs on disk, read at the first entry asked for (`_packs`): {pack path:
        # {key: entry bytes}}, and where each key's entry is taken from: {key: pack path}.
        self.packs: dict[Path, dict[str, bytes]] | None = None
        self.found: dict[str, Path] = {}
        # {source path: (key, file answers)} of each file this build read through the cache:
        # the preview hands back a later build's unchanged posts by them (resident.HandBack).
        self.by_source: dict[str, tuple[str, dict]] = {}
        # A warm build's entries a forked worker sanitises beside it (checkpool), or None.
        self.checked = None
        base = hashlib.sha256(FORMAT.encode())
        for part in (settings_digest(settings), code_digest(settings.get("PLUGIN_PATHS", [])),
                     os.getcwd()):
            base.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.base = base.digest()
        # One folder per settings and kit code: `invoke check` and publishing (other settings)
        # each keep their entries, where one folder pruned by each would hold only the other's.
        self.root = Path(settings.get("CACHE_PATH") or "cache") / FOLDER
        self.folder = self.root / self.base.hex()[:SETTINGS_FOLDER_HEX]

    def key(self, source_path: str, kind: str, data: bytes) -> str:
        digest = hashlib.sha256(self.base)
        digest.update(f"{source_path}\0{kind}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()

    def _packs(self) -> dict[Path, dict[str, bytes]]:
        """Every pack of this folder, read once. A key in several packs is taken from the one
        this build's workers wrote (the bytes they reported), else from the first by name; a
        key this cache wrote itself (to be packed at the prune) from none."""
        if self.packs is None:
            self.packs = {}
            for path in readpack.pack_paths(self.folder):
                entries = self.packs[path] = readpack.load(path, MAX_ENTRY_BYTES)
                for key, raw in entries.items():
                    if key not in self.written and (
                            key not in self.found
                            or written_here(self.written_by_workers, key, raw)):
                        self.found[key] = path
        return self.packs

    def _stored(self, key: str) -> bytes | None:
        """The bytes of the entry stored for key, or None."""
        self.used.add(key)
        packs = self._packs()
        return packs[self.found[key]][key] if key in self.found else None

    def get(self, key: str, source_path: str, content_root: str,
            policy: HtmlPolicy) -> ContentFile | None:
        """The stored result, if it checks out and its file answers are still the same."""
        remembered = self.memory.get(key) if self.memory is not None else None
        if remembered is not None:
            # Checked by this process in an earlier build: only the file answers can change.
            self.used.add(key)
            answers, data = remembered
            if not filechecks.unchanged(answers):
                return None
            self.by_source[source_path] = (key, answers)
            return ContentFile.from_json(data)
        raw = self._stored(key)
        stored = cachefile.parse(raw, FORMAT)
        try:
            if stored["key"] != key:
                return None  # another entry's bytes (a pack's index that lies)
            answers = filechecks.answers_from_json(stored["answers"])
            result = ContentFile.from_json(stored["result"])
        except (cachefile.NotCacheable, KeyError, TypeError):
            return None  # none, damaged or planted: read the file again
        if not filechecks.unchanged(answers):
            return None
        if not (written_here(self.written_by_workers, key, raw)
                or (self._sanitised(key, raw, result, policy)
                    and links_reported(result, source_path, content_root))):
            return None
        self._remember(key, answers, stored["result"])
        self.by_source[source_path] = (key, answers)
        return result

    def _sanitised(self, key: str, raw: bytes, result: ContentFile, policy) -> bool:
        """The entry's HTML passes the sanitiser: as the check worker reported for these very
        bytes (checkpool), or checked here."""
        return (self.checked is not None and self.checked.sanitised(key, raw, policy)) \
            or sanitised(result, policy)

    def _remember(self, key: str, answers: dict, data) -> None:
        if self.memory is not None:
            self.memory[key] = (answers, data)

    def put(self, key: str, answers: dict, result: ContentFile, source_path: str = "") -> None:
        try:
            entry = {"key": key, "answers": filechecks.answers_to_json(answers),
                     "result": result.to_json()}
        except cachefile.NotCacheable:
            return  # a value the cache does not store (see cachefile.encode): read it each time
        raw = cachefile.encoded(FORMAT, entry)
        if len(raw) > MAX_ENTRY_BYTES:
            return  # never read back: read it each time
        self.used.add(key)
        self.pending[key] = raw
        self.found.pop(key, None)  # a pack's entry for it was refused: it goes at the prune
        self.written[key] = cachefile.digest(raw)
        self._remember(key, answers, entry["result"])
        if source_path:
            self.by_source[source_path] = (key, answers)

    def mark_used(self, key: str) -> None:
        """Keep an entry a build did not read (the preview handed its post back): a build that
        succeeds removes the entries it did not use."""
        self.used.add(key)

    def write_pack(self, carried: list[tuple[str, bytes]] = ()) -> list[Path]:
        """Write the entries this cache made (and those carried from other packs) as this
        build's pack; a read worker's at the end of its share, the build's in `prune`."""
        entries = list(self.pending.items()) + [e for e in carried if e[0] not in self.pending]
        self.pending = {}
        return readpack.write(self.folder, entries) if entries else []

    def prune(self, now: float) -> None:
        """Write this build's pack and remove the entries this build did not use (see the
        module docstring), and other settings' folders no build used for KEEP_OTHER_SECONDS
        (an old kit version's, say)."""
        kept, carried = self._sorted_packs()
        kept.update(self.write_pack(carried))
        cachefile.prune(self.folder, kept)
        if self.folder.is_dir():
            os.utime(self.folder)  # used now: see the age below
        for other in self.root.iterdir() if self.root.is_dir() else ():
            if other == self.folder or other.is_symlink() or not other.is_dir():
                continue
            ours = len(other.name) == SETTINGS_FOLDER_HEX
            if not ours or now - other.stat().st_mtime > KEEP_OTHER_SECONDS:
                cachefile.prune(other, set())
                if other.is_dir() and not any(other.iterdir()):
                    other.rmdir()

    def _sorted_packs(self) -> tuple[set[Path], list[tuple[str, bytes]]]:
        """The packs kept as they are, and the used entries of the others, to carry."""
        packs = self._packs()
        small, kept, carried = [], set(), []
        for path, entries in packs.items():
            used = [(k, raw) for k, raw in entries.items()
                    if k in self.used and self.found.get(k) == path]
            if len(used) < len(entries):
                carried += used
            elif len(entries) < PACK_KEPT:
                small.append((path, used))
            else:
                kept.add(path)
        if self.pending or carried or len(small) > 1:
            carried += [entry for _path, used in small for entry in used]
        else:
            kept.update(path for path, _used in small)
        return kept, carried


def written_here(written_by_workers: dict[str, bytes], key: str, raw: bytes | None) -> bool:
    """True for an entry this build's read workers wrote, byte for byte: the workers
    sanitised it and checked its links a moment ago, so it needs neither again. Only their
    report says so (a map in the build's memory, never anything under .cache)."""
    reported = written_by_workers.get(key)
    return reported is not None and raw is not None and cachefile.digest(raw) == reported


def sanitised(result: ContentFile, policy: HtmlPolicy) -> bool:
    """True when the sanitiser would leave the body and summary as they are."""
    texts = [result.html, result.meta.get("summary")]
    return all(sanitise(t, policy).html == t for t in texts if isinstance(t, str))


def links_reported(result: ContentFile, source_path: str, content_root: str) -> bool:
    """True when each bad {static}/{filename} link in the body is one the entry reports, as
    reading it would (a planted `{static}/../pelicanconf.py` is not)."""
    reported = {(p.field, p.message) for p in result.problems}
    return all((p.field, p.message) in reported for p in file_link_problems(
        result.html, "", "", source_path, content_root, 1))


def read_cache(settings: dict) -> ReadCache:
    """This build's read cache, made at the first file read: by then every plugin has set the
    settings that shape reading."""
    cache = settings.get(STATE_KEY)
    if cache is None:
        cache = settings[STATE_KEY] = ReadCache(settings)
        cache.checked = checkpool.start(settings, cache.folder)
    return cache


def finish(settings: dict) -> None:
    """After a build that succeeded: write its pack, drop the entries it did not use."""
    cache = settings.get(STATE_KEY)
    if cache is not None:
        cache.prune(time.time())


def keep_written(settings: dict) -> None:
    """After a build that failed or is not kept: write its pack (what it read is still good
    for the next build), removing nothing."""
    cache = settings.get(STATE_KEY)
    if cache is not None:
        cache.write_pack()
