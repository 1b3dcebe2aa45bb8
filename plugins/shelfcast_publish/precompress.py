"""Compressed copies (.gz, .br) of text files, for servers that send them as they are."""

from __future__ import annotations

import gzip
import os

from .manifest import walk_files

TEXT_SUFFIXES = (".html", ".css", ".js", ".xml", ".json", ".opml", ".svg", ".txt", ".vtt",
                 ".srt", ".map")
MIN_SIZE = 1024


def compressors(names) -> dict:
    """suffix -> function(bytes) -> bytes for the requested kinds; brotli only if installed."""
    found = {}
    if "gzip" in names:
        # mtime=0 keeps two builds byte-identical.
        found[".gz"] = lambda data: gzip.compress(data, compresslevel=9, mtime=0)
    if "brotli" in names:
        try:
            import brotli
        except ImportError:
            return found
        found[".br"] = lambda data: brotli.compress(data, quality=11)
    return found


def precompress(folder: str, names) -> list[str]:
    """Write a smaller compressed copy next to every text file worth it; return their paths."""
    written = []
    kinds = compressors(names)
    for relative in walk_files(folder):
        if not relative.endswith(TEXT_SUFFIXES):
            continue
        path = os.path.join(folder, relative)
        with open(path, "rb") as handle:
            data = handle.read()
        if len(data) < MIN_SIZE:
            continue
        for suffix, compress in kinds.items():
            packed = compress(data)
            if len(packed) < len(data):
                with open(path + suffix, "wb") as handle:
                    handle.write(packed)
                written.append(relative + suffix)
    return written
