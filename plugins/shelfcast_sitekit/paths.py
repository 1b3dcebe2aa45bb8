"""A path relative to a folder, as `os.path.relpath` gives it, without its work where the
answer is plain.

`os.path.relpath` makes both paths absolute and normal before comparing them (about 4 µs on
this machine); a warm build at 5,000 posts asked it about 45,000 times for paths the build
made itself from the settings' absolute, normal folders (issue 26, docs/speed.md). Where
`path` is absolute, lies under `folder` and neither has anything for normalising to change
(no `.` or `..` part, no doubled or trailing separator), the answer is the rest of `path`;
every other case is `os.path.relpath`'s own.
"""

from __future__ import annotations

import os

_SEP = os.sep


def _plain(path: str) -> bool:
    """Absolute and already normal: normalising it changes nothing."""
    return (path[:1] == _SEP and path[1:2] != _SEP and f"{_SEP}." not in path
            and _SEP * 2 not in path and not path.endswith(_SEP) and os.altsep is None)


def relative_path(path: str, folder: str) -> str:
    """`os.path.relpath(path, folder)`."""
    if type(path) is str and type(folder) is str and path.startswith(folder) \
            and path[len(folder):len(folder) + 1] == _SEP and _plain(folder) and _plain(path):
        return path[len(folder) + 1:]
    return os.path.relpath(path, folder)
