"""A publish that is killed, stopped or refused leaves nothing behind: no half file on the live
side, no work folder or SSH connection on this computer (after the next run at the latest).

Kills are real: `invoke publish` runs in a subprocess that is sent SIGKILL (or SIGTERM) at a
named point of the code (SHELFCAST_KILL_AT), or, for rsync, by the test while a file is on its
way. Each subprocess gets a temporary folder of its own (TMPDIR) so what it leaves there shows.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from publishtools import ROOT, mp3, tree
from remotes import make_remote
from shelfcast_publish.targets.rsync import rsync_error
from test_targets import change_a_lot

INVOKE = Path(sys.executable).with_name("invoke")
THROTTLE = Path(__file__).with_name("throttle.py")
# rsync writes each file to ".<name>.XXXXXX" beside its place and renames it when complete.
RSYNC_TEMP = re.compile(r"^\..+\.[A-Za-z0-9]{6}$")


@pytest.fixture
def own_tmp():
    """A short temporary folder for the subprocess (an SSH socket path must stay short)."""
    folder = Path(tempfile.mkdtemp(prefix="sc-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def publish_env(own_tmp: Path, kill_at: str | None = None, kill_with: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHELFCAST_KILL")}
    env["TMPDIR"] = str(own_tmp)
    if kill_at:
        env["SHELFCAST_KILL_AT"] = kill_at
    if kill_with:
        env["SHELFCAST_KILL_WITH"] = kill_with
    return env


def run_publish(project, own_tmp, kill_at=None, kill_with=None) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "tasks.py", project.root / "tasks.py")
    project.write_publishconf()
    return subprocess.run([str(INVOKE), "publish", "--to", "live"], cwd=project.root,
                          env=publish_env(own_tmp, kill_at, kill_with), capture_output=True,
                          text=True, timeout=300)


def local_litter(project, own_tmp) -> list[str]:
    """What a publish left on this computer besides its kept build (.cache/publish-output)."""
    cache = project.root / ".cache"
    left = [f".cache/{p.name}" for p in cache.iterdir() if p.name.startswith("publish-output.")]
    # An SSH master told to end takes a moment to go.
    deadline = time.monotonic() + 5
    while (running := processes_mentioning(str(own_tmp))) and time.monotonic() < deadline:
        time.sleep(0.1)
    return sorted(left + [f"TMPDIR/{name}" for name in os.listdir(own_tmp)]
                  + [f"process {pid}" for pid in running])


def processes_mentioning(text: str) -> list[str]:
    """Processes (an SSH master connection) whose command line names text."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if text.encode() in command:
            found.append(pid)
    return found


def assert_live_is_the_built_site(project, remote_files: dict) -> None:
    assert sorted(remote_files) == sorted(tree(project.output))
    assert remote_files == tree(project.output)


@pytest.fixture
def small_disk():
    """Mount a tiny tmpfs on a folder (full or read-only), unmounted after the test."""
    mounted = []

    def mount(folder: Path, size: str = "160k", read_only: bool = False) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        options = f"size={size},mode=0755" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            pytest.skip(f"a small tmpfs cannot be mounted here ({done.stderr.strip()}); the "
                        "full and read-only destination tests must run as root")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


# -- a folder ---------------------------------------------------------------------------------

@pytest.fixture
def share(project, tmp_path):
    www = tmp_path / "www"
    project.targets["live"] = {"type": "folder", "path": str(www)}
    return www


def partial_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith("partial"))


def test_a_killed_folder_publish_leaves_its_half_file_only_until_the_next_run(project, share,
                                                                               own_tmp):
    assert run_publish(project, own_tmp).returncode == 0
    change_a_lot(project)
    killed = run_publish(project, own_tmp, kill_at="folder:partial-written")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert partial_files(share), "the kill should have caught a file half-way"
    finished = run_publish(project, own_tmp)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert partial_files(share) == []
    assert_live_is_the_built_site(project, tree(share))
    assert local_litter(project, own_tmp) == []


def test_a_stopped_folder_publish_removes_its_half_file_at_once(project, share, own_tmp):
    assert run_publish(project, own_tmp).returncode == 0
    change_a_lot(project)
    stopped = run_publish(project, own_tmp, kill_at="folder:partial-written",
                          kill_with="SIGTERM")
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stdout + stopped.stderr
    assert "was stopped (SIGTERM)" in stopped.stdout
    assert "Traceback" not in stopped.stdout + stopped.stderr
    assert partial_files(share) == []
    assert local_litter(project, own_tmp) == []


def test_a_full_folder_says_so_and_keeps_no_half_file(project, share, small_disk):
    small_disk(share)
    assert project.publish("live") == 1
    assert "stopped: the destination is full: " in project.messages
    assert "Traceback" not in project.messages
    assert partial_files(share) == []


def test_a_read_only_folder_says_so_and_does_not_advise_running_again(project, share,
                                                                       small_disk):
    small_disk(share, read_only=True)
    assert project.publish("live") == 1
    assert "stopped: the destination is read-only: " in project.messages
    assert "run the same command again" not in project.messages


# -- rsync over SSH ---------------------------------------------------------------------------

@pytest.fixture
def server_folder(project, tmp_path, request):
    remote = make_remote("rsync", tmp_path, request)
    project.targets["live"] = remote.config
    return remote


def rsync_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if RSYNC_TEMP.match(p.name))


def test_a_killed_rsync_publish_leaves_no_ssh_connection_after_the_next_run(
        project, server_folder, own_tmp):
    killed = run_publish(project, own_tmp, kill_at="rsync:connected")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    left = local_litter(project, own_tmp)
    assert any(entry.startswith("TMPDIR/") for entry in left), left
    assert any(entry.startswith("process ") for entry in left), left
    finished = run_publish(project, own_tmp)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert_live_is_the_built_site(project, server_folder.files())
    assert local_litter(project, own_tmp) == []


def test_a_stopped_rsync_publish_ends_its_ssh_connection_at_once(project, server_folder,
                                                                  own_tmp):
    stopped = run_publish(project, own_tmp, kill_at="rsync:connected", kill_with="SIGTERM")
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stdout + stopped.stderr
    assert local_litter(project, own_tmp) == []


def test_rsync_killed_mid_file_leaves_no_half_file_on_the_server(project, server_folder,
                                                                 own_tmp):
    assert run_publish(project, own_tmp).returncode == 0
    project.write("audio/long-talk.mp3", mp3(1500))   # about 600 kB
    # This run's uploads go through a proxy at 64 kB/s, so the file takes seconds.
    throttled = dict(server_folder.config)
    throttled["ssh_options"] = [*throttled["ssh_options"], "-o", f"ProxyCommand={sys.executable}"
                                f" {THROTTLE} {throttled['port']} 65536"]
    project.targets["live"] = throttled
    shutil.copy(ROOT / "tasks.py", project.root / "tasks.py")
    project.write_publishconf()
    process = subprocess.Popen([str(INVOKE), "publish", "--to", "live"], cwd=project.root,
                               env=publish_env(own_tmp), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    caught = []
    deadline = time.monotonic() + 240
    while not caught and process.poll() is None and time.monotonic() < deadline:
        caught = rsync_temp_files(server_folder.root)
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)   # the publish, its rsync and rsync's ssh
    process.wait()
    assert caught, "the kill should have caught a file on its way"
    project.targets["live"] = server_folder.config
    finished = run_publish(project, own_tmp)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert rsync_temp_files(server_folder.root) == []
    assert_live_is_the_built_site(project, server_folder.files())
    assert local_litter(project, own_tmp) == []


def test_a_full_server_says_the_destination_is_full(project, server_folder, small_disk):
    small_disk(server_folder.root)
    assert project.publish("live") == 1
    assert "stopped: the destination is full: " in project.messages
    assert "Broken pipe" not in project.messages.splitlines()[-2]
    assert rsync_temp_files(server_folder.root) == []


def test_a_read_only_server_says_so_and_does_not_advise_running_again(project, server_folder,
                                                                      small_disk):
    small_disk(server_folder.root, read_only=True)
    assert project.publish("live") == 1
    assert "stopped: the destination is read-only: " in project.messages
    assert "run the same command again" not in project.messages


@pytest.mark.parametrize(("stderr", "expected", "retry"), [
    ('rsync: [receiver] write failed on "/srv/www/a.mp3": No space left on device (28)\n'
     "rsync error: error in file IO (code 11) at receiver.c(380)\n"
     "rsync: [sender] write error: Broken pipe (32)\n", "the destination is full", True),
    ('rsync: [receiver] mkstemp "/srv/www/.index.html.Ab12Cd" failed: Read-only file system '
     "(30)\nrsync error: some files/attrs were not transferred (code 23)\n",
     "the destination is read-only", False),
    ("ssh: connect to host web port 22: Connection refused\nrsync: connection unexpectedly "
     "closed (0 bytes received so far) [sender]\n", "failed (rsync: connection unexpectedly",
     True),
])
def test_rsync_failures_are_read_into_words(stderr, expected, retry):
    error = rsync_error("web:/srv/www/", stderr)
    assert expected in str(error)
    assert error.retry is retry


# -- a gh-pages branch ------------------------------------------------------------------------

@pytest.fixture
def branch(project, tmp_path, request):
    remote = make_remote("gh-pages", tmp_path, request)
    project.targets["live"] = remote.config
    return remote


def test_a_killed_gh_pages_publish_leaves_no_work_copy_after_the_next_run(project, branch,
                                                                           own_tmp):
    assert run_publish(project, own_tmp).returncode == 0
    before = branch.head()
    change_a_lot(project)
    killed = run_publish(project, own_tmp, kill_at="ghpages:staged")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert branch.head() == before
    assert [e for e in local_litter(project, own_tmp) if e.startswith("TMPDIR/")]
    finished = run_publish(project, own_tmp)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert_live_is_the_built_site(project, branch.files())
    assert local_litter(project, own_tmp) == []


def test_a_stopped_gh_pages_publish_removes_its_work_copy_at_once(project, branch, own_tmp):
    stopped = run_publish(project, own_tmp, kill_at="ghpages:staged", kill_with="SIGTERM")
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stdout + stopped.stderr
    assert branch.head() is None
    assert local_litter(project, own_tmp) == []
