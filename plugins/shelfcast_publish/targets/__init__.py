"""Where a site goes: one module per kind of host, all with the same small interface.

    target.changes(output, local) -> Changes   what differs, judged by what is really there
    target.upload(output, paths)               put these files up (each replaces atomically)
    target.delete(paths)                       remove these files
    target.finish(output, local)               make it live (a push) or record what is there
"""

from __future__ import annotations

import shutil

# The programs each kind of target runs, and the Debian package that brings each one.
TOOLS = {"rsync": ("rsync", "ssh"), "gh-pages": ("git",)}
PACKAGES = {"rsync": "rsync", "ssh": "openssh-client", "git": "git"}


class PublishError(Exception):
    """A host refused or failed; the message says what to check.

    `retry` says whether running the same command again can help (a dropped connection) or
    not (a missing program, a read-only or full destination): only then is it advised.
    """

    def __init__(self, message: str, retry: bool = True):
        super().__init__(message)
        self.retry = retry


def require_tools(kind: str) -> None:
    """Stop with one line naming the programs this kind of target needs and lacks."""
    missing = [tool for tool in TOOLS.get(kind, ()) if shutil.which(tool) is None]
    if missing:
        names = " and ".join(missing)
        verb, pronoun = ("is", "it") if len(missing) == 1 else ("are", "them")
        packages = " ".join(PACKAGES[tool] for tool in missing)
        raise PublishError(f"{names} {verb} not installed: install {pronoun} (Debian: apt "
                           f"install {packages}) or publish with another target", retry=False)


def make_target(config: dict, project_root: str):
    """The target object for one checked PUBLISH['targets'] entry."""
    kind = config["type"]
    require_tools(kind)
    if kind == "folder":
        from .folder import FolderTarget
        return FolderTarget(config, project_root)
    if kind == "rsync":
        from .rsync import RsyncTarget
        return RsyncTarget(config, project_root)
    if kind == "s3":
        from .s3 import S3Target
        return S3Target(config)
    from .ghpages import GhPagesTarget
    return GhPagesTarget(config, project_root)
