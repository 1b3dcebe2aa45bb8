"""Scratch folders in the temporary folder (a gh-pages work repository, SSH sockets) that a
killed publish cannot leave behind for long.

Each publish holds a lock (flock) on its scratch folder while it runs; the kernel drops the
lock when the process ends, however it ends. The next publish removes every scratch folder of
ours that nobody holds, after letting the target stop what may still run in it (an SSH
master connection). Folders named the way earlier versions named them, which held no lock,
are removed once they are a day old.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time

from shelfcast_sitekit.swap import try_lock

PREFIX = "shelfcast-scratch-"
UNLOCKED_PREFIXES = ("shelfcast-ssh-", "shelfcast-ghpages-")
UNLOCKED_AGE = 24 * 3600


class ScratchFolder:
    """A fresh, locked folder under the temporary folder; `cleanup()` removes it."""

    def __init__(self, kind: str, on_stale=None):
        clean_stale(kind, on_stale)
        self.path = tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-")
        self.lock = try_lock(self.path)

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def clean_stale(kind: str, on_stale=None) -> list[str]:
    """Remove this user's scratch folders of this kind that no running publish holds."""
    removed = []
    folder = tempfile.gettempdir()
    for entry in os.scandir(folder):
        if not entry.is_dir(follow_symlinks=False) or entry.stat().st_uid != os.getuid():
            continue
        if entry.name.startswith(f"{PREFIX}{kind}-"):
            lock = try_lock(entry.path)
            if lock is None:  # a publish running now
                continue
            try:
                if on_stale is not None:
                    on_stale(entry.path)
                shutil.rmtree(entry.path, ignore_errors=True)
            finally:
                os.close(lock)
            removed.append(entry.path)
        elif entry.name.startswith(UNLOCKED_PREFIXES) and \
                time.time() - entry.stat().st_mtime > UNLOCKED_AGE:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
    return removed
