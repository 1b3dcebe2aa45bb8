"""Stopping `make editor` with SIGTERM (a closed terminal, `kill`) stops Decap's local backend
too: before, decap-server stayed behind on its port, still writing into content/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitetools import ROOT

from .editing import free_port

# The kit's local_backend around a stand-in for decap-server (a listener on the port that
# writes its pid), so the test needs neither node nor the editor's bundle.
SCRIPT = """
import sys, time
sys.path.insert(0, {plugins!r})
from shelfcast_editor import local
stand_in = ("import os, socket, sys, time; "
            "open(sys.argv[1], 'w').write(str(os.getpid())); s = socket.socket(); "
            "s.bind(('127.0.0.1', int(os.environ['PORT']))); s.listen(); time.sleep(600)")
local.backend_command = lambda node='node': [sys.executable, '-c', stand_in, {pid_file!r}]
with local.local_backend({project!r}, {port}):
    print('serving', flush=True)
    time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:  # a zombie is gone too
        return stat.read().split(") ")[-1][0] != "Z"


def test_sigterm_stops_the_local_backend(tmp_path: Path):
    pid_file = tmp_path / "backend.pid"
    script = SCRIPT.format(plugins=str(ROOT / "plugins"), pid_file=str(pid_file),
                           project=str(tmp_path), port=free_port())
    editor = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert editor.stdout.readline().strip() == "serving"
        backend = int(pid_file.read_text())
        assert alive(backend)
        editor.send_signal(signal.SIGTERM)
        assert editor.wait(timeout=30) != 0
        deadline = time.monotonic() + 10
        while alive(backend) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling for the end, not a fixed wait
        assert not alive(backend), "the local backend outlived `make editor`"
    finally:
        editor.kill()
        editor.wait()
        if pid_file.exists() and alive(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
