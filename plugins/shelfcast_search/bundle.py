"""The last build's search bundle as a start for the next one (issue 26, docs/speed.md).

Pagefind names each page's fragment (the page's text, one file per page) by a hash of what it
holds, and does not write such a file again when it is already there (an "immutable" file in
its source: it neither compresses nor writes it). A warm build hard-links the fragments of
the last build's bundle into the folder Pagefind writes to, so Pagefind writes the fragments
of changed pages only: at 5,000 posts one or two files instead of 5,701. Creating thousands
of files at once was most of its time (docs/speed.md). Its word index chunks, filters and
meta files (a few dozen, most of them changed by any edit) are written as before.

What Pagefind leaves is then made exactly what it writes from nothing (`settle`):
- a linked fragment the new index does not name is removed (an old version of a page);
- each linked fragment is checked to hold what its name says (a damaged file);
- a name is only the first 7 hex digits of a hash, so a page's new fragment could be named
  as some other old one and Pagefind would leave the old text in place: the fragments the
  index names must be the pages' own, one per page (their URLs).
Where a check fails (or the bundle cannot be read) the bundle is made again from nothing.
Only a bundle of this Pagefind version is used (its compression makes the same bytes).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ENTRY = "pagefind-entry.json"
FRAGMENTS, FRAGMENT_SUFFIX = "fragment", ".pf_fragment"
HASHED_NAME = re.compile(r"[A-Za-z0-9_-]+")
# Pagefind compresses each hashed file (gzip) after this marker.
MARKER = b"pagefind_dcd"
MAX_FILE_BYTES = 64 * 1024 * 1024  # a fragment is a few KB, a word index chunk under 1 MB
MAX_ENTRY_BYTES = 1024 * 1024
CBOR_DEPTH = 8  # the meta file nests three deep


class NotABundle(ValueError):
    """A bundle file that is not what Pagefind writes."""


def pagefind_version() -> str | None:
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return importlib.metadata.version(package)
    return None


def link_last_bundle(previous: Path | None, bundle: Path) -> list[str]:
    """Hard-link the fragments of the last build's bundle `previous` into `bundle` (made
    here); the relative paths linked. None is linked when the last bundle is missing, of
    another Pagefind version or holds none, or where hard links fail."""
    if previous is None or not previous.is_dir() or _version(previous) != pagefind_version():
        return []
    source, target = previous / FRAGMENTS, bundle / FRAGMENTS
    if not source.is_dir() or source.is_symlink():
        return []
    with os.scandir(source) as entries:
        names = [e.name for e in entries if e.is_file(follow_symlinks=False)
                 and e.name.endswith(FRAGMENT_SUFFIX)
                 and HASHED_NAME.fullmatch(e.name[:-len(FRAGMENT_SUFFIX)])]
    linked: list[str] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(source / name, target / name)
            linked.append(f"{FRAGMENTS}/{name}")
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return []
    return linked


def _version(bundle: Path) -> str | None:
    try:
        entry = json.loads(_read(bundle / ENTRY, MAX_ENTRY_BYTES))
    except (OSError, ValueError, NotABundle):
        return None
    version = entry.get("version") if isinstance(entry, dict) else None
    return version if isinstance(version, str) else None


@dataclass
class Checked:
    """What `check_linked` found of the linked files."""

    bad: set = field(default_factory=set)    # not holding what their names say
    urls: dict = field(default_factory=dict)  # a fragment's relative path -> its page's URL


def check_linked(bundle: Path, linked: list[str]) -> Checked:
    """Each linked fragment checked to hold what its name says, and its URL read (run while
    Pagefind works: neither depends on the new index)."""
    checked = Checked()
    for relative in linked:
        try:
            data = unpacked(bundle / relative)
            if not holds_its_name(relative, data, language_of(relative)):
                checked.bad.add(relative)
            else:
                checked.urls[relative] = fragment_url(data)
        except (OSError, NotABundle):
            checked.bad.add(relative)
    return checked


def settle(bundle: Path, linked: list[str], checked: Checked, urls: set[str]) -> bool:
    """After Pagefind ran over `bundle` holding the `linked` files, over the pages whose
    URLs are `urls`: remove the linked files its index does not name; True when the bundle is
    now what Pagefind writes from nothing, False when it is to be made again from nothing.

    Pagefind names a file by a short hash (7 hex digits) and leaves a file of that name in
    place: a new fragment whose short hash is an old file's name would be served with the
    old file's text. So each fragment the index names must be a page's own, every page having
    one: the fragments' URLs are the pages' URLs, none twice. (A page's new fragment whose
    hash begins as its own old one's, 1 in 268 million, is the one case this cannot see.)"""
    try:
        named = named_files(bundle)
        linked_set = set(linked)
        for relative in linked:
            language = named.get(relative)
            if language is None:
                (bundle / relative).unlink()
            elif relative in checked.bad or language != language_of(relative):
                return False
        seen = set()
        for relative in named:
            if not relative.startswith(f"{FRAGMENTS}/"):
                continue
            url = checked.urls.get(relative) if relative in linked_set \
                else fragment_url(unpacked(bundle / relative))
            if url is None or url not in urls or url in seen:
                return False
            seen.add(url)
    except (OSError, NotABundle):
        return False
    with contextlib.suppress(OSError):  # made for the links only: Pagefind wrote none there
        (bundle / FRAGMENTS).rmdir()
    return True


def page_urls(pages: list[str]) -> set[str]:
    """The URLs Pagefind gives these pages (relative paths under the site): `/` and the
    path, `index.html` left off (its default, `keep_index_url` off)."""
    urls = set()
    for relative in pages:
        url = relative.replace(os.sep, "/")
        if url == "index.html" or url.endswith("/index.html"):
            url = url[:-len("index.html")]
        urls.add(f"/{url}")
    return urls


def fragment_url(data: bytes) -> str | None:
    """The page URL a fragment holds (its JSON's first field), or None."""
    if not data.startswith(b'{"url":'):
        return None
    try:
        url, _end = json.JSONDecoder().raw_decode(data[7:7 + 8192].decode("utf-8", "replace"))
    except ValueError:
        return None
    return url if isinstance(url, str) else None


def language_of(relative: str) -> str:
    """The language a fragment's name begins with (`en_e933603.pf_fragment`): Pagefind
    writes `<language>_<hash>`."""
    return relative.rsplit("/", 1)[-1].rsplit(".", 1)[0].rsplit("_", 1)[0]


def named_files(bundle: Path) -> dict[str, str]:
    """{relative path: language} of every fragment the bundle's index names (its meta file
    for each language lists them)."""
    try:
        entry = json.loads(_read(bundle / ENTRY, MAX_ENTRY_BYTES))
        languages = entry["languages"]
        metas = {language: facts["hash"] for language, facts in languages.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise NotABundle(f"{ENTRY}: {err}") from None
    named = {}
    for language, meta_hash in metas.items():
        if not isinstance(meta_hash, str) or not HASHED_NAME.fullmatch(meta_hash):
            raise NotABundle("a meta file's name")
        meta_name = f"pagefind.{meta_hash}.pf_meta"
        meta = cbor(unpacked(bundle / meta_name))
        try:
            named.update({f"{FRAGMENTS}/{page[0]}{FRAGMENT_SUFFIX}": language
                          for page in meta[1]})
        except (IndexError, TypeError) as err:
            raise NotABundle(f"{meta_name}: {err}") from None
    if not all(isinstance(name, str) for name in named):
        raise NotABundle("a file name")
    return named


def holds_its_name(relative: str, data: bytes, language: str) -> bool:
    """Whether a fragment's content (`unpacked`) is what its name says: Pagefind names it by
    the first characters of `<language>_<SHA-1 of its content>`, hex digits not zero-padded."""
    digest = "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())
    name = relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return len(name) > len(language) + 1 and f"{language}_{digest}".startswith(name)


def unpacked(path: Path) -> bytes:
    """A hashed file's content: gzip, then Pagefind's marker."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip; a bomb stops at the limit
    try:
        data = decompressor.decompress(_read(path, MAX_FILE_BYTES), MAX_FILE_BYTES)
    except zlib.error as err:
        raise NotABundle(f"{path.name}: {err}") from None
    if decompressor.unconsumed_tail or not data.startswith(MARKER):
        raise NotABundle(f"{path.name}: not a Pagefind file")
    return data[len(MARKER):]


def _read(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        # read(limit + 1) would allocate the limit for every file: 0.2 s over 5,701 fragments
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size, limit) + 1)
    if len(data) > limit:
        raise NotABundle(f"{path.name}: larger than {limit} bytes")
    return data


def cbor(data: bytes):
    """The CBOR the meta file holds (unsigned numbers, text, bytes, arrays: what Pagefind's
    meta index is made of); NotABundle for anything else or trailing bytes."""
    value, end = _cbor(data, 0, 0)
    if end != len(data):
        raise NotABundle("trailing bytes in a meta file")
    return value


def _cbor(data: bytes, at: int, depth: int):
    if depth > CBOR_DEPTH or at >= len(data):
        raise NotABundle("a meta file that is not Pagefind's")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        count = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        count, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise NotABundle("a meta file that is not Pagefind's")
    if major == 0:
        return count, at
    if major in (2, 3):
        if at + count > len(data):
            raise NotABundle("a meta file cut short")
        raw = data[at:at + count]
        try:
            return (raw if major == 2 else raw.decode("utf-8")), at + count
        except UnicodeDecodeError:
            raise NotABundle("a meta file that is not Pagefind's") from None
    if major == 4:
        if count > len(data) - at:  # each item takes at least one byte
            raise NotABundle("a meta file cut short")
        items = []
        for _ in range(count):
            item, at = _cbor(data, at, depth + 1)
            items.append(item)
        return items, at
    raise NotABundle("a meta file that is not Pagefind's")
