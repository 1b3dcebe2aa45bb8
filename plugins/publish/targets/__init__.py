"""Where a site goes: one module per kind of host, all with the same small interface.

    target.changes(output, local) -> Changes   what differs, judged by what is really there
    target.upload(output, paths)               put these files up (each replaces atomically)
    target.delete(paths)                       remove these files
    target.finish(output, local)               make it live (a push) or record what is there
"""

from __future__ import annotations


class PublishError(Exception):
    """A host refused or failed; the message says what to check."""


def make_target(config: dict, project_root: str):
    """The target object for one checked PUBLISH['targets'] entry."""
    kind = config["type"]
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
