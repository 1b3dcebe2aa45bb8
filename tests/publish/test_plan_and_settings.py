"""The pure parts: the safe order, reading rsync's and git's reports, the PUBLISH settings."""

from __future__ import annotations

import pytest
from shelfcast_publish.manifest import FileFacts
from shelfcast_publish.plan import Changes, diff, plan
from shelfcast_publish.settings import read_publish_settings
from shelfcast_publish.targets.ghpages import parse_name_status
from shelfcast_publish.targets.rsync import parse_itemized


def facts(text: str) -> FileFacts:
    return FileFacts(len(text), text)


def test_diff_compares_content_not_dates():
    local = {"a.html": facts("new"), "b.css": facts("same"), "c.mp3": facts("x")}
    remote = {"a.html": facts("old"), "b.css": facts("same"), "gone.html": facts("g")}
    assert diff(local, remote) == Changes(("c.mp3",), ("a.html",), ("gone.html",))


def test_plan_puts_assets_first_replaced_feeds_last_and_deletions_at_the_end():
    changes = Changes(
        added=("audio/ep2.mp3", "posts/new.html", "feeds/show.xml", "images/a.png"),
        changed=("index.html", "feeds/all.atom.xml", "sitemap.xml", "theme/site.css",
                 "_headers", "index.html.gz"),
        deleted=("old.html", "audio/old.mp3"))
    order = [path for step in plan(changes) for path in step.paths]
    position = order.index
    assert order[0] == "_headers"
    assert max(map(position, ["audio/ep2.mp3", "images/a.png", "theme/site.css"])) < \
        min(map(position, ["posts/new.html", "index.html", "feeds/show.xml"]))
    assert position("posts/new.html") < position("index.html")
    assert position("feeds/show.xml") < position("index.html")
    assert position("index.html.gz") < position("feeds/all.atom.xml")
    assert max(map(position, ["index.html", "index.html.gz"])) < position("sitemap.xml")
    assert order[-2:] == ["old.html", "audio/old.mp3"]
    assert plan(Changes()) == []


def test_rsync_itemized_report_is_read_into_changes():
    listing = "\n".join([
        "cd+++++++++ posts/2026/", "<f+++++++++ posts/2026/new post.html",
        "<fcsp...... index.html", ".d..t...... theme/", "*deleting   old/page.html",
        "*deleting   old/", "<f.st...... feeds/all.atom.xml"])
    assert parse_itemized(listing) == Changes(
        ("posts/2026/new post.html",), ("feeds/all.atom.xml", "index.html"), ("old/page.html",))


def test_git_name_status_is_read_into_changes():
    status = "A\0new.html\0M\0index.html\0D\0old.html\0"
    assert parse_name_status(status) == Changes(("new.html",), ("index.html",), ("old.html",))


def problems_for(publish) -> list[str]:
    return [str(p) for p in read_publish_settings({"PUBLISH": publish})[1]]


def test_good_targets_are_accepted_with_defaults():
    settings, problems = read_publish_settings({"PUBLISH": {"targets": {
        "web": {"type": "rsync", "destination": "me@host:/srv/www"},
        "bucket": {"type": "s3", "bucket": "site"},
        "pages": {"type": "gh-pages", "remote": "origin"},
        "share": {"type": "folder", "path": "/mnt/share"}}}})
    assert problems == []
    assert settings.targets["pages"]["branch"] == "gh-pages"
    assert settings.targets["bucket"]["prefix"] == ""


@pytest.mark.parametrize(("publish", "expected"), [
    ("targets", "PUBLISH: must be a dict"),
    ({"targets": []}, "PUBLISH['targets']: must map target names"),
    ({"targest": {}}, "PUBLISH['targest']: unknown setting"),
    ({"targets": {"x": {"type": "ftp"}}}, "needs \"type\": one of folder, rsync, s3, gh-pages"),
    ({"targets": {"x": {"type": "folder"}}}, "['path']: missing"),
    ({"targets": {"x": {"type": "folder", "path": 3}}}, "['path']: 3 is not text"),
    ({"targets": {"x": {"type": "folder", "path": ""}}}, "['path']: '' is not text"),
    ({"targets": {"x": {"type": "rsync", "destination": "h:/p", "port": "22"}}},
     "['port']: '22' is not a whole number"),
    ({"targets": {"x": {"type": "s3", "bucket": "b", "aws_secret_access_key": "k"}}},
     "credentials never go in the repository"),
    ({"targets": {"x": {"type": "s3", "bucket": "b", "endpoint": "u"}}},
     "['endpoint']: unknown field; known: bucket, prefix, endpoint_url, region"),
    ({"precompress": ["zip"]}, "PUBLISH['precompress']: must be a list of gzip and/or brotli"),
    ({"nginx_redirects": ""}, "PUBLISH['nginx_redirects']: must be a file path"),
    ({"nginx_redirects": True}, "PUBLISH['nginx_redirects']: must be a file path"),
])
def test_bad_publish_settings_name_the_field(publish, expected):
    found = problems_for(publish)
    assert len(found) == 1, found
    assert found[0].startswith("publishconf.py: ")
    assert expected in found[0]
