"""Audio facts cached by path, size and mtime, so an unchanged file is never opened again.

The cache is a JSON file under CACHE_PATH. It is disposable: a missing, stale or damaged cache
only means the files are read again.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable

from .audio import AudioFacts, probe

# 2: facts carry the embedded cover and chapter pictures; files are walked, not read whole.
VERSION = 2


class FactsCache:
    """One build's view of the cache file; save() writes it back only when something changed."""

    def __init__(self, path: str):
        self.path = path
        self.entries = _load(path)
        self.changed = False
        self.probed = 0

    def facts(self, path: str, key: str, reader: Callable[[str], AudioFacts] = probe) -> AudioFacts:
        """Facts for the file at path (key: its stable name); read it only on a cache miss."""
        stat = os.stat(path)
        entry = self.entries.get(key)
        same = entry and (entry.get("size"), entry.get("mtime_ns")) == (stat.st_size,
                                                                       stat.st_mtime_ns)
        if same:
            try:
                return AudioFacts.from_json(entry["facts"])
            except (KeyError, TypeError, ValueError):
                pass
        facts = reader(path)
        self.probed += 1
        self.entries[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                             "facts": facts.to_json()}
        self.changed = True
        return facts

    def save(self) -> None:
        if not self.changed:
            return
        folder = os.path.dirname(self.path) or "."
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".podcast-cache-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": VERSION, "entries": self.entries}, out, sort_keys=True)
        os.replace(temporary, self.path)
        self.changed = False


def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}
