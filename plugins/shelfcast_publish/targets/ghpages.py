"""A branch of a git remote (GitHub Pages, or any git host that serves a branch).

The whole site goes up as one commit on top of the branch, so the host switches from the old
site to the new one at once; git sends only the files that changed. The work happens in a
temporary repository, never in the project's own.
"""

from __future__ import annotations

import os
import subprocess

from shelfcast_sitekit.faults import fault_point

from ..plan import Changes
from ..scratch import ScratchFolder
from . import PublishError

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
IDENTITY = {"GIT_AUTHOR_NAME": "Shelfcast", "GIT_AUTHOR_EMAIL": "shelfcast@localhost",
            "GIT_COMMITTER_NAME": "Shelfcast", "GIT_COMMITTER_EMAIL": "shelfcast@localhost"}


class GhPagesTarget:
    def __init__(self, config: dict, project_root: str):
        self.project_root = project_root
        self.remote = self._remote_url(config["remote"])
        self.branch = config.get("branch") or "gh-pages"
        self.cname = config.get("cname")
        # The work repository: as big as the site, so a killed publish's copy is removed by
        # the next publish (scratch.py), and this one's by close(), also on a stop signal.
        self.scratch = ScratchFolder("ghpages")
        self.git_dir = os.path.join(self.scratch.path, "repo.git")
        self.parent = None

    def _remote_url(self, remote: str) -> str:
        """A remote's name in the project's repository (e.g. origin), or a URL or path."""
        if "/" in remote or ":" in remote:
            return remote if "://" in remote or not os.path.exists(
                os.path.join(self.project_root, remote)) else os.path.join(
                self.project_root, remote)
        done = subprocess.run(["git", "-C", self.project_root, "remote", "get-url", remote],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            raise PublishError(f"the project's git repository has no remote named {remote!r}")
        return done.stdout.strip()

    def changes(self, output: str, local) -> Changes:
        self._git("init", "--quiet", "--bare", self.git_dir, git_dir=False)
        heads = self._git("ls-remote", "--heads", self.remote, f"refs/heads/{self.branch}")
        if heads.strip():
            self._git("fetch", "--quiet", "--depth", "1", self.remote,
                      f"refs/heads/{self.branch}")
            self.parent = self._git("rev-parse", "FETCH_HEAD").strip()
            self._git("read-tree", self.parent)
        self._git("--work-tree", output, "add", "--all", "--force", ".")
        if self.cname:
            blob = self._git("hash-object", "-w", "--stdin", stdin=self.cname + "\n").strip()
            self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},CNAME")
        status = self._git("diff", "--cached", "--name-status", "--no-renames", "-z",
                           self.parent or EMPTY_TREE)
        fault_point("ghpages:staged")
        return parse_name_status(status)

    def upload(self, output: str, paths) -> None:
        """Nothing goes live file by file here: every file is already staged for one commit."""

    def delete(self, paths) -> None:
        """Deletions are part of the same commit."""

    def finish(self, output: str, local) -> None:
        tree = self._git("write-tree").strip()
        parents = ["-p", self.parent] if self.parent else []
        commit = self._git("commit-tree", tree, *parents, "-m", "Publish the site with Shelfcast")
        self._git("push", "--quiet", self.remote, f"{commit.strip()}:refs/heads/{self.branch}")

    def close(self) -> None:
        self.scratch.cleanup()

    def _git(self, *arguments, git_dir: bool = True, stdin: str | None = None) -> str:
        command = ["git", *(["--git-dir", self.git_dir] if git_dir else []), *arguments]
        env = {**os.environ, **{k: v for k, v in IDENTITY.items() if k not in os.environ}}
        done = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env,
                              check=False)
        if done.returncode:
            detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise PublishError(f"git {arguments[0]} to {self.remote} failed ({detail})")
        return done.stdout


def parse_name_status(status: str) -> Changes:
    """Read `git diff --name-status -z` into added, changed and deleted paths."""
    fields = status.split("\0")
    found = {"A": [], "M": [], "D": [], "T": []}
    for code, path in zip(fields[0::2], fields[1::2], strict=False):
        if code in found and path:
            found[code].append(path)
    return Changes(tuple(sorted(found["A"])), tuple(sorted(found["M"] + found["T"])),
                   tuple(sorted(found["D"])))
