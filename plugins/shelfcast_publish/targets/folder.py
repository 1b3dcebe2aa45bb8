"""A local or mounted folder (a network share, a web server's document root)."""

from __future__ import annotations

import errno
import json
import os
import shutil

from shelfcast_sitekit.faults import fault_point

from ..manifest import FileFacts, file_facts, walk_files
from ..plan import Changes, diff
from . import PublishError

# Remembers each file's checksum by size and mtime so a re-publish reads only files that
# changed. Every entry is checked against the file on disk, so it never vouches for a file
# that is not there as described (an interrupted publish just leaves stale entries unused).
STAT_CACHE = ".shelfcast-manifest.json"
# Each file is copied to a hidden partial name beside its place, then renamed into place.
PARTIAL = ".shelfcast-partial"
FULL = (errno.ENOSPC, errno.EDQUOT)
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


class FolderTarget:
    def __init__(self, config: dict, project_root: str):
        self.root = os.path.join(project_root, os.path.expanduser(config["path"]))
        self.cache: dict = {}
        self.local: dict = {}

    def changes(self, output: str, local) -> Changes:
        self.local = local
        self.remove_partials()
        return diff(local, self.remote_manifest())

    def remove_partials(self) -> None:
        """Remove what an interrupted or killed publish left half-written."""
        for relative in walk_files(self.root):
            if relative.endswith((PARTIAL, STAT_CACHE + ".partial")):
                try:
                    os.remove(os.path.join(self.root, relative))
                except OSError as err:
                    raise destination_error(err, self.root, relative) from None

    def remote_manifest(self):
        cache = self._read_cache()
        manifest = {}
        for relative in walk_files(self.root, skip=(STAT_CACHE,)):
            stat = os.stat(os.path.join(self.root, relative))
            entry = cache.get(relative)
            if entry and entry[:2] == [stat.st_size, stat.st_mtime_ns]:
                facts = FileFacts(stat.st_size, entry[2])
            else:
                facts = file_facts(os.path.join(self.root, relative))
            manifest[relative] = facts
            self.cache[relative] = [stat.st_size, stat.st_mtime_ns, facts.sha256]
        return manifest

    def _read_cache(self) -> dict:
        try:
            with open(os.path.join(self.root, STAT_CACHE), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def upload(self, output: str, paths) -> None:
        for relative in paths:
            target = os.path.join(self.root, relative)
            partial = os.path.join(os.path.dirname(target), "." + os.path.basename(target)
                                   + PARTIAL)
            try:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(output, relative), partial)
                os.chmod(partial, 0o644)
                fault_point("folder:partial-written")
                os.replace(partial, target)
            except OSError as err:
                _remove_quietly(partial)
                raise destination_error(err, self.root, relative) from None
            except BaseException:  # a stop signal: never leave the half file behind
                _remove_quietly(partial)
                raise
            stat = os.stat(target)
            self.cache[relative] = [stat.st_size, stat.st_mtime_ns, self.local[relative].sha256]
        self._write_cache()

    def delete(self, paths) -> None:
        for relative in paths:
            try:
                os.remove(os.path.join(self.root, relative))
            except FileNotFoundError:
                pass
            except OSError as err:
                if err.errno in READ_ONLY:
                    raise destination_error(err, self.root, relative) from None
                raise PublishError(f"cannot delete {relative}: {err.strerror}") from None
            self.cache.pop(relative, None)
            self._remove_empty_parents(os.path.dirname(relative))
        self._write_cache()

    def _remove_empty_parents(self, relative_dir: str) -> None:
        while relative_dir:
            folder = os.path.join(self.root, relative_dir)
            if os.listdir(folder):
                return
            os.rmdir(folder)
            relative_dir = os.path.dirname(relative_dir)

    def finish(self, output: str, local) -> None:
        self._write_cache()

    def _write_cache(self) -> None:
        path = os.path.join(self.root, STAT_CACHE)
        try:
            os.makedirs(self.root, exist_ok=True)
            with open(path + ".partial", "w", encoding="utf-8") as handle:
                json.dump(self.cache, handle, sort_keys=True)
            os.replace(path + ".partial", path)
        except OSError as err:
            _remove_quietly(path + ".partial")
            raise destination_error(err, self.root, STAT_CACHE) from None
        except BaseException:
            _remove_quietly(path + ".partial")
            raise


def destination_error(err: OSError, root: str, relative: str) -> PublishError:
    """Say what is wrong with the destination in words, and whether trying again can help."""
    if err.errno in FULL:
        return PublishError(f"the destination is full: {root} has no room left for {relative} "
                            "(the half-written copy was removed); free space there first")
    if err.errno in READ_ONLY:
        return PublishError(f"the destination is read-only: {root} cannot be written "
                            f"({err.strerror}); ask whoever manages it for write access, or "
                            "check that it is mounted read-write", retry=False)
    return PublishError(f"cannot write {os.path.join(root, relative)}: {err.strerror}")


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
