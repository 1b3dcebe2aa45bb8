"""docs/editor.md, "Try it on your own computer first", as a librarian follows it: `make editor`
(`invoke editor`) serves the editor and the preview together; log in, write a post, publish
it; the file is in content/, the preview shows it after its rebuild, and the editor is still
the local one afterwards (not the published editor's git host login)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from browser.browsing import CSP_LISTENER_JS
from sitetools import ROOT, copy_project

from .editing import free_port, require_editor_bundle

NODE_MODULES = "plugins/shelfcast_editor/npm/node_modules"


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5).close()
        return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def local_editor(tmp_path):
    require_editor_bundle()
    root = copy_project(tmp_path / "library")
    # The kit's installed editor (a copy holds none, and the test may not reach npm).
    (root / NODE_MODULES).symlink_to(ROOT / NODE_MODULES, target_is_directory=True)
    port = free_port()
    log = (tmp_path / "editor.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "editor", "--port", str(port), "--backend-port",
         str(free_port())], cwd=root, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while not answers(base + "admin/"):
        if server.poll() is not None or time.monotonic() > deadline:
            os.killpg(server.pid, signal.SIGTERM)
            pytest.fail(f"invoke editor did not serve /admin/:\n"
                        f"{(tmp_path / 'editor.log').read_text()[-3000:]}")
        time.sleep(0.5)
    yield root, base
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    log.close()


def test_make_editor_as_docs_editor_md_says(browser, local_editor):
    root, base = local_editor
    context = browser.new_context()
    page = context.new_page()
    violations, log = [], []
    page.expose_function("shelfcastCspViolation", lambda text: violations.append(text))
    page.add_init_script(CSP_LISTENER_JS)
    page.on("console", lambda message: log.append(f"{message.type}: {message.text}"))
    page.goto(base + "admin/")
    login = page.get_by_role("button").first
    login.wait_for(timeout=60000)
    assert login.inner_text().strip() == "Login", log
    login.click()
    page.locator("a[href$='/collections/post-posts-books']").first.wait_for(timeout=30000)
    page.goto(base + "admin/#/collections/post-posts-books/new")
    page.wait_for_selector("input[id^=title-field]", timeout=30000)
    page.fill("input[id^=title-field]", "Tried on my own computer")
    page.fill("input[id^=date-field]", "2026-05-01T10:00")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("Written as docs/editor.md says.")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()
    page.get_by_text(re.compile("Entry (saved|published)")).first.wait_for(timeout=30000)
    assert (root / "content/posts/books/tried-on-my-own-computer.md").is_file()
    # The preview rebuilds on the save and shows the post (livereload's rebuild).
    deadline = time.monotonic() + 120
    while not list((root / "output").rglob("tried-on-my-own-computer*.html")):
        assert time.monotonic() < deadline, "the preview did not show the post"
        time.sleep(0.5)
    built = next((root / "output").rglob("tried-on-my-own-computer*.html"))
    preview = context.new_page()
    preview.goto(base + built.relative_to(root / "output").as_posix())
    assert "Tried on my own computer" in preview.inner_text("h1")
    assert violations == []
    context.close()
    # After that rebuild the editor is still the local one (a new browser, not logged in).
    fresh = browser.new_context()
    again = fresh.new_page()
    again.goto(base + "admin/")
    again.get_by_role("button").first.wait_for(timeout=60000)
    assert again.get_by_role("button").first.inner_text().strip() == "Login"
    fresh.close()
