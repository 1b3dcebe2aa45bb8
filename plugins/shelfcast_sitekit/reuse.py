"""Carry unchanged large files over from the previous build instead of copying them again.

Every build writes a fresh folder (so a failed build leaves output/ untouched). Copying every
audio file into it would make each build cost as much as the whole archive; linking it to
content/ would let an in-place edit of content change the published output/. A hard link to
the previous build's own copy does neither: that copy is output's, not content's.
"""

from __future__ import annotations

import os
import shutil

PREVIOUS_OUTPUT_KEY = "SHELFCAST_PREVIOUS_OUTPUT"


def publish_file(source: str, target: str, previous: str | None) -> bool:
    """Put source at target; True when the previous build's unchanged copy was reused.

    A copy counts as unchanged when its size and modification time equal the source's
    (copies keep the source's time, so an edit to the source always shows).
    """
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if previous and _same_file_facts(source, previous):
        try:
            os.link(previous, target)
            return True
        except OSError:  # another file system, or no hard links there: copy instead
            pass
    shutil.copy2(source, target)
    return False


def _same_file_facts(source: str, copy: str) -> bool:
    try:
        a, b = os.stat(source), os.stat(copy)
    except OSError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
