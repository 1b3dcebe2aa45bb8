"""A web server reached over SSH, with rsync at both ends.

rsync itself tells what differs (`--checksum --dry-run --itemize-changes`), comparing
checksums with the files really on the server, so nothing is stored there and an
interrupted publish needs no repair. Each file is written to a temporary name and renamed
into place by rsync, so a reader never gets half a file.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile

from ..plan import Changes
from . import PublishError

BASE = ["rsync", "--recursive", "--checksum", "--8-bit-output", "--chmod=D755,F644"]


class RsyncTarget:
    def __init__(self, config: dict, project_root: str):
        self.destination = config["destination"].rstrip("/") + "/"
        ssh = ["ssh", "-o", "BatchMode=yes"]
        if config.get("port"):
            ssh += ["-p", str(config["port"])]
        if config.get("identity_file"):
            ssh += ["-i", os.path.join(project_root, os.path.expanduser(config["identity_file"]))]
        ssh += config.get("ssh_options") or []
        # One SSH connection for all the steps of a publish instead of one per step.
        self.sockets = tempfile.mkdtemp(prefix="shelfcast-ssh-")
        self.ssh = ssh + ["-o", f"ControlPath={self.sockets}/%C"]
        self.shell = ["-e", shlex.join(self.ssh)]
        self.host = self.destination.rpartition(":")[0]
        self.protect = [f"--filter=P {pattern}" for pattern in config.get("protect") or []]
        self.output = ""

    def changes(self, output: str, local) -> Changes:
        self._connect()
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
        subprocess.run([*self.ssh, "-O", "exit", self.host], stdin=subprocess.DEVNULL,
                       capture_output=True, check=False)
        shutil.rmtree(self.sockets, ignore_errors=True)

    def _rsync(self, arguments, stdin: str | None = None) -> str:
        command = [*BASE, *self.shell, *arguments]
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, text=True,
                                  check=False)
        except FileNotFoundError:
            raise PublishError("rsync is not installed on this computer") from None
        if done.returncode:
            detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise PublishError(f"rsync to {self.destination} failed ({detail})")
        return done.stdout


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
