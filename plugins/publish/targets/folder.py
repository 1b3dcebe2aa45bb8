"""A local or mounted folder (a network share, a web server's document root)."""

from __future__ import annotations

import json
import os
import shutil

from ..manifest import FileFacts, file_facts, walk_files
from ..plan import Changes, diff
from . import PublishError

# Remembers each file's checksum by size and mtime so a re-publish reads only files that
# changed. Every entry is checked against the file on disk, so it never vouches for a file
# that is not there as described (an interrupted publish just leaves stale entries unused).
STAT_CACHE = ".shelfcast-manifest.json"


class FolderTarget:
    def __init__(self, config: dict, project_root: str):
        self.root = os.path.join(project_root, os.path.expanduser(config["path"]))
        self.cache: dict = {}
        self.local: dict = {}

    def changes(self, output: str, local) -> Changes:
        self.local = local
        return diff(local, self.remote_manifest())

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
                                   + ".shelfcast-partial")
            try:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(output, relative), partial)
                os.chmod(partial, 0o644)
                os.replace(partial, target)
            except OSError as err:
                raise PublishError(f"cannot write {target}: {err.strerror}") from None
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
        os.makedirs(self.root, exist_ok=True)
        with open(path + ".partial", "w", encoding="utf-8") as handle:
            json.dump(self.cache, handle, sort_keys=True)
        os.replace(path + ".partial", path)
