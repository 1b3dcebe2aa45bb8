"""Host rules shipped with every build, checked against a real nginx and by parsing."""

from __future__ import annotations

import fnmatch
import gzip
import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import feedparser
import pytest
from nginx_server import SNIPPET, NginxServer, require_nginx
from publishtools import tree
from shelfcast_publish.hostconfig import nginx_snippet


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
        "run PYTHONPATH=plugins python -m shelfcast_publish.hostconfig to regenerate nginx.conf"


# --- The production build behind nginx: what podcast apps and web players receive ----------

@pytest.fixture(scope="module")
def production_nginx(production_site, tmp_path_factory):
    binary = require_nginx()
    work = tmp_path_factory.mktemp("nginx-production")
    with NginxServer(production_site, work).start(binary) as server:
        yield server


def _one(output: Path, pattern: str) -> str:
    found = sorted(output.glob(pattern))
    assert found, f"the production build has no {pattern}"
    return found[0].relative_to(output).as_posix()


@pytest.mark.parametrize("pattern", ["podcasts/*/feed.xml", "feeds/all.atom.xml",
                                     "feeds/all.rss.xml", "podcasts.opml",
                                     "podcasts/*/*.chapters.json", "podcasts/**/*.vtt",
                                     "podcasts/**/*.srt", "podcasts/**/*.mp3",
                                     "podcasts/**/*.m4a"])
def test_feeds_chapters_transcripts_and_audio_answer_any_origin(production_nginx,
                                                                production_site, pattern):
    path = _one(production_site, pattern)
    headers = head(production_nginx.url(path), Origin="https://podcastindex.org")
    assert headers.get("access-control-allow-origin") == "*", \
        f"/{path}: a web player on another site could not read it"


def test_pages_do_not_answer_other_origins(production_nginx):
    assert "access-control-allow-origin" not in head(production_nginx.url("index.html"))


def test_chapters_are_served_as_podcast_chapters(production_nginx, production_site):
    path = _one(production_site, "podcasts/*/*.chapters.json")
    content_type = head(production_nginx.url(path))["content-type"]
    assert content_type.split(";")[0].strip() == "application/json+chapters"
    assert json.loads((production_site / path).read_text())["chapters"]


def test_audio_is_served_with_the_type_its_enclosure_names(production_nginx, production_site):
    enclosures = {}
    for feed in production_site.glob("podcasts/*/feed.xml"):
        for item in feedparser.parse(feed.read_bytes()).entries:
            for enclosure in item.enclosures:
                enclosures[urlsplit(enclosure.href).path] = enclosure.type
    assert {path.rsplit(".", 1)[-1] for path in enclosures} >= {"mp3", "m4a"}
    served = {path: head(production_nginx.url(path))["content-type"].split(";")[0]
              for path in enclosures}
    assert served == enclosures


def _scripts_allowed(policy: str) -> list[str]:
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    return directives.get("script-src", directives["default-src"]).split()


def test_headers_and_htaccess_allow_search_and_no_inline_script(project, tmp_path):
    """Pagefind compiles WebAssembly: the CSP allows that, and still no inline script."""
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    assert project.publish("share", dry_run=True) == 0, project.messages
    policies = {
        "_headers": _headers_blocks((project.output / "_headers").read_text())["/*"][
            "Content-Security-Policy"],
        ".htaccess": re.search(r'Content-Security-Policy "([^"]+)"',
                               (project.output / ".htaccess").read_text())[1],
    }
    for host, policy in policies.items():
        script = _scripts_allowed(policy)
        assert "'wasm-unsafe-eval'" in script, f"{host}: search's WebAssembly is refused"
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, host


def test_nginx_allows_search_and_no_inline_script(production_nginx):
    script = _scripts_allowed(head(production_nginx.url("search.html"))[
        "content-security-policy"])
    assert "'wasm-unsafe-eval'" in script, "nginx: search's WebAssembly is refused"
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script


def test_headers_file_sets_each_header_once_for_a_chapters_file(project, tmp_path):
    """Netlify and Cloudflare join the values of every pattern a file matches."""
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    assert project.publish("share", dry_run=True) == 0, project.messages
    blocks = _headers_blocks((project.output / "_headers").read_text())
    matching = [block for pattern, block in blocks.items()
                if fnmatch.fnmatch("/podcasts/show/one.chapters.json", pattern)]
    joined: dict[str, list[str]] = {}
    for block in matching:
        for name, value in block.items():
            joined.setdefault(name, []).append(value)
    assert joined["Content-Type"] == ["application/json+chapters; charset=utf-8"]
    assert joined["Access-Control-Allow-Origin"] == ["*"]
    assert len(joined["Cache-Control"]) == 1
    htaccess = (project.output / ".htaccess").read_text()
    assert 'ForceType "application/json+chapters; charset=utf-8"' in htaccess
