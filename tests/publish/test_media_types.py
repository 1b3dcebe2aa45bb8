"""One media-type table: every picture, video and sound is announced as the host serves it.

The feed's enclosure type, the page's <source type> and S3's stored type come from
shelfcast_sitekit.mediatypes.media_type; here the three host configurations we generate (nginx with
the shipped snippet, Netlify/Cloudflare `_headers`, Apache `.htaccess`) are read as a host
reads them and must give each media extension exactly that type, parameters included.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from nginx_server import NginxServer, require_nginx
from shelfcast_publish.hostconfig import headers_file, htaccess_file
from shelfcast_sitekit.mediatypes import MEDIA_EXTENSIONS, extension_for, media_type


def served_by_headers_file(extension: str) -> str | None:
    """The Content-Type `_headers` sets for /x.<extension> (Netlify joins every match)."""
    found, current = [], None
    for line in headers_file().splitlines():
        if line.startswith("/"):
            current = line
        elif line.startswith("  Content-Type:") and current is not None \
                and re.fullmatch(current.replace(".", r"\.").replace("*", ".*"), f"/x.{extension}"):
            found.append(line.split(":", 1)[1].strip())
    return ", ".join(found) or None


def served_by_htaccess(extension: str) -> str | None:
    for line in htaccess_file().splitlines():
        match = re.fullmatch(r'AddType "([^"]+)" \.(\S+)', line)
        if match and match.group(2) == extension:
            return match.group(1)
    return None


@pytest.mark.parametrize("extension", MEDIA_EXTENSIONS)
def test_headers_and_htaccess_announce_the_tables_type(extension):
    assert served_by_headers_file(extension) == media_type(f"x.{extension}")
    assert served_by_htaccess(extension) == media_type(f"x.{extension}")


def test_opus_is_ogg_with_its_codec():
    assert media_type("audio/first.opus") == "audio/ogg; codecs=opus"
    assert media_type("audio/first.OGG") == "audio/ogg"
    assert extension_for("audio/ogg; codecs=opus") == ".opus"
    assert extension_for("audio/mpeg") == ".mp3"


def test_the_table_does_not_depend_on_the_computers_mime_types():
    """/etc/mime.types differs between machines; the build's answer must not."""
    assert media_type("x.m4a") == "audio/x-m4a"
    assert media_type("x.flac") == "audio/flac"
    assert media_type("x.xml") == "application/xml; charset=utf-8"
    assert media_type("x.unknown-kind") == "application/octet-stream"


@pytest.fixture
def media_nginx(tmp_path):
    binary = require_nginx()
    root = tmp_path / "www"
    root.mkdir()
    for extension in MEDIA_EXTENSIONS:
        (root / f"x.{extension}").write_bytes(b"\0" * 16)
    with NginxServer(root, tmp_path / "nginx").start(binary) as server:
        yield server


def test_nginx_serves_every_media_extension_with_the_tables_type(media_nginx):
    served = {}
    for extension in MEDIA_EXTENSIONS:
        request = urllib.request.Request(media_nginx.url(f"x.{extension}"), method="HEAD")
        with urllib.request.urlopen(request, timeout=5) as reply:
            served[extension] = reply.headers["Content-Type"]
    assert served == {e: media_type(f"x.{e}") for e in MEDIA_EXTENSIONS}
