"""`invoke publish` as a librarian runs it, in a copy of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from publishtools import ROOT

INVOKE = Path(sys.executable).with_name("invoke")


def run_invoke(project, *arguments):
    shutil.copy(ROOT / "tasks.py", project.root / "tasks.py")
    project.write_publishconf()
    return subprocess.run([str(INVOKE), *arguments], cwd=project.root, capture_output=True,
                          text=True, timeout=120)


def test_dry_run_lists_uploads_and_changes_nothing(project, tmp_path):
    www = tmp_path / "www"
    project.targets["share"] = {"type": "folder", "path": str(www)}
    done = run_invoke(project, "publish", "--to", "share", "--dry-run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "would upload" in done.stdout and "  audio/talk.mp3" in done.stdout
    assert not www.exists()
    done = run_invoke(project, "publish", "--to", "share")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (www / "index.html").exists()


def test_an_unknown_target_is_named_and_nothing_is_uploaded(project):
    project.targets["share"] = {"type": "folder", "path": "/nonexistent-shelfcast"}
    done = run_invoke(project, "publish", "--to", "webserver")
    assert done.returncode == 2
    assert "PUBLISH['targets'] has no 'webserver' (known: share)" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_an_unreachable_host_gives_one_clear_message(project, tmp_path):
    if not (shutil.which("rsync") and shutil.which("ssh")):
        pytest.skip("rsync or ssh is not installed (Debian packages: rsync openssh-client)")
    project.targets["web"] = {"type": "rsync", "destination": "nobody@127.0.0.1:/srv/www",
                              "port": 1, "ssh_options": ["-o", "ConnectTimeout=3"]}
    done = run_invoke(project, "publish", "--to", "web")
    assert done.returncode == 1
    assert "Publishing to 'web' stopped: rsync to nobody@127.0.0.1:/srv/www/ failed" in done.stdout
    assert "run the same command again" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
