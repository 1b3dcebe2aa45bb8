"""Try an import on a copy of content/ and run the kit's check there before anything lands.

The copy is made of hard links (same disk, beside content/: no file is copied, nothing in
content/ can change, since landing replaces files instead of writing into them). The import's
files land in the copy exactly as they would in content/, then the same build `invoke check`
runs reads the copy. Only an import whose copy builds is landed for real.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from .landing import Landed, land
from .wxr import ImportError_

# A staged content folder -> the check's error report ("" when it builds).
Check = Callable[[str], str]


def build_check(settings_file: str, overrides: dict | None = None) -> Check:
    """The check `invoke check` runs (a full build with the site's settings), on a staged
    content folder; its output, cache and server include stay beside that folder."""
    from shelfcast_sitekit.build import build

    def check(staged_content: str) -> str:
        beside = os.path.dirname(staged_content)
        report = io.StringIO()
        # Pelican's own "Done: Processed ..." line is about the staged copy: not shown.
        with redirect_stdout(io.StringIO()):
            code = build(settings_file, os.path.join(beside, "output"),
                         {**(overrides or {}), "PATH": staged_content,
                          "CACHE_PATH": os.path.join(beside, ".cache")}, keep=False,
                         stream=report)
        return report.getvalue().strip() or "the build failed" if code else ""
    return check


def land_checked(files: dict[str, str | bytes], content: str, check: Check | None) -> Landed:
    """Land `files` in content/ if content/ with them builds; otherwise ImportError_ saying
    what blocks it, and nothing written. Without a check: land as before."""
    if check is None:
        return land(files, content)
    with _staged_copy(content) as staged:
        land(_linked(files, os.path.dirname(staged)), staged)
        problems = _as_content(check(staged), staged, content)
    if problems:
        raise ImportError_("The site would not build with the imported files, so nothing was "
                           "imported. The check said:\n" + problems
                           + "\nFix what it names (in the export or in content/) and import "
                           "again.")
    return land(files, content)


@contextmanager
def _staged_copy(content: str):
    """A folder beside content/ holding content/ as hard links; removed afterwards."""
    project = os.path.dirname(os.path.abspath(content))
    folder = tempfile.mkdtemp(prefix=".import-check-", dir=project)
    staged = os.path.join(folder, os.path.basename(os.path.abspath(content)))
    try:
        shutil.copytree(content, staged, copy_function=_link_or_copy, symlinks=True) \
            if os.path.isdir(content) else os.makedirs(staged)
        yield staged
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _linked(files: dict, folder: str) -> dict:
    """The files to stage: a download (a Path, which landing moves) as a link of its own, so
    the real landing still has it."""
    staged = dict(files)
    for number, (relative, data) in enumerate(sorted(files.items())):
        if isinstance(data, Path):
            staged[relative] = Path(folder, f"download-{number}")
            _link_or_copy(str(data), str(staged[relative]))
    return staged


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: a copy is slower, never wrong
        shutil.copy2(source, target)


def _as_content(problems: str, staged: str, content: str) -> str:
    """The check names the staged files; the librarian knows them as content/..."""
    for known, shown in ((os.path.abspath(staged), os.path.abspath(content)),
                         (os.path.relpath(staged), os.path.relpath(content))):
        problems = problems.replace(known, shown)
    return problems
