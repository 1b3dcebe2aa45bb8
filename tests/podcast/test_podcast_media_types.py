"""The feed announces each episode file with the type our nginx rules serve it with."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import feedparser
from lxml import html
from nginx_server import NginxServer, require_nginx
from podcasttools import FIXTURES, episode

SHOW = "podcasts/talk/"


def test_opus_and_mp3_enclosures_name_what_nginx_sends(show_site, tmp_path):
    show_site.write(SHOW + "audio/second.opus", (FIXTURES / "speech.opus").read_bytes())
    show_site.write(SHOW + "second.md", episode(audio="audio/second.opus", title="Second episode",
                                                guid="test-guid-2"))
    assert show_site.build() == 0, show_site.messages
    feed = feedparser.parse(show_site.read("podcasts/talk/feed.xml"))
    announced = {urlsplit(e.enclosures[0].href).path: e.enclosures[0].type
                 for e in feed.entries}
    assert sorted(announced.values()) == ["audio/mpeg", "audio/ogg; codecs=opus"]
    with NginxServer(show_site.output, tmp_path / "nginx").start(require_nginx()) as server:
        served = {}
        for path in announced:
            request = urllib.request.Request(server.url(path), method="HEAD")
            with urllib.request.urlopen(request, timeout=5) as reply:
                served[path] = reply.headers["Content-Type"]
    assert served == announced


def test_the_episode_page_names_the_feeds_type(show_site):
    show_site.write(SHOW + "audio/first.opus", (FIXTURES / "speech.opus").read_bytes())
    show_site.write(SHOW + "first.md", episode(audio="audio/first.opus"))
    assert show_site.build() == 0, show_site.messages
    page = next(p for p in show_site.output.rglob("*.html") if b"og:audio:type" in p.read_bytes())
    tree = html.fromstring(page.read_bytes())
    named = tree.xpath("//a[@download]/@type | //meta[@property='og:audio:type']/@content")
    assert named == ["audio/ogg; codecs=opus"] * 2
