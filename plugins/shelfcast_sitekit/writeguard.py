"""The one way an importer, the comment-mail reader or a task writes a file: inside its folder.

Paths made from outside text (a WordPress export, a feed, an e-mail, a URL) are untrusted. Every
target is checked after the caller has decoded and joined it: it must be relative, free of
`..`, NUL and control characters, and still inside the folder once resolved (a symlink inside
the folder that points elsewhere counts as outside). A batch is checked whole before anything
is written, and written whole or not at all, so a bad path stops the operation with one
message and leaves the folder as it was.

    write_file(content, "comments/winter/2026-01-05-anna.yaml", text)
    write_files(content, {"posts/news/a.md": text, "images/2019/a.jpg": Path(tmp)})
    safe_name("..%2F..%2Fevil.pth")  ->  "evil.pth"
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote

from .slugs import slug_for

# Data to write: text (UTF-8), bytes, or a finished file (a download) to move in.
Data = str | bytes | Path
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The write guard's safe alphabet: what may stand in a file name made from outside text.
UNSAFE = re.compile(r"[^a-z0-9_-]+")
EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")
MAX_NAME = 100


class WriteRefused(Exception):
    """A file would land outside its folder; the message names it and says nothing was written."""


def safe_slug(text: str) -> str:
    """`text` (a title, id or percent-encoded name) as a slug by the one slug rule (Pelican's
    defaults: outside text is slugged alike whatever the site sets), then only a-z, 0-9, _
    and hyphens, whatever that rule would let through."""
    return UNSAFE.sub("", slug_for(unquote(str(text))))


def safe_name(text: str, fallback: str = "file") -> str:
    """A file name made from outside text (a URL's last part, an id): a slug and a short
    lower-case extension, never `..`, a slash or a control character; `fallback` if nothing
    usable is left."""
    decoded = unquote(str(text))
    base = re.split(r"[/\\]", decoded)[-1]
    stem, extension = posixpath.splitext(base)
    extension = extension.lower() if EXTENSION.match(extension.lower()) else ""
    stem = safe_slug(stem).strip("-")[:MAX_NAME] or safe_slug(fallback).strip("-") or "file"
    return stem + extension


def unique_name(name: str, taken) -> str:
    """`name`, or `name-2`, `name-3`... (before the extension) if it is in `taken`."""
    stem, extension = posixpath.splitext(name)
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{extension}", number + 1
    return candidate


def checked_path(folder: str | os.PathLike, relative: str) -> Path:
    """folder/relative, resolved; WriteRefused unless it stays inside folder."""
    target, problem = _placed(folder, relative)
    if problem:
        raise WriteRefused(f"{problem}; nothing was written")
    return target


def check_all(folder: str | os.PathLike, relatives: Iterable[str]) -> dict[str, Path]:
    """Every relative path checked at once: {relative: target}; one WriteRefused naming each
    bad path otherwise."""
    checked, problems = {}, []
    for relative in relatives:
        checked[relative], problem = _placed(folder, relative)
        problems += [problem] if problem else []
    if problems:
        raise WriteRefused("\n".join(problems) + "\nNothing was written.")
    return checked


def _placed(folder: str | os.PathLike, relative: str) -> tuple[Path, str | None]:
    """(target, None) when folder/relative stays inside folder, else (folder, the problem)."""
    root = Path(folder).resolve()
    problem = _path_problem(relative)
    target = root.joinpath(*relative.split("/")) if problem is None else root
    if problem is None and not target.resolve().is_relative_to(root):
        problem = "leads outside the folder (through a link)"
    if problem is None:
        return target, None
    return root, (f"{_shown(relative)} {problem}, so it would be written outside "
                  f"{Path(folder).name}/")


def write_file(folder: str | os.PathLike, relative: str, data: Data,
               overwrite: bool = False) -> Path:
    """Write one file inside folder: a temporary file beside the target, renamed into place."""
    target = checked_path(folder, relative)
    if target.exists() and not overwrite:
        raise WriteRefused(f"'{relative}' is already there (not overwritten); nothing was "
                           "written")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Checked again: a folder made since the first check may not lead elsewhere.
    os.replace(_put(data, target.parent), checked_path(folder, relative))
    return target


def copy_file(folder: str | os.PathLike, relative: str, source: str | os.PathLike) -> Path:
    """Copy `source` (left as it is) to folder/relative, checked like write_file."""
    target = checked_path(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".writing-", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, name)
        return write_file(folder, relative, Path(name))
    finally:
        if os.path.exists(name):
            os.unlink(name)


def write_files(folder: str | os.PathLike, files: Mapping[str, Data],
                overwrite: bool = False) -> dict[str, Path]:
    """Write every file inside folder, or none: all paths are checked first, then written to a
    staging folder beside it, then moved in. An existing file stops the batch unless
    `overwrite`."""
    targets = check_all(folder, files)
    existing = [r for r, target in targets.items() if target.exists() and not overwrite]
    if existing:
        raise WriteRefused("already there (not overwritten): " + ", ".join(existing)
                           + "\nNothing was written.")
    root = Path(folder).resolve()
    root.mkdir(parents=True, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".writing-", dir=root.parent)
    try:
        staged = {relative: _put(files[relative], staging) for relative in sorted(targets)}
        for relative, source in staged.items():
            targets[relative].parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, checked_path(root, relative))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets


def _put(data: Data, directory: str | os.PathLike) -> Path:
    """The data as a new file in directory (a download is moved, not copied, when it can be)."""
    handle, name = tempfile.mkstemp(prefix=".writing-", dir=directory)
    os.close(handle)
    if isinstance(data, Path):
        shutil.move(data, name)  # a rename on the same disk, else a streamed copy
    else:
        Path(name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.chmod(name, 0o644)  # as an editor would make it, not mkstemp's 0600
    return Path(name)


def _path_problem(relative: str) -> str | None:
    if not isinstance(relative, str) or not relative.strip():
        return "is empty"
    if CONTROL.search(relative):
        return "contains a control character"
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        return "is an absolute path"
    parts = re.split(r"[/\\]", relative)
    if any(part in ("..", "") for part in parts):
        return "contains '..' or an empty folder name"
    return None


def _shown(relative) -> str:
    """The path as it may be printed: control characters shown, not obeyed."""
    return repr(relative) if CONTROL.search(str(relative)) else f"'{relative}'"
