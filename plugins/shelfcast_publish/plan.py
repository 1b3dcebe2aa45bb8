"""Which files to upload or delete, and in which order, so the live site stays whole.

A page may only go live after everything it links to; a feed only after the pages and audio
it points at. So: host rules first; then audio, images and other assets (new ones before
replaced ones, which may use them); then new pages and new feeds; then replaced pages, and
replaced feeds, OPML and sitemap last; deletions of files no longer built at the very end.
New pages and feeds go before replaced pages because a replaced page (an index, a section,
the subscribe page) is what starts linking to them: until then no reader can reach them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .manifest import Manifest

PHASES = ("host rules", "assets", "pages", "feeds")
HOST_RULES = {"_headers", ".htaccess", ".nojekyll"}
PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".opml", ".json", ".txt")
INDEX_FILES = {"_redirects"}
COMPRESSED = (".gz", ".br")


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)


@dataclass(frozen=True)
class Step:
    """One group of files that may go up (or away) in any order among themselves."""

    action: str  # "upload" or "delete"
    label: str
    paths: tuple[str, ...]


def diff(local: Manifest, remote: Manifest) -> Changes:
    """Compare by size and checksum; the remote manifest must describe what is really there."""
    added = sorted(p for p in local if p not in remote)
    changed = sorted(p for p in local if p in remote and remote[p] != local[p])
    deleted = sorted(p for p in remote if p not in local)
    return Changes(tuple(added), tuple(changed), tuple(deleted))


def phase_of(path: str) -> int:
    """0 host rules, 1 assets, 2 pages, 3 feeds/OPML/sitemap; a .gz/.br copy goes with its file."""
    for suffix in COMPRESSED:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    name = path.rsplit("/", 1)[-1]
    if "/" not in path and name in HOST_RULES:
        return 0
    if path.endswith(PAGE_SUFFIXES):
        return 2
    if path.endswith(FEED_SUFFIXES) or ("/" not in path and name in INDEX_FILES):
        return 3
    return 1


def plan(changes: Changes) -> list[Step]:
    """The upload and delete steps in safe order; empty groups are left out."""
    added, changed = changes.added, changes.changed
    groups = [(PHASES[0], added + changed, 0), ("assets (new)", added, 1),
              ("assets (replaced)", changed, 1), ("pages (new)", added, 2),
              ("feeds (new)", added, 3), ("pages (replaced)", changed, 2),
              ("feeds, OPML and sitemap (replaced)", changed, 3)]
    steps = []
    for label, paths, phase in groups:
        group = tuple(sorted(p for p in paths if phase_of(p) == phase))
        if group:
            steps.append(Step("upload", label, group))
    if changes.deleted:
        ordered = sorted(changes.deleted, key=lambda p: (-phase_of(p), p))
        steps.append(Step("delete", "files no longer built", tuple(ordered)))
    return steps
