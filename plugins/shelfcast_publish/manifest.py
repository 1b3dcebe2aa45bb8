"""What a built tree holds: each file's path, size and SHA-256, as plain data."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFacts:
    size: int
    sha256: str


Manifest = dict[str, FileFacts]


def file_facts(path: str) -> FileFacts:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileFacts(size, digest.hexdigest())


def walk_files(folder: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Every file under folder as a '/'-separated relative path, sorted; skip names by prefix."""
    found = []
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            relative = os.path.relpath(os.path.join(current, name), folder).replace(os.sep, "/")
            if not relative.startswith(skip):
                found.append(relative)
    return sorted(found)


def scan(folder: str) -> Manifest:
    """The manifest of a local tree (the built output/)."""
    return {path: file_facts(os.path.join(folder, path)) for path in walk_files(folder)}


def to_json(entries: dict) -> str:
    return json.dumps(entries, sort_keys=True, indent=0)
