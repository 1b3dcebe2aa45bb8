"""`make serve` (issue 26): a browser whose livereload connection is made only after a save's
build finished must still be reloaded. The build runs on livereload's one thread, so a page
that loaded just before a save connects after that build; livereload sent the build's reload
to the browsers connected then (none) and the page kept the old site for good (the bench's
episode that never showed within 600 s)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sitetools import copy_project
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

NEW_PAGE = "posts/2026/a-post-saved-while-the-page-connected.html"
POST = "---\ntitle: A post saved while the page connected\ndate: 2026-01-06\n---\nText.\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"not within {seconds} s: {what}")


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.headers, answer.read().decode()
    except OSError:
        return None


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "repo")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")  # a file: an unread pipe stops the server
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "--port", str(port)],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        _until(lambda: server.poll() is not None or _get(f"http://127.0.0.1:{port}/"), 240,
               "the preview answered")
        assert server.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
        yield project, port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _listen(port: int, cookie: str | None, seconds: float) -> list:
    """_connect_and_listen on an event loop of its own thread: in a whole test run the
    browser tests' playwright (sync API) already runs a loop on this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, _connect_and_listen(port, cookie, seconds)).result()


async def _connect_and_listen(port: int, cookie: str | None, seconds: float) -> list:
    """livereload.js's handshake (hello, then info), then the messages until seconds passed."""
    headers = {"Cookie": cookie} if cookie else {}
    socket_ = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{port}/livereload",
                                                  headers=headers))
    socket_.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/",
                                      "plugins": {}}))
    messages, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            message = await asyncio.wait_for(socket_.read_message(),
                                             max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            break
        if message is None:
            break
        messages.append(json.loads(message))
        if messages[-1].get("command") == "reload":
            break
    socket_.close()
    return messages


def test_a_page_that_connects_after_the_saves_build_is_reloaded(preview):
    project, port = preview
    base = f"http://127.0.0.1:{port}/"
    headers, _ = _get(base)  # the page as the browser got it, before the save
    cookie = "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or [])
    # livereload's own reload just after start is sent to nobody and is not what is tested
    (project / "content/posts/news/late.md").write_text(POST, encoding="utf-8")
    _until(lambda: _get(base + NEW_PAGE), 120, "the save was built and served")
    # Only now does the page's livereload connection get through (the build held it).
    messages = _listen(port, cookie, 30)
    assert any(m.get("command") == "reload" for m in messages), messages


def test_a_page_served_after_the_last_build_is_not_reloaded_again(preview):
    project, port = preview
    base = f"http://127.0.0.1:{port}/"
    (project / "content/posts/news/late.md").write_text(POST, encoding="utf-8")
    _until(lambda: _get(base + NEW_PAGE), 120, "the save was built and served")
    headers, _ = _get(base)
    cookie = "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or [])
    messages = _listen(port, cookie, 3)
    assert not any(m.get("command") == "reload" for m in messages), messages
