"""The local editor: Decap's own local backend (decap-server) on 127.0.0.1, writing into the
project's working tree, for `make editor` and the browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator

from .bundle import SERVER, install, installed_matches

# Set by `invoke editor` (and the tests) so the build writes the local editor's config.
LOCAL_PORT_ENV = "SHELFCAST_EDITOR_LOCAL_PORT"


class LocalBackendProblem(RuntimeError):
    """A local server (decap-server; the tests' nginx, sshd...) did not start."""


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
    """decap-server for `project` on 127.0.0.1:`port` while the block runs.

    A SIGTERM (a terminal closed, `kill`, a service manager) stops decap-server too: Python's
    default ends the process without running the block's `finally`, and decap-server then
    kept writing into content/ from the port with nobody in front of it."""
    process = subprocess.Popen(backend_command(shutil.which("node") or "node"),
                               env=backend_environment(project, port))
    try:
        with _terminate_exits():
            wait_for_port(port, seconds, process)
            yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def _terminate_exits() -> Iterator[None]:
    """SIGTERM raises SystemExit in the block (in the main thread), so `finally` runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, leave)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def wait_for_port(port: int, seconds: float, process: subprocess.Popen,
                  what: str = "decap-server") -> None:
    """Return once `process` listens on 127.0.0.1:`port`; LocalBackendProblem if it stops
    first or does not listen within `seconds`. (The tests' servers wait with it too.)"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LocalBackendProblem(f"{what} stopped (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise LocalBackendProblem(f"{what} did not listen on 127.0.0.1:{port} within {seconds}s")
