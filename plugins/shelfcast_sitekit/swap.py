"""Put a finished build in place of output/ in one step, and clear what killed builds left.

A build writes into `output.new-XXXX` next to output/ and holds a lock (flock) on that folder
while it runs. When it succeeded, Linux's exchange rename (renameat2 RENAME_EXCHANGE, macOS
renamex_np RENAME_SWAP) swaps the two folders in one step: at every moment output/ is a real,
complete folder, the old build or the new one. The old build, now under the staging name, is
then removed. The next build removes every `output.new-*` / `output.old-*` no live build holds.

Where the file system cannot exchange (some network file systems), output/ is replaced by two
renames, the old build moved to `output.old-XXXX` first; a kill between them leaves no
output/ until the next build, which moves that old build back before doing anything else.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from .faults import fault_point

NEW, OLD = ".new-", ".old-"
AT_FDCWD = -100
RENAME_EXCHANGE = 2   # linux/fs.h
RENAME_SWAP = 2       # macOS sys/stdio.h
UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


@dataclass
class Staging:
    """A build folder being written, and the descriptor whose lock says it is in use."""

    path: str
    lock: int


def start_staging(output_path: str) -> Staging:
    """Clear what killed builds left, then make and lock a fresh build folder."""
    clean_leftovers(output_path)
    path = tempfile.mkdtemp(prefix=os.path.basename(output_path) + NEW,
                            dir=os.path.dirname(output_path))
    lock = try_lock(path)
    return Staging(path, lock if lock is not None else os.open(path, os.O_RDONLY))


def discard(staging: Staging) -> None:
    shutil.rmtree(staging.path, ignore_errors=True)
    os.close(staging.lock)


def swap_into_place(staging: Staging, output_path: str, remove=None) -> None:
    """Make the finished build output_path; never is there no output_path, or half of one.

    The old build is removed with `remove(path)` (default remove_tree, now): the preview
    removes it after the browser reloaded. One left behind is cleared by the next build."""
    remove = remove or remove_tree
    os.chmod(staging.path, 0o755)
    fault_point("swap:staged")
    try:
        if not os.path.isdir(output_path):
            os.rename(staging.path, output_path)
        elif exchange(staging.path, output_path):
            fault_point("swap:exchanged")
            remove(staging.path)
        else:
            _two_renames(staging.path, output_path, remove)
    finally:
        os.close(staging.lock)


def _two_renames(staging: str, output_path: str, remove) -> None:
    folder, name = os.path.split(staging)
    retired = os.path.join(folder, name.replace(NEW, OLD, 1))
    held = try_lock(output_path)
    try:
        os.rename(output_path, retired)
        fault_point("swap:retired")
        os.rename(staging, output_path)
        remove(retired)
    finally:
        if held is not None:
            os.close(held)


def remove_tree(path: str) -> None:
    """Remove a retired build (a kill part-way leaves a folder the next build clears)."""
    if os.path.islink(path):  # output/ was a link: remove the link, never what it points to
        os.unlink(path)
        return
    with os.scandir(path) as entries:
        first = next(entries, None)
    if first is not None:
        if first.is_dir(follow_symlinks=False):
            shutil.rmtree(first.path, ignore_errors=True)
        else:
            os.unlink(first.path)
        fault_point("swap:removing-old")
    shutil.rmtree(path, ignore_errors=True)


# Run by remove_in_background in a process of its own: lock the retired build (waiting for
# the build that retired it to let go), then remove it.
_REMOVER = """
import fcntl, os, shutil, sys
try:
    lock = os.open(sys.argv[1], os.O_RDONLY)
except OSError:
    sys.exit(0)
fcntl.flock(lock, fcntl.LOCK_EX)
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


def remove_in_background(path: str) -> None:
    """Remove a retired build after the build that replaced it has ended (`invoke build`):
    removing a 1,000-post site's 2,700 files and 900 folders took 2.5 s of a 16 s warm build
    (issue 26), and output/ is already the new build.

    A process of its own, in a session of its own, does it while holding the folder's lock:
    the next build's clean_leftovers leaves it alone while it works and clears what is left if
    it was killed, as it does for any retired build."""
    if os.path.islink(path):  # output/ was a link: remove the link, never what it points to
        os.unlink(path)
        return
    subprocess.Popen([sys.executable, "-I", "-S", "-c", _REMOVER, path],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def clean_leftovers(output_path: str) -> None:
    """Remove build folders of killed builds; put the old build back if output/ is missing."""
    parent, base = os.path.split(output_path)
    if not os.path.isdir(parent):
        return
    leftovers = sorted((entry for entry in os.scandir(parent)
                        if entry.name.startswith((base + NEW, base + OLD))
                        and entry.is_dir(follow_symlinks=False)),
                       key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for entry in leftovers:
        lock = try_lock(entry.path)
        if lock is None:  # a build that is running now
            continue
        try:
            if entry.name.startswith(base + OLD) and not os.path.lexists(output_path):
                os.rename(entry.path, output_path)
            else:
                shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(lock)


def try_lock(path: str) -> int | None:
    """A descriptor holding an exclusive lock on path, or None while another process holds it."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def exchange(first: str, second: str) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        done = libc.renamex_np(ctypes.c_char_p(a), ctypes.c_char_p(b), ctypes.c_uint(RENAME_SWAP))
    elif hasattr(libc, "renameat2"):
        done = libc.renameat2(ctypes.c_int(AT_FDCWD), ctypes.c_char_p(a), ctypes.c_int(AT_FDCWD),
                              ctypes.c_char_p(b), ctypes.c_uint(RENAME_EXCHANGE))
    else:
        return False
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in UNSUPPORTED:
        return False
    raise OSError(error, os.strerror(error), first)
