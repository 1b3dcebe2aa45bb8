"""A large site's search index in parts, so a build after an edit indexes one part again.

Pagefind makes one index of every page it is given, and a run over the 5,701 indexed pages of
a 5,000-post site takes 2-2.5 s of two cores even when it writes only the edited page's
fragment (docs/speed.md): a quarter of a warm build after a one-word edit. Pagefind's own
browser code can search several indexes as one (`mergeIndex`: each index is searched, the
results put together by score), so a site with more than `pages_per_part` indexed pages is
indexed in parts: each page belongs to one part by a hash of its path (a page never moves
while the number of parts stays), each part is a Pagefind index of its pages, and a part whose
pages are byte for byte the last build's is taken from the last build's index.

The first part is the bundle folder itself (`pagefind/`, the search page loads its
pagefind.js); the others are folders inside it (`pagefind/part-1/`...). The list is the file
MANIFEST beside them, which the search page reads (theme's search.js) and the next build
compares with: Pagefind's version, its arguments and, for each part, a digest of its pages'
paths and bytes. A site of one part has the manifest too, naming no other part.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from shelfcast_sitekit.fingerprints import file_digest

MANIFEST = "shelfcast-parts.json"
FORMAT = "shelfcast-search-parts 1"
PART_PREFIX = "part-"
MAX_MANIFEST_BYTES = 1024 * 1024


def part_count(pages: int, per_part: int | None) -> int:
    """How many parts an index of `pages` pages is made in (1 when per_part is None)."""
    if not per_part or pages <= per_part:
        return 1
    return -(-pages // per_part)


def part_of(relative: str, count: int) -> int:
    """The part a page belongs to: fixed by its path and the number of parts alone."""
    if count == 1:
        return 0
    number = hashlib.blake2b(relative.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(number, "big") % count


def split(pages: list[str], count: int) -> list[list[str]]:
    """The pages of each part, in the order given."""
    parts: list[list[str]] = [[] for _ in range(count)]
    for relative in pages:
        parts[part_of(relative, count)].append(relative)
    return parts


def parts_of(pages: list[str], per_part: int | None) -> list[list[str]]:
    """The pages split into parts of about per_part pages, none of them empty (Pagefind
    refuses a folder without pages, and the first part holds the search page's script): with
    fewer parts where the hash leaves one empty, which only a site of a few pages meets."""
    count = part_count(len(pages), per_part)
    while True:
        split_pages = split(pages, count)
        if count == 1 or all(split_pages):
            return split_pages
        count -= 1


def part_folder(number: int) -> str:
    """Where part `number` lives inside the bundle folder ("" for the first)."""
    return "" if number == 0 else f"{PART_PREFIX}{number}"


def pages_digest(site: Path, pages: list[str], known: dict | None = None) -> str:
    """A digest of the pages' paths and bytes, in the given order: equal when the part's
    index would be made of the same input. `known`: the build's digests of the pages it
    wrote (shelfcast_sitekit.pagecache.page_marks: (marked, length, digest)), taken for a
    page whose file still has that length instead of reading it back (5,701 pages, 0.15 s
    of a warm build at 5,000 posts)."""
    whole, folder, known = hashlib.blake2b(digest_size=16), str(site), known or {}
    for relative in pages:
        path = os.path.join(folder, relative)
        seen = known.get(relative)
        if seen is not None and seen[2] is not None and os.stat(path).st_size == seen[1]:
            page = seen[2]
        else:
            page = file_digest(path)
        whole.update(relative.encode("utf-8", "surrogatepass") + b"\0" + page)
    return whole.hexdigest()


def arguments_digest(*arguments) -> str:
    """A digest of what else makes an index (Pagefind's version, the options that change
    what it writes)."""
    return hashlib.blake2b(json.dumps(arguments, sort_keys=True).encode("utf-8"),
                           digest_size=16).hexdigest()


def manifest(arguments: str, digests: list[str]) -> dict:
    return {"format": FORMAT, "arguments": arguments,
            "parts": [{"bundle": part_folder(n) + "/" if n else "", "pages": digest}
                      for n, digest in enumerate(digests)]}


def write_manifest(bundle: Path, data: dict) -> None:
    (bundle / MANIFEST).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


def last_digests(bundle: Path | None, arguments: str) -> list[str] | None:
    """The part digests of the last build's index at `bundle`, when it was made with these
    arguments and its manifest is as this module writes it; None otherwise (nothing taken)."""
    if bundle is None:
        return None
    try:
        with open(bundle / MANIFEST, "rb") as file:
            raw = file.read(MAX_MANIFEST_BYTES + 1)
        data = json.loads(raw) if len(raw) <= MAX_MANIFEST_BYTES else None
    except (OSError, ValueError):
        return None
    if type(data) is not dict or data.get("format") != FORMAT \
            or data.get("arguments") != arguments or type(data.get("parts")) is not list:
        return None
    parts = data["parts"]
    expected = manifest(arguments, [part.get("pages") if type(part) is dict else None
                                    for part in parts])
    if expected != data or any(type(part["pages"]) is not str for part in parts):
        return None
    return [part["pages"] for part in parts]


def taken_part(previous: Path, number: int, target: Path) -> list[str] | None:
    """Hard-link the last build's part `number` into `target` (made here); the relative paths
    of its files, or None where it is missing, holds a link, or links fail (then nothing is
    left at target). The first part's folder holds the others and the manifest: those are
    not part of it. Plain strings and scandir: about 950 files a part, in the build's thread."""
    source = os.path.join(previous, part_folder(number))
    if not os.path.isdir(source) or os.path.islink(source):
        return None
    taken: list[str] = []
    folders = [""]
    try:
        while folders:
            relative = folders.pop()
            os.mkdir(os.path.join(target, relative))
            with os.scandir(os.path.join(source, relative)) as entries:
                for entry in entries:
                    if not relative and number == 0 and (
                            entry.name == MANIFEST or entry.name.startswith(PART_PREFIX)):
                        continue
                    name = f"{relative}/{entry.name}" if relative else entry.name
                    if entry.is_symlink():
                        raise OSError(f"a link in the last index: {entry.path}")
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(name)
                    else:
                        os.link(entry.path, os.path.join(target, name))
                        taken.append(name)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return None
    return taken
