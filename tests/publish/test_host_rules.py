"""Host rules shipped with every build, checked against a real nginx and by parsing."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import brotli
import pytest
from nginx_server import SNIPPET, NginxServer, require_nginx
from publish.hostconfig import nginx_snippet
from publishtools import tree


@pytest.fixture
def published_folder(project, tmp_path):
    www = tmp_path / "www"
    project.targets["share"] = {"type": "folder", "path": str(www)}
    project.precompress = ["gzip", "brotli"]
    assert project.publish("share") == 0, project.messages
    (www / "audio" / "talk.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    (www / "podcasts.opml").write_text('<?xml version="1.0"?><opml version="2.0"><head/>'
                                       "<body/></opml>\n")
    return www


@pytest.fixture
def nginx(published_folder, tmp_path):
    binary = require_nginx()
    with NginxServer(published_folder, tmp_path / "nginx").start(binary) as server:
        yield server.base.rstrip("/")


def head(url: str, **headers) -> dict:
    request = urllib.request.Request(url, method="HEAD", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as reply:
        return {name.lower(): value for name, value in reply.headers.items()}


@pytest.mark.parametrize(("path", "content_type"), [
    ("audio/talk.mp3", "audio/mpeg"),
    ("audio/talk.vtt", "text/vtt"),
    ("podcasts.opml", "text/x-opml"),
    ("feeds/all.atom.xml", "application/xml"),
    ("index.html", "text/html"),
])
def test_nginx_with_the_shipped_snippet_sends_the_right_content_type(nginx, path, content_type):
    headers = head(f"{nginx}/{path}")
    assert headers["content-type"].split(";")[0].strip() == content_type
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert "referrer-policy" in headers


def test_nginx_caches_audio_long_and_feeds_briefly(nginx):
    audio = head(f"{nginx}/audio/talk.mp3")["cache-control"]
    feed = head(f"{nginx}/feeds/all.atom.xml")["cache-control"]
    assert "max-age=31536000" in audio
    assert int(feed.split("max-age=")[1]) <= 3600


def test_nginx_serves_the_precompressed_copy(nginx, published_folder):
    headers = head(f"{nginx}/index.html", **{"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"
    assert int(headers["content-length"]) == (published_folder / "index.html.gz").stat().st_size


def test_precompressed_copies_unpack_to_the_same_bytes(published_folder):
    files = tree(published_folder)
    packed = [p for p in files if p.endswith((".gz", ".br"))]
    assert "index.html.gz" in packed and "index.html.br" in packed
    assert not any(p.startswith("audio/") for p in packed)
    for path in packed:
        unpack = gzip.decompress if path.endswith(".gz") else brotli.decompress
        assert unpack(files[path]) == files[path[:-3]]


def test_every_build_ships_headers_and_htaccess(project, tmp_path):
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    assert project.publish("share", dry_run=True) == 0, project.messages
    headers = (project.output / "_headers").read_text()
    blocks = _headers_blocks(headers)
    assert blocks["/*.mp3"]["Content-Type"] == "audio/mpeg"
    assert blocks["/*.opml"]["Content-Type"].startswith("text/x-opml")
    assert "max-age=31536000" in blocks["/*.mp3"]["Cache-Control"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in \
        blocks["/*"]["Content-Security-Policy"]
    # Netlify and Cloudflare join a header set by two matching rules; each is set once.
    assert "Cache-Control" not in blocks["/*"]
    htaccess = (project.output / ".htaccess").read_text()
    assert 'AddType "audio/mpeg" .mp3' in htaccess
    assert "Header always set X-Content-Type-Options \"nosniff\"" in htaccess
    assert not (tmp_path / "www").exists()


def _headers_blocks(text: str) -> dict:
    blocks, current = {}, None
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line.strip(), {})
        elif line.startswith("  ") and current is not None:
            name, _, value = line.strip().partition(": ")
            assert name not in current, f"{name} set twice for one path"
            current[name] = value
    return blocks


def test_the_committed_nginx_snippet_is_the_generated_one():
    assert Path(SNIPPET).read_text() == nginx_snippet(), \
        "run python plugins/publish/hostconfig.py to regenerate plugins/publish/nginx.conf"
