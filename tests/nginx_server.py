"""A real nginx on 127.0.0.1 serving a built site with the host rules we ship.

Used by the host-rule tests (tests/publish) and by the production browser run (tests/browser),
so that both see exactly the headers plugins/shelfcast_publish/nginx.conf sends.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from shelfcast_editor.local import LocalBackendProblem
from shelfcast_editor.local import wait_for_port as listening

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "plugins" / "shelfcast_publish" / "nginx.conf"
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary() -> str | None:
    """$SHELFCAST_NGINX, else nginx on PATH or in /usr/sbin (Debian's, not on every PATH)."""
    chosen = os.environ.get("SHELFCAST_NGINX")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx")
                                     else None)


def require_nginx() -> str:
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (Debian package: nginx); .ci/run installs it")
    return binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NginxServer:
    """nginx with `root` as its document root and the shipped snippet included, then any
    per-site includes a build wrote (the query redirects)."""

    def __init__(self, root: Path, work: Path, snippet: Path = SNIPPET, includes=()):
        self.root = Path(root)
        self.work = Path(work)
        self.snippet = snippet
        self.includes = [Path(path) for path in includes]
        self.port = _free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.base = f"http://{self.host}/"
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def _config(self) -> str:
        temps = " ".join(f"{kind}_temp_path {self.work}/{kind};" for kind in TEMP_KINDS)
        mime = "include /etc/nginx/mime.types;" if os.path.exists("/etc/nginx/mime.types") \
            else ""
        # As root nginx would switch its workers to nobody, who cannot read a tmp folder.
        user = "user root;" if os.geteuid() == 0 else ""
        return f"""
            {user} daemon off; worker_processes 1; pid {self.work}/nginx.pid;
            error_log {self.work}/error.log;
            events {{ }}
            http {{
                {mime} default_type application/octet-stream; access_log off; {temps}
                server {{
                    listen {self.host};
                    root {self.root};
                    include {self.snippet};
                    {" ".join(f"include {path};" for path in self.includes)}
                }}
            }}
        """

    def start(self, binary: str, seconds: float = 15) -> NginxServer:
        """Start nginx; a server that does not come up fails the test (never a skip)."""
        self.work.mkdir(parents=True, exist_ok=True)
        config = self.work / "nginx.conf"
        config.write_text(self._config())
        log = self.work / "stderr.log"
        with open(log, "wb") as stderr:
            self.process = subprocess.Popen([binary, "-c", str(config), "-p", str(self.work)],
                                            stderr=stderr)
        try:
            listening(self.port, seconds, self.process, "nginx")
        except LocalBackendProblem as problem:
            self.stop()
            pytest.fail(f"{problem}:\n{log.read_text()}{self._error_log()}")
        return self

    def _error_log(self) -> str:
        path = self.work / "error.log"
        return f"\n{path.read_text()}" if path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> NginxServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
