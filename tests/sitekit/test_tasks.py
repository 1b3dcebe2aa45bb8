"""The librarian's commands: `invoke new-post` and `make serve PORT=...`, run as typed."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from shelfcast_sitekit.frontmatter import split
from sitetools import ROOT, copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("tasks") / "repo")


def new_post(project, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "new-post", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_new_post_writes_lang_and_image_lines_that_read_back_cleanly(project):
    done = new_post(project, "--title", "Summer reading", "--section", "news")
    assert done.returncode == 0, done.stderr
    path = project / "content/posts/news/summer-reading.md"
    text = path.read_text(encoding="utf-8")
    lines = [line.split(":")[0] for line in text.splitlines()]
    assert "lang" in lines and "image" in lines and "image_alt" in lines
    document, problems = split(str(path), text)
    assert problems == [] and document.meta["lang"] is None and document.meta["image"] is None
    assert "warning" not in done.stderr


def test_new_post_warns_about_a_section_folder_that_does_not_exist(project):
    done = new_post(project, "--title", "Opening hours", "--section", "nwes")
    assert done.returncode == 0, done.stderr
    assert (project / "content/posts/nwes/opening-hours.md").is_file()
    assert "warning: content/posts/nwes/ did not exist" in done.stderr
    assert "Did you mean --section news?" in done.stderr
    assert "SECTION_TITLES" in done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_takes_a_port(project):
    if shutil.which("make") is None:
        pytest.skip("make is not installed (Debian package make)")
    port = free_port()
    venv = ROOT / ".venv"
    # -o: never reinstall the shared virtualenv from this copy's requirements.
    command = ["make", "-o", f"{venv}/.installed-build", "serve", f"PORT={port}", f"VENV={venv}"]
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        page = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    page = reply.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stderr.read() if server.poll() is not None else \
            f"nothing answered on port {port}"
        assert "<html" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
