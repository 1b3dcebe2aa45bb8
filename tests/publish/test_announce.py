"""`invoke publish` tells a WebSub hub (and Podping, with a token) about each feed that changed,
once, after a successful upload; a hub that is down is a warning, not a failed publish.

The hub is a tiny http.server on 127.0.0.1 that records what it is sent.
"""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from publishtools import SITE_URL, mp3
from sitetools import TEST_SHOW_YAML

SHOWS = ("talk", "stories")


class Hub(ThreadingHTTPServer):
    """Records each request before answering it, so a publish that returned has been seen."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), HubHandler)
        self.seen: list[tuple[str, str, dict, str | None]] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def feeds_pinged(self, method: str) -> list[str]:
        with self.lock:
            found = [fields.get("hub.url", fields.get("url"))[0]
                     for seen_method, _path, fields, _token in self.seen
                     if seen_method == method]
            self.seen.clear()
        return sorted(found)


class HubHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self._record("POST", parse_qs(body))

    def do_GET(self):
        self._record("GET", parse_qs(urlsplit(self.path).query))

    def _record(self, method, fields):
        with self.server.lock:
            self.server.seen.append((method, self.path, fields,
                                     self.headers.get("Authorization")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hub():
    server = Hub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def cover() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), (20, 60, 110)).save(buffer, "PNG")
    return buffer.getvalue()


def write_show(project, show: str, notes: str = "Notes.") -> None:
    project.write(f"podcasts/{show}/show.yaml", TEST_SHOW_YAML.replace("Test Talk", show))
    project.write(f"podcasts/{show}/cover.png", cover())
    project.write(f"podcasts/{show}/audio/one.mp3", mp3(40))
    project.write(f"podcasts/{show}/one.md", f"""
        ---
        title: One
        date: 2026-01-05 10:00
        audio: audio/one.mp3
        guid: {show}-one
        ---
        {notes}
    """)


def feed(show: str) -> str:
    return f"{SITE_URL}/podcasts/{show}/feed.xml"


@pytest.fixture
def podcast_project(project, tmp_path):
    for show in SHOWS:
        write_show(project, show)
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    return project


def announcing(project, hub_url: str, token: str | None = None, podping: str | None = None):
    extra = {"websub_hub": hub_url}
    if token:
        extra |= {"podping_token": token, "podping_url": podping}
    # The hub listens on 127.0.0.1, which the fetcher refuses unless told (never a site).
    project.extra_settings = f"PODCAST = {{**PODCAST, **{extra!r}}}\nFETCH_ALLOW_LOCAL = True\n"


def test_each_changed_feed_is_announced_once_and_an_unchanged_one_never(podcast_project, hub):
    project = podcast_project
    announcing(project, hub.url)
    assert project.publish("share") == 0, project.messages
    assert hub.feeds_pinged("POST") == sorted(feed(s) for s in SHOWS)
    published = (project.output / "podcasts/talk/feed.xml").read_text()
    assert f'<atom:link rel="hub" href="{hub.url}"/>' in published
    assert f'href="{feed("talk")}" rel="self"' in published
    write_show(project, "talk", notes="Notes, now with a reading list.")
    assert project.publish("share") == 0, project.messages
    assert hub.feeds_pinged("POST") == [feed("talk")]
    assert project.publish("share") == 0, project.messages
    assert hub.feeds_pinged("POST") == []


def test_podping_is_told_with_the_token(podcast_project, hub):
    project = podcast_project
    announcing(project, hub.url, token="secret-token", podping=hub.url + "podping")
    assert project.publish("share") == 0, project.messages
    gets = [(path.split("?")[0], token) for method, path, _f, token in hub.seen
            if method == "GET"]
    assert gets == [("/podping", "secret-token")] * 2
    assert hub.feeds_pinged("GET") == sorted(feed(s) for s in SHOWS)


def test_a_hub_that_is_down_is_a_warning_and_the_publish_succeeds(podcast_project, hub, tmp_path):
    project = podcast_project
    down = Hub()
    down_url = down.url
    down.server_close()                        # nothing listens on that port any more
    announcing(project, down_url)
    assert project.publish("share") == 0, project.messages
    assert "warning: could not tell the WebSub hub" in project.messages
    assert "share: published" in project.messages
    assert (tmp_path / "www" / "podcasts/talk/feed.xml").is_file()
    # Not announced yet, so the next publish (with the hub back) tells it.
    announcing(project, hub.url)
    assert project.publish("share") == 0, project.messages
    assert hub.feeds_pinged("POST") == sorted(feed(s) for s in SHOWS)


def test_no_hub_no_ping(podcast_project, hub):
    assert podcast_project.publish("share") == 0, podcast_project.messages
    assert hub.seen == []
    assert 'rel="hub"' not in (podcast_project.output / "podcasts/talk/feed.xml").read_text()
