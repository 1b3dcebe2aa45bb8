"""The local editor: Decap's own local backend (decap-server) on 127.0.0.1, writing into the
project's working tree, for `make editor` and the browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

from .bundle import SERVER, install, installed_matches

# Set by `invoke editor` (and the tests) so the build writes the local editor's config.
LOCAL_PORT_ENV = "SHELFCAST_EDITOR_LOCAL_PORT"


class LocalBackendProblem(RuntimeError):
    """decap-server did not start."""


def local_override(environ) -> dict:
    """EDITOR keys the environment turns on: the local editor, at its port."""
    port = environ.get(LOCAL_PORT_ENV)
    return {"enabled": True, "local": True, "local_port": int(port)} if port else {}


def install_if_needed() -> None:
    if not installed_matches():
        install(shutil.which("npm") or "npm")


def backend_command(node: str = "node") -> list[str]:
    return [node, str(SERVER)]


def backend_environment(project: str, port: int) -> dict:
    """fs mode: each save writes the file into the project (no git commit, no branch)."""
    return {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"}


@contextlib.contextmanager
def local_backend(project, port: int, seconds: float = 20) -> Iterator[subprocess.Popen]:
    """decap-server for `project` on 127.0.0.1:`port` while the block runs."""
    process = subprocess.Popen(backend_command(shutil.which("node") or "node"),
                               env=backend_environment(project, port))
    try:
        wait_for_port(port, seconds, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(port: int, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LocalBackendProblem(f"decap-server stopped (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise LocalBackendProblem(f"decap-server did not listen on 127.0.0.1:{port}")
