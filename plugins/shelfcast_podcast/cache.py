"""Audio facts cached by path, size and bytes, so an unchanged file is never probed again.

The bytes are told by their digest (shelfcast_sitekit.fileprints, which reads a file again only
when its size or modification time changed): a fresh checkout, where every file is new to
the file system, reads each audio file once instead of probing every episode again (8.4 s of
a CI publish at 500 episodes, issue 26).

The cache is a JSON file under CACHE_PATH (shelfcast_sitekit.cachefile: data only, never code).
It is disposable: a missing, stale or damaged cache only means the files are read again. Facts read
back are checked as if new (AudioFacts.from_json), and only the entries this build asked for
are written back, so the file holds no episode that is gone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from shelfcast_sitekit import cachefile

from .audio import AudioFacts, probe

# 4: by the bytes' digest, not the mtime. 3: a shelfcast_sitekit cache file, facts checked
# when read back. 2: with embedded pictures.
FORMAT = "podcast-audio 4"


class FactsCache:
    """One build's view of the cache file; save() writes back the entries this build used."""

    def __init__(self, path: str, prints):
        """`prints`: the build's shelfcast_sitekit.fileprints.FilePrints."""
        self.path = path
        self.prints = prints
        stored = cachefile.load(Path(path), FORMAT)
        self.entries = stored.get("entries", {}) if isinstance(stored, dict) else {}
        if not isinstance(self.entries, dict):
            self.entries = {}
        self.used: dict = {}
        self.probed = 0

    def digest_ahead(self, root: str) -> int:
        """The prints `facts` will ask for, taken beforehand in threads (FilePrints.digest_
        ahead): the file of each entry whose size is still the entry's (the only files
        `facts` digests), its key a path under root (the content folder). The keys come from
        .cache, which is untrusted: one leading out of root is not read."""
        top = os.path.realpath(root)
        sizes = {}
        for key, entry in self.entries.items():
            if isinstance(key, str) and "\0" not in key and isinstance(entry, dict):
                path = os.path.join(root, key)
                if os.path.commonpath([top, os.path.realpath(path)]) == top:
                    sizes[path] = entry.get("size")
        return self.prints.digest_ahead(sizes)

    def facts(self, path: str, key: str, reader: Callable[[str], AudioFacts] = probe) -> AudioFacts:
        """Facts for the file at path (key: its stable name); read it only on a cache miss."""
        size = os.stat(path).st_size
        entry = self.entries.get(key)
        facts = None
        # Read for its digest only when a build took a file of this very size under this
        # name: a new or runaway file (2 GB of zeros) goes to the probe, which stops at the
        # first bytes that are not audio (tests/podcast/test_podcast_audio_bounded.py).
        held = None
        if isinstance(entry, dict) and entry.get("size") == size:
            held = self.prints.of(path).hex()
            facts = self._stored(entry, size, held)
        if facts is None:
            facts = reader(path)
            self.probed += 1
        self.used[key] = {"size": size, "bytes": held or self.prints.of(path).hex(),
                          "facts": facts.to_json()}
        return facts

    @staticmethod
    def _stored(entry, size: int, held: str) -> AudioFacts | None:
        """The entry's facts when it is about these very bytes and checks out, else None."""
        if not isinstance(entry, dict) or (entry.get("size"), entry.get("bytes")) != (
                size, held):
            return None
        try:
            facts = AudioFacts.from_json(entry["facts"])
        except (KeyError, TypeError, ValueError):
            return None  # damaged, of an older version, or planted: read the file again
        return facts if facts.size == size else None

    def save(self) -> None:
        """Write the file when a file was read or an entry is no longer used."""
        if self.probed or self.used.keys() != self.entries.keys():
            cachefile.save(Path(self.path), FORMAT, {"entries": self.used})
            self.entries = dict(self.used)
