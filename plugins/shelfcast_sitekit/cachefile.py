"""Cache files under CACHE_PATH: JSON data, written whole or not at all, read back as untrusted.

Whoever can write .cache (a CI cache restored from another branch, a shared runner) chooses
what these files hold, so reading one must not be able to run anything: pickle (which calls
whatever a file names) and Jinja's bytecode cache (marshal'd code) could. A file here is
`{"format": "<kind> <version>", "data": ...}` in JSON; values JSON has no type for (tuples,
dates, bytes) are written with a tag by `encode` and checked type by type by `decode`. A file
that is missing, damaged, too large, of another kind or version, or holds anything but the
known types reads as None: its entry is made again.

`Pruning`: every cache folder of entries keeps only what the last build used.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import stat
import tempfile
from pathlib import Path

# The page index takes about 3 KB a page: this is 20,000 pages. A planted 1 GB file is never
# read (read-cache entries ask for less: shelfcast_sitekit.readcache.MAX_ENTRY_BYTES).
MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64  # front matter nested deeper than this is read, not cached
# Opening never follows a link planted in place of a cache file, nor waits on a FIFO.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class NotCacheable(ValueError):
    """A value of a type the cache does not store, or stored data that does not check out."""


def load(path: Path, kind: str, max_bytes: int = MAX_BYTES):
    """The data save() wrote with this kind, or None (missing, damaged, of another kind)."""
    return parse(read_bytes(path, max_bytes), kind)


def parse(raw: bytes | None, kind: str):
    """The data in a cache file's bytes (read_bytes) if save() wrote them with this kind, or
    None."""
    if raw is None:
        return None
    try:
        stored = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        return None
    if not isinstance(stored, dict) or stored.get("format") != kind:
        return None
    return stored.get("data")


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes | None:
    """A regular file's bytes, or None (missing, a link, a FIFO, larger than max_bytes)."""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        facts = os.fstat(handle.fileno())
        if not stat.S_ISREG(facts.st_mode) or facts.st_size > max_bytes:
            return None
        try:
            return handle.read(max_bytes + 1)
        except OSError:
            return None


def save(path: Path, kind: str, data) -> bytes:
    """Write a cache file whole or not at all: a killed build leaves the old one or none.
    Returns the digest (`digest`) of the bytes written."""
    return write(path, encoded(kind, data))


def encoded(kind: str, data) -> bytes:
    """The bytes save() writes for this data."""
    # dumps, then one write: json.dump encodes in Python, several times slower.
    # ASCII: a file name that is not UTF-8 (a lone surrogate) is written escaped, not refused.
    return json.dumps({"format": kind, "data": data}, separators=(",", ":"),
                      allow_nan=False).encode("ascii")


def write(path: Path, raw: bytes) -> bytes:
    """Write encoded() bytes whole or not at all; their digest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(raw)
    os.replace(temporary, path)
    return digest(raw)


def digest(raw: bytes) -> bytes:
    """What tells a cache file's bytes from any others (a planted file cannot match it)."""
    return hashlib.blake2b(raw).digest()


# --- typed values ---------------------------------------------------------------------------
# Exact types only: a subclass (Markup, Pelican's SafeDatetime) may behave otherwise, so a
# value holding one is not cached at all rather than read back as something else.

def encode(value, depth: int = 0):
    """`value` as JSON data; NotCacheable for a type outside the list below or too deep."""
    kind = type(value)
    if value is None or kind in (bool, str):
        return value
    if kind is int:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise NotCacheable("not a finite number")
        return value
    if depth >= MAX_DEPTH:
        raise NotCacheable("nested too deep")
    if kind in (list, tuple):
        return {kind.__name__: [encode(v, depth + 1) for v in value]}
    if kind is dict:
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if kind is bytes:
        return {"bytes": value.hex()}
    if kind is datetime.date:
        return {"date": value.isoformat()}
    if kind is datetime.datetime and (value.tzinfo is None
                                      or type(value.tzinfo) is datetime.timezone):
        return {"datetime": value.isoformat()}
    raise NotCacheable(f"a {kind.__name__} is not cached")


def decode(data, depth: int = 0):
    """What `encode` was given; NotCacheable for anything encode never writes."""
    if data is None or type(data) in (bool, str, int):
        return data
    if type(data) is float:
        if not math.isfinite(data):
            raise NotCacheable("not a finite number")
        return data
    if type(data) is not dict or len(data) != 1 or depth >= MAX_DEPTH:
        raise NotCacheable("not an encoded value")
    (tag, inner), = data.items()
    reader = _TAGGED.get(tag)
    if reader is None:
        raise NotCacheable(f"unknown tag {tag!r}")
    return reader(inner, depth + 1)


def _items(inner, depth: int) -> list:
    if type(inner) is not list:
        raise NotCacheable("a list was expected")
    return [decode(v, depth) for v in inner]


def _dict(inner, depth: int) -> dict:
    pairs = _items_of_pairs(inner)
    return {_hashable(decode(k, depth)): decode(v, depth) for k, v in pairs}


def _items_of_pairs(inner) -> list:
    if type(inner) is not list or not all(type(p) is list and len(p) == 2 for p in inner):
        raise NotCacheable("pairs were expected")
    return inner


def _hashable(key):
    try:
        hash(key)
    except TypeError:
        raise NotCacheable("a key must be a plain value") from None
    return key


def _text(inner) -> str:
    if type(inner) is not str:
        raise NotCacheable("text was expected")
    return inner


def _parsed(parse, inner):
    try:
        return parse(_text(inner))
    except ValueError as error:
        raise NotCacheable(str(error)) from None


_TAGGED = {
    "list": _items,
    "tuple": lambda inner, depth: tuple(_items(inner, depth)),
    "dict": _dict,
    "bytes": lambda inner, depth: _parsed(bytes.fromhex, inner),
    "date": lambda inner, depth: _parsed(datetime.date.fromisoformat, inner),
    "datetime": lambda inner, depth: _parsed(datetime.datetime.fromisoformat, inner),
}


def decoded_as(data, expected: type):
    """decode(data), refused unless it is of the expected type."""
    value = decode(data)
    if type(value) is not expected:
        raise NotCacheable(f"a {expected.__name__} was expected")
    return value


# --- pruning --------------------------------------------------------------------------------

def prune(folder: Path, used: set[Path], ours=lambda name: True) -> None:
    """Remove every file under folder that is not in used (entries no build asks for) and
    whose name is `ours`, and the folders that leaves empty; links are removed, never
    followed."""
    for directory, subfolders, files in os.walk(folder, topdown=False):
        for name in files + [s for s in subfolders if os.path.islink(os.path.join(directory, s))]:
            path = Path(directory, name)
            if path not in used and ours(name):
                path.unlink(missing_ok=True)
        if directory != str(folder) and not os.listdir(directory):
            os.rmdir(directory)
