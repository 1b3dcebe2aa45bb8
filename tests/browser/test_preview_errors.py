"""`make serve`: a failed build shows its error lines in the browser, and the site comes back
by itself once the file is fixed (livereload reloads the page after each build)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sitetools import copy_project

BROKEN = "---\ntitle: Broken\ndate: 2026-13-45\n---\nText.\n"
FIXED = "---\ntitle: Mended post\ndate: 2026-01-05\n---\nText.\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "repo")
    port = _free_port()
    # The server's log goes to a file: an unread pipe fills up and stops the server.
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "--port", str(port)],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"invoke serve stopped: {(tmp_path / 'serve.log').read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        pytest.fail("invoke serve did not answer within 180 s")
    yield project, f"http://127.0.0.1:{port}/"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    log.close()


def test_a_failed_build_shows_its_errors_in_the_browser(browser, preview):
    project, url = preview
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    assert page.locator("h1").first.inner_text().strip() != "The preview could not be built"
    # livereload sends one reload of its own just after start: the broken file is saved after
    # it, as a person would (a reload landing after the save would show the same page anyway).
    time.sleep(8)
    (project / "content/posts/news/broken.md").write_text(BROKEN, encoding="utf-8")
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1')"
                           ".textContent.includes('could not be built')", timeout=120_000)
    errors = page.locator(".build-errors li").all_inner_texts()
    assert any(line.startswith("content/posts/news/broken.md:3: date:") for line in errors), \
        errors
    # The fix saved right after the error page's reload (livereload alone dropped a change
    # within 3 s of its last reload, so the error page stayed up; issue 26).
    (project / "content/posts/news/broken.md").write_text(FIXED, encoding="utf-8")
    page.wait_for_function("!document.querySelector('.build-errors')", timeout=120_000)
    page.goto(url + "posts/2026/mended-post.html")
    assert page.locator("main h1").inner_text().strip() == "Mended post"
    context.close()
