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


def publish_file(source: str, target: str, previous: str | None, prints) -> bool:
    """Put source at target; True when the previous build's unchanged copy was reused.

    A copy counts as unchanged when it holds the source's bytes (`same_bytes`): the same
    size and time, or after a fresh checkout, which gives every file a new time, the same
    digests from `prints` (the build's shelfcast_sitekit.fileprints.FilePrints), so CI still
    links last build's copies instead of copying every episode's audio again.
    """
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if previous and same_bytes(source, previous, prints):
        try:
            os.link(previous, target)
            return True
        except OSError:  # another file system, or no hard links there: copy instead
            pass
    shutil.copy2(source, target)
    return False


def same_bytes(source: str, copy: str, prints) -> bool:
    """Same size and time: the copy was made from this very file (copies keep its time), as
    before prints; another time (a checkout's): their digests. Reading the last build's 500
    audio copies for their digests cost the preview's first build after a start 2.4 s.
    The one rule for "this copy is still the file's": a build's reuse of the last build's
    copy and the resident preview's copy into the served folder both ask it."""
    try:
        a, b = os.stat(source), os.stat(copy)
        if a.st_size != b.st_size:
            return False
        return a.st_mtime_ns == b.st_mtime_ns or prints.of(source) == prints.of(copy)
    except OSError:
        return False
