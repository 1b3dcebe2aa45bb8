"""Read-cache packs: many entries in one cache file, so a cold build creates a few files, not
one per post (issue 26: on ext4 every new inode costs, docs/speed.md).

A pack is one line of JSON, its index `{"format": PACK_FORMAT, "entries": [[key, offset,
length], ...]}`, then the entries' bytes one after another (offsets count from the byte after
the index's line break). Each entry is a whole read-cache entry as `cachefile.encoded` writes
it (JSON, its own format and version, and its key inside: an index that points one key at
another's bytes is caught by the entry, shelfcast_sitekit.readcache). A pack is written whole
or not at all (`cachefile.write`: a temporary name, then renamed).

Read back as untrusted, and bounded before it is read: a pack larger than MAX_PACK_BYTES is
not read (its size on disk says so), an index of more than MAX_PACK_ENTRIES entries, a key
that is not a sha256 in hex, an entry larger than the read cache takes, or an offset past the
end (a truncated pack) refuses the whole pack: its posts are read again.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from . import cachefile

PACK_FORMAT = "sitekit-read-pack 1"
SUFFIX = ".pack"
# A pack's name: 16 hex characters (random) and SUFFIX. Anything else in the folder is not a
# pack (and a build removes it: shelfcast_sitekit.readcache.ReadCache.prune).
PACK_NAME = re.compile(r"[0-9a-f]{16}\.pack")
# A key as the read cache makes it (a sha256 in hex). The check worker writes keys into its
# report lines (shelfcast_sitekit.checkpool): a key with a line break in it could forge one.
KEY = re.compile(r"[0-9a-f]{64}")
# 5,000 posts make about 12 MB of entries; a pack is split well before these.
MAX_PACK_BYTES = 256 * 1024 * 1024
MAX_PACK_ENTRIES = 20_000
# [key, offset, length] is under 100 bytes: the index of a full pack, with room to spare.
MAX_INDEX_BYTES = MAX_PACK_ENTRIES * 100 + 1024


def encode(entries: list[tuple[str, bytes]]) -> bytes:
    """A pack's bytes: the index line, then the entries."""
    index, offset = [], 0
    for key, raw in entries:
        index.append([key, offset, len(raw)])
        offset += len(raw)
    head = json.dumps({"format": PACK_FORMAT, "entries": index}, separators=(",", ":"))
    return head.encode("ascii") + b"\n" + b"".join(raw for _key, raw in entries)


def parse(raw: bytes | None, max_entry_bytes: int) -> dict[str, bytes]:
    """{key: entry bytes} of a pack's bytes, or {} for anything that does not check out."""
    if raw is None:
        return {}
    index, start = _head(raw)
    if index is None or len(index) > MAX_PACK_ENTRIES:
        return {}
    end = len(raw)
    entries: dict[str, bytes] = {}
    for item in index:
        if type(item) is not list or len(item) != 3:
            return {}
        key, offset, length = item
        if (type(key) is not str or not KEY.fullmatch(key) or type(offset) is not int
                or type(length) is not int or offset < 0 or not 0 < length <= max_entry_bytes
                or start + offset + length > end):
            return {}  # an index that lies (or a pack cut short): none of it is used
        entries[key] = raw[start + offset:start + offset + length]
    return entries


def load(path: Path, max_entry_bytes: int) -> dict[str, bytes]:
    """The entries of the pack at path ({} if missing, too large or damaged)."""
    return parse(cachefile.read_bytes(path, MAX_PACK_BYTES), max_entry_bytes)


def pack_paths(folder: Path) -> list[Path]:
    """The packs in a folder, in a fixed order (names only: nothing is read)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in sorted(names) if PACK_NAME.fullmatch(name)]


def chunks(entries: list[tuple[str, bytes]]) -> list[list[tuple[str, bytes]]]:
    """The entries split into packs within the limits the reader sets."""
    packs: list[list[tuple[str, bytes]]] = []
    current: list[tuple[str, bytes]] = []
    size = 0
    for key, raw in entries:
        if current and (len(current) >= MAX_PACK_ENTRIES
                        or size + len(raw) > MAX_PACK_BYTES - MAX_INDEX_BYTES):
            packs.append(current)
            current, size = [], 0
        current.append((key, raw))
        size += len(raw)
    if current:
        packs.append(current)
    return packs


def write(folder: Path, entries: list[tuple[str, bytes]]) -> list[Path]:
    """Write the entries as new packs in folder (each whole or not at all); their paths."""
    paths = []
    for chunk in chunks(entries):
        path = folder / f"{os.urandom(8).hex()}{SUFFIX}"
        cachefile.write(path, encode(chunk))
        paths.append(path)
    return paths


def count_entries(root: Path) -> int:
    """How many entries the packs in root's settings folders list, reading their index lines
    only (readpool decides from it whether the cache is cold)."""
    total = 0
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in pack_paths(folder):
            total += len(_index(path))
    return total


def _index(path: Path) -> list:
    try:
        descriptor = os.open(path, cachefile.OPEN_FLAGS)
    except OSError:
        return []
    with os.fdopen(descriptor, "rb") as handle:
        try:
            head = handle.read(MAX_INDEX_BYTES)
        except OSError:
            return []
    index, _start = _head(head)
    return index or []


def _head(raw: bytes) -> tuple[list | None, int]:
    """A pack's index (None unless a list under this format) and where its entries start."""
    newline = raw.find(b"\n", 0, MAX_INDEX_BYTES)
    if newline < 0:
        return None, 0
    try:
        stored = json.loads(raw[:newline])
    except (ValueError, RecursionError):
        return None, 0
    if type(stored) is not dict or stored.get("format") != PACK_FORMAT:
        return None, 0
    index = stored.get("entries")
    return (index if type(index) is list else None), newline + 1
