"""Put an import's files into content/: all of them or none, never outside it.

Every path is checked by the site kit's write guard before anything is written (a path from the
export that leads outside content/ stops the whole import); the new files are then written by
the guard into a staging folder beside content/ and moved in together. A file already in
content/ is never overwritten: the same export imported again changes nothing, a newer one adds
the new.
"""

from __future__ import annotations

import filecmp
from dataclasses import dataclass, field
from pathlib import Path

from shelfcast_sitekit.writeguard import Data, check_all, write_files


@dataclass
class Landed:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)   # already there with other text: not touched


def land(files: dict[str, Data], content: str) -> Landed:
    """Write the files that are not there yet; WriteRefused (nothing written) on a bad path."""
    landed = Landed()
    new = {}
    for relative, target in sorted(check_all(content, files).items()):
        if not target.exists():
            new[relative] = files[relative]
            landed.added.append(relative)
        else:
            (landed.unchanged if _same(target, files[relative]) else landed.kept).append(relative)
    write_files(content, new)
    return landed


def _same(path: Path, data: Data) -> bool:
    if isinstance(data, Path):
        return filecmp.cmp(path, data, shallow=False)
    return path.read_bytes() == (data.encode("utf-8") if isinstance(data, str) else data)
