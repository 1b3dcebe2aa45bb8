"""Real servers for the publish tests, each on 127.0.0.1 in a temporary folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from shelfcast_editor.local import LocalBackendProblem
from shelfcast_editor.local import wait_for_port as listening


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 15) -> None:
    # A server that is installed but does not start is a broken test set-up: a failure.
    try:
        listening(port, seconds, process, what)
    except LocalBackendProblem as problem:
        process.kill()
        pytest.fail(str(problem))


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class SshServer:
    """Debian's sshd on a spare port with a throwaway host key and user key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.known_hosts = folder / "known_hosts"
        self.user_key = folder / "user_key"
        self.process = None

    def start(self) -> None:
        sshd = shutil.which("sshd") or "/usr/sbin/sshd"
        if not os.path.exists(sshd) or not shutil.which("ssh") or not shutil.which("rsync"):
            pytest.skip("sshd, ssh or rsync is not installed (Debian: openssh-server rsync)")
        if os.geteuid() != 0:
            pytest.skip("the test sshd logs in as root, so the tests must run as root")
        for name in ("host_key", "user_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                            str(self.folder / name)], check=True)
        (self.folder / "authorized_keys").write_text((self.folder / "user_key.pub").read_text())
        os.chmod(self.folder / "authorized_keys", 0o600)
        host_key = (self.folder / "host_key.pub").read_text().split()[:2]
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {' '.join(host_key)}\n")
        config = self.folder / "sshd_config"
        config.write_text("\n".join([
            f"Port {self.port}", "ListenAddress 127.0.0.1", f"HostKey {self.folder}/host_key",
            f"AuthorizedKeysFile {self.folder}/authorized_keys", "PermitRootLogin yes",
            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
            "StrictModes no", f"PidFile {self.folder}/sshd.pid", "LogLevel ERROR",
            "Subsystem sftp internal-sftp", ""]))
        os.makedirs("/run/sshd", exist_ok=True)
        self.process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)],
                                        stderr=open(self.folder / "sshd.log", "wb"))
        wait_for_port(self.port, self.process, "sshd")

    def target(self, remote_folder: Path) -> dict:
        return {"type": "rsync", "destination": f"root@127.0.0.1:{remote_folder}",
                "port": self.port, "identity_file": str(self.user_key),
                "ssh_options": ["-o", f"UserKnownHostsFile={self.known_hosts}",
                                "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes"]}


class S3Server:
    """moto in server mode, recording every request in order (the server-side log)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.log = folder / "requests.jsonl"
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        pytest.importorskip("moto.server", reason="moto[server] is not installed")
        env = {**os.environ, "MOTO_ENABLE_RECORDING": "true",
               "MOTO_RECORDER_FILEPATH": str(self.log)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=open(self.folder / "moto.log", "wb"))
        wait_for_port(self.port, self.process, "moto server")

    def reset_log(self) -> None:
        self.log.write_text("")
