"""A web server reached over SSH, with rsync at both ends.

rsync itself tells what differs (`--checksum --dry-run --itemize-changes`), comparing
checksums with the files really on the server, so nothing is stored there and an
interrupted publish needs no repair. Each file is written to a temporary name and renamed
into place by rsync, so a reader never gets half a file.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from shelfcast_sitekit.faults import fault_point

from ..plan import Changes
from ..scratch import ScratchFolder
from . import PublishError

BASE = ["rsync", "--recursive", "--checksum", "--8-bit-output", "--chmod=D755,F644"]
# What rsync (or the receiving rsync) prints for a destination that is full or read-only;
# the last line alone is often just "Broken pipe".
FULL = ("No space left on device", "Disk quota exceeded")
READ_ONLY = ("Read-only file system", "failed: Permission denied",
             "failed: Operation not permitted")


class RsyncTarget:
    def __init__(self, config: dict, project_root: str):
        self.destination = config["destination"].rstrip("/") + "/"
        ssh = ["ssh", "-o", "BatchMode=yes"]
        if config.get("port"):
            ssh += ["-p", str(config["port"])]
        if config.get("identity_file"):
            ssh += ["-i", os.path.join(project_root, os.path.expanduser(config["identity_file"]))]
        ssh += config.get("ssh_options") or []
        # One SSH connection for all the steps of a publish instead of one per step; its
        # socket lives in a scratch folder a killed publish leaves for the next one to clear.
        self.sockets = ScratchFolder("ssh", on_stale=stop_masters)
        self.ssh = ssh + ["-o", f"ControlPath={self.sockets.path}/master"]
        self.shell = ["-e", shlex.join(self.ssh)]
        self.host = self.destination.rpartition(":")[0]
        self.protect = [f"--filter=P {pattern}" for pattern in config.get("protect") or []]
        self.output = ""

    def changes(self, output: str, local) -> Changes:
        self._connect()
        fault_point("rsync:connected")
        self.output = output.rstrip("/") + "/"
        listing = self._rsync(["--dry-run", "--itemize-changes", "--delete", *self.protect,
                               self.output, self.destination])
        return parse_itemized(listing)

    def upload(self, output: str, paths) -> None:
        names = "".join(path + "\0" for path in paths)
        self._rsync(["--files-from=-", "--from0", output.rstrip("/") + "/", self.destination],
                    names)

    def delete(self, paths) -> None:
        # Transfers nothing (--existing with --ignore-existing) and removes what was not built,
        # which is the list the dry run reported.
        self._rsync(["--delete", "--existing", "--ignore-existing", *self.protect,
                     self.output, self.destination])

    def finish(self, output: str, local) -> None:
        self.close()

    def _connect(self) -> None:
        """Open the shared connection in the background, with no pipes of ours left open."""
        subprocess.run([*self.ssh, "-o", "ControlMaster=yes", "-o", "ControlPersist=60", "-N",
                        "-f", self.host], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)

    def close(self) -> None:
        """End the shared SSH connection (it would also end by itself after 60 idle seconds)."""
        stop_masters(self.sockets.path)
        self.sockets.cleanup()

    def _rsync(self, arguments, stdin: str | None = None) -> str:
        command = [*BASE, *self.shell, *arguments]
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, text=True,
                                  check=False)
        except FileNotFoundError:
            raise PublishError("rsync is not installed on this computer") from None
        if done.returncode:
            raise rsync_error(self.destination, done.stderr)
        return done.stdout


def stop_masters(folder: str) -> None:
    """Ask each SSH master connection whose socket is in folder to end."""
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        # With an explicit socket path ssh needs no real host name to reach the master.
        try:
            subprocess.run(["ssh", "-o", f"ControlPath={os.path.join(folder, name)}", "-O",
                            "exit", "shelfcast-master"], stdin=subprocess.DEVNULL,
                           capture_output=True, check=False, timeout=10)
        except subprocess.TimeoutExpired:
            pass  # a master that does not answer ends by itself (ControlPersist)


def rsync_error(destination: str, stderr: str) -> PublishError:
    """What went wrong, in words: a full or read-only destination, else rsync's last line."""
    lines = stderr.strip().splitlines() or ["no message"]
    for line in lines:
        if any(words in line for words in FULL):
            return PublishError(f"the destination is full: {destination} has no room left "
                                f"({line.strip()}); free space there first")
    for line in lines:
        if any(words in line for words in READ_ONLY):
            return PublishError(f"the destination is read-only: {destination} cannot be "
                                f"written ({line.strip()}); ask whoever manages the server "
                                "for write access", retry=False)
    return PublishError(f"rsync to {destination} failed ({lines[-1]})")


def parse_itemized(listing: str) -> Changes:
    """Read rsync's --itemize-changes lines into added, changed and deleted files."""
    added, changed, deleted = [], [], []
    for line in listing.splitlines():
        code, _, path = line.partition(" ")
        if code == "*deleting":
            path = path.strip()
            if not path.endswith("/"):
                deleted.append(path)
        elif len(code) == 11 and code[1] == "f" and code[0] in "<>ch":
            (added if code[2:].startswith("+++") else changed).append(path)
    return Changes(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(deleted)))
