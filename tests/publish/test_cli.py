"""`invoke publish` as a librarian runs it, in a copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from publishtools import ROOT

INVOKE = Path(sys.executable).with_name("invoke")


def run_invoke(project, *arguments, env=None):
    shutil.copy(ROOT / "tasks.py", project.root / "tasks.py")
    project.write_publishconf()
    return subprocess.run([str(INVOKE), *arguments], cwd=project.root, capture_output=True,
                          text=True, timeout=120, env=env)


def path_without(folder: Path, *missing: str) -> dict:
    """An environment whose PATH finds every program this one does, except the missing ones."""
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            if name not in missing and not (folder / name).exists():
                (folder / name).symlink_to(os.path.join(directory, name))
    return {**os.environ, "PATH": str(folder)}


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


RSYNC_TARGET = {"type": "rsync", "destination": "nobody@127.0.0.1:/srv/www", "port": 1,
                "ssh_options": ["-o", "ConnectTimeout=3"]}


@pytest.mark.parametrize(("target", "tool", "package"), [
    (RSYNC_TARGET, "rsync", "rsync"), (RSYNC_TARGET, "ssh", "openssh-client"),
    ({"type": "gh-pages", "remote": "/srv/site.git"}, "git", "git")])
def test_a_missing_program_is_named_in_one_line(project, tmp_path, target, tool, package):
    project.targets["web"] = target
    done = run_invoke(project, "publish", "--to", "web", env=path_without(tmp_path / "bin", tool))
    assert done.returncode == 1
    other = {"rsync": "ssh", "ssh": "rsync"}.get(tool) if target is RSYNC_TARGET else None
    if other and not shutil.which(other):  # this machine lacks the other one as well
        assert "rsync and ssh are not installed: install them (Debian: apt install rsync " \
               "openssh-client) or publish with another target." in done.stdout
    else:
        assert f"Publishing to 'web' stopped: {tool} is not installed: install it (Debian: " \
               f"apt install {package}) or publish with another target." in done.stdout
    assert "run the same command again" not in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_an_unreachable_host_gives_one_clear_message(project, tmp_path):
    project.targets["web"] = RSYNC_TARGET
    # Without rsync the message names it (this needs no rsync, so it runs everywhere).
    done = run_invoke(project, "publish", "--to", "web",
                      env=path_without(tmp_path / "bin", "rsync"))
    assert done.returncode == 1
    assert ("rsync is not installed" if shutil.which("ssh") else
            "rsync and ssh are not installed") in done.stdout
    if not shutil.which("rsync") or not shutil.which("ssh"):
        pytest.skip("rsync or ssh is not installed (Debian: rsync openssh-client)")
    done = run_invoke(project, "publish", "--to", "web")
    assert done.returncode == 1
    assert "Publishing to 'web' stopped: rsync to nobody@127.0.0.1:/srv/www/ failed" in done.stdout
    assert "run the same command again" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
