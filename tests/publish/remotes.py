"""What each kind of host really holds, and what it saw happen, read from the server side."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree
from publishtools import git, tree


class FolderRemote:
    """A folder (or the folder an sshd writes into): the file system is the record."""

    def __init__(self, root: Path, config: dict):
        self.root = root
        self.config = config

    def files(self) -> dict[str, bytes]:
        return tree(self.root) if self.root.exists() else {}

    def mark(self):
        if not self.root.exists():
            return {}
        return {p.relative_to(self.root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in self.root.rglob("*") if p.is_file()
                and not p.name.startswith(".shelfcast-manifest")}

    def events_since(self, mark) -> list[tuple[str, str]]:
        """Files replaced or added since mark, oldest write first, then deletions."""
        now = self.mark()
        written = sorted((stamp[1], path) for path, stamp in now.items()
                         if mark.get(path) != stamp)
        return [("put", path) for _t, path in written] + \
               [("delete", path) for path in sorted(set(mark) - set(now))]


class S3Remote:
    """A bucket in the moto server; its request log is the record of what happened."""

    def __init__(self, server, bucket: str):
        import boto3
        self.server = server
        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=server.url, region_name="us-east-1")
        self.client.create_bucket(Bucket=bucket)
        self.bodies: dict = {}   # (key, ETag) -> bytes, so a re-read fetches only what changed
        self.config = {"type": "s3", "bucket": bucket, "endpoint_url": server.url,
                       "region": "us-east-1"}

    def files(self) -> dict[str, bytes]:
        found = {}
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                key, etag = item["Key"], item["ETag"]
                if key == ".shelfcast-manifest.json":
                    continue
                if (key, etag) not in self.bodies:
                    body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
                    self.bodies[(key, etag)] = body
                found[key] = self.bodies[(key, etag)]
        return found

    def headers(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.bucket, Key=key)

    def mark(self) -> int:
        return len(self.requests())

    def requests(self) -> list[dict]:
        log = self.server.log
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]

    def events_since(self, mark: int) -> list[tuple[str, str]]:
        events = []
        prefix = f"/{self.bucket}/"
        for request in self.requests()[mark:]:
            parts = urlsplit(request["url"])
            if request["method"] == "PUT" and parts.path.startswith(prefix):
                key = unquote(parts.path[len(prefix):])
                if key != ".shelfcast-manifest.json":
                    events.append(("put", key))
            elif request["method"] == "POST" and "delete" in parts.query:
                body = request["body"]
                body = base64.b64decode(body) if request.get("body_encoded") else body.encode()
                root = etree.fromstring(body)
                events += [("delete", key.text)
                           for key in root.iter("{*}Key")]
        return events


class GitRemote:
    """A bare repository; its branch history is the record."""

    def __init__(self, bare: Path, branch: str = "gh-pages"):
        git("init", "--quiet", "--bare", str(bare))
        self.bare = bare
        self.branch = branch
        self.config = {"type": "gh-pages", "remote": str(bare), "branch": branch}

    def head(self) -> str | None:
        refs = git("--git-dir", str(self.bare), "for-each-ref", "--format=%(objectname)",
                   f"refs/heads/{self.branch}").strip()
        return refs or None

    def files(self) -> dict[str, bytes]:
        head = self.head()
        if head is None:
            return {}
        names = git("--git-dir", str(self.bare), "ls-tree", "-r", "-z", "--name-only", head)
        import subprocess
        return {name: subprocess.run(["git", "--git-dir", str(self.bare), "cat-file", "blob",
                                      f"{head}:{name}"], check=True, capture_output=True).stdout
                for name in names.split("\0") if name}

    def mark(self):
        return self.head()

    def events_since(self, mark) -> list[tuple[str, str]]:
        head = self.head()
        if head == mark:
            return []
        base = mark or "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
        lines = git("--git-dir", str(self.bare), "diff", "--name-status", "--no-renames",
                    base, head).splitlines()
        return [("delete" if line[0] == "D" else "put", line.split("\t", 1)[1]) for line in lines]


def make_remote(kind: str, tmp_path: Path, request):
    if kind == "folder":
        root = tmp_path / "www"
        return FolderRemote(root, {"type": "folder", "path": str(root)})
    if kind == "rsync":
        server = request.getfixturevalue("ssh_server")
        root = tmp_path / "remote-www"
        root.mkdir()
        os.chmod(tmp_path, 0o755)
        return FolderRemote(root, server.target(root))
    if kind == "s3":
        server = request.getfixturevalue("s3_server")
        monkeypatch = request.getfixturevalue("monkeypatch")
        for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                            ("AWS_DEFAULT_REGION", "us-east-1")):
            monkeypatch.setenv(name, value)
        return S3Remote(server, f"site-{abs(hash(str(tmp_path))) % 10**8}")
    if shutil.which("git") is None:
        pytest.skip("git is not installed (Debian: git)")
    return GitRemote(tmp_path / "site.git")
