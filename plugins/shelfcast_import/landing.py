"""Put an import's files into content/: all of them or none.

Files are first written to a temporary folder beside content/ (same disk, so each move is a
rename); only when every file is written are they moved in. A file already in content/ is
never overwritten: the same export imported again changes nothing, a newer one adds the new.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field


@dataclass
class Landed:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)   # already there with other text: not touched


def land(files: dict[str, str | bytes], content: str) -> Landed:
    os.makedirs(content, exist_ok=True)
    landed = Landed()
    staging = tempfile.mkdtemp(prefix=".import-", dir=os.path.dirname(os.path.abspath(content)))
    try:
        for relative, data in sorted(files.items()):
            if _same(os.path.join(content, relative), data, landed, relative):
                continue
            _write(os.path.join(staging, relative), data)
            landed.added.append(relative)
        for relative in landed.added:
            target = os.path.join(content, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(staging, relative), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return landed


def _same(path: str, data, landed: Landed, relative: str) -> bool:
    if not os.path.exists(path):
        return False
    with open(path, "rb") as handle:
        old = handle.read()
    new = data.encode("utf-8") if isinstance(data, str) else data
    (landed.unchanged if old == new else landed.kept).append(relative)
    return True


def _write(path: str, data) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
