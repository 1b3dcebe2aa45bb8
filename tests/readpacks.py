"""Tests' access to the read cache's packs (shelfcast_sitekit.readpack): list the entries a
build stored, and plant into them as someone who can write .cache would."""

from __future__ import annotations

import json
from pathlib import Path

from shelfcast_sitekit import readcache, readpack


def packs(root: Path) -> list[Path]:
    """Every pack under a site's .cache/sitekit-read (one folder per settings)."""
    return sorted((root / ".cache" / readcache.FOLDER).glob("*/*" + readpack.SUFFIX))


def entries(root: Path) -> list[tuple[Path, str, dict]]:
    """(pack, key, entry document) of every entry in the site's packs."""
    return [(pack, key, json.loads(raw))
            for pack in packs(root)
            for key, raw in readpack.parse(pack.read_bytes(), readcache.MAX_ENTRY_BYTES).items()]


def keys(root: Path) -> set[str]:
    """The keys of every entry stored (a post read again adds one)."""
    return {key for _pack, key, _document in entries(root)}


def entry_with(root: Path, text: str) -> tuple[Path, str, dict]:
    """The first entry whose document holds text."""
    return next(e for e in entries(root) if text in json.dumps(e[2]))


def replace_entry(pack: Path, key: str, document: dict | bytes) -> None:
    """Rewrite a pack with one entry's bytes replaced (a well-formed index)."""
    stored = readpack.parse(pack.read_bytes(), readcache.MAX_ENTRY_BYTES)
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    stored[key] = raw
    pack.write_bytes(readpack.encode(list(stored.items())))
