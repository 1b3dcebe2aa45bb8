"""Publish a tiny site to real hosts on 127.0.0.1: a folder, sshd + rsync, moto's S3 server
and a bare git repository. What each host holds and saw is read from the host's side."""

from __future__ import annotations

import pytest
from links import missing_references
from publishtools import SITE_URL, digest, mp3, png, tree
from remotes import make_remote
from shelfcast_publish.targets import make_target

KINDS = ["folder", "rsync", "s3", "gh-pages"]


@pytest.fixture(params=KINDS)
def remote(request, tmp_path, project):
    made = make_remote(request.param, tmp_path, request)
    made.kind = request.param
    project.targets["live"] = made.config
    return made


def published(project, remote):
    assert project.publish("live") == 0, project.messages
    return tree(project.output)


def edit_one_post(project):
    project.write("posts/books/winter.md", """
        ---
        title: Winter reading
        date: 2026-01-10
        tags: [reading]
        ---
        Our winter list, now with ten more books. [Listen to the talk](../../audio/talk.mp3)
    """)


def change_a_lot(project):
    """A new post with a new tag, picture and recording; a changed picture; a removed post."""
    project.write("posts/events/concert.md", """
        ---
        title: Spring concert
        date: 2026-02-01
        tags: [concerts]
        ---
        ![The stage](../../images/stage.png) [Hear the rehearsal](../../audio/rehearsal.mp3)
    """)
    project.write("images/stage.png", png("blue"))
    project.write("images/door.png", png("green"))
    project.write("audio/rehearsal.mp3", mp3(30))
    (project.content / "posts/events/quiz.md").unlink()


def test_first_publish_makes_the_host_hold_exactly_the_built_site(project, remote):
    built = published(project, remote)
    assert digest(remote.files()) == digest(built)
    assert {"_headers", ".htaccess", "_redirects", "2019/05/opening-hours/index.html",
            "audio/talk.mp3", "feeds/all.atom.xml", "sitemap.xml"} <= set(built)


def test_one_post_edit_uploads_only_the_files_that_changed(project, remote):
    before = published(project, remote)
    edit_one_post(project)
    mark = remote.mark()
    assert project.publish("live", dry_run=True) == 0, project.messages
    assert remote.events_since(mark) == []
    assert "posts/2026/winter-reading.html" in project.messages
    after = tree(project.output)
    assert project.publish("live") == 0, project.messages
    changed = {path for path, data in after.items() if before.get(path) != data}
    uploaded = {path for action, path in remote.events_since(mark) if action == "put"}
    assert uploaded == changed
    assert "posts/2026/winter-reading.html" in uploaded
    assert len(uploaded) < len(after) / 3, uploaded
    assert digest(remote.files()) == digest(after)


def test_a_second_publish_without_changes_uploads_nothing(project, remote):
    published(project, remote)
    mark = remote.mark()
    assert project.publish("live") == 0, project.messages
    assert remote.events_since(mark) == []
    assert "already up to date" in project.messages


def test_a_failing_check_uploads_nothing(project, remote):
    published(project, remote)
    before = digest(remote.files())
    mark = remote.mark()
    edit_one_post(project)
    project.write("posts/news/broken.md", "---\ntitle: Broken\ndate: 31/02/2026\n---\n")
    assert project.publish("live") == 1
    assert "content/posts/news/broken.md:3: date:" in project.messages
    assert "Nothing was uploaded" in project.messages
    assert "Traceback" not in project.messages
    assert remote.events_since(mark) == []
    assert digest(remote.files()) == before


class Crash(BaseException):
    """Stands in for a killed process or a dropped connection."""


class CrashingTarget:
    """The real target, fed one file at a time; after each file the host's content is checked
    with an independent link checker; it dies after `limit` files."""

    def __init__(self, real, remote, limit, roots):
        self.real, self.remote, self.limit, self.roots = real, remote, limit, roots
        self.done = 0

    def changes(self, output, local):
        # What a reader can still reach: pages live before that are also in the new site.
        # A page about to be deleted may link to another one about to be deleted; once the
        # replaced pages are up, nothing in the site links to either.
        self.roots = self.roots & set(local)
        return self.real.changes(output, local)

    def _one(self, call, *arguments):
        if self.done == self.limit:
            raise Crash()
        call(*arguments)
        self.done += 1
        files = self.remote.files()
        assert missing_references(files, self.roots, [SITE_URL]) == [], self.done

    def upload(self, output, paths):
        for path in paths:
            self._one(self.real.upload, output, [path])

    def delete(self, paths):
        for path in paths:
            self._one(self.real.delete, [path])

    def finish(self, output, local):
        self.real.finish(output, local)

    def close(self):
        if hasattr(self.real, "close"):
            self.real.close()


def test_an_interrupted_publish_never_breaks_a_link_and_a_rerun_completes(project, remote):
    before = published(project, remote)
    live = set(before)
    assert missing_references(before, live, [SITE_URL]) == []
    change_a_lot(project)
    project.write_publishconf()
    for limit in (7, 10_000):
        def make(config, root, limit=limit):
            return CrashingTarget(make_target(config, root), remote, limit, live)
        if limit == 10_000:
            assert project.publish("live", make=make) == 0, project.messages
        else:
            with pytest.raises(Crash):
                project.publish("live", make=make)
            if remote.kind != "gh-pages":
                assert digest(remote.files()) != digest(before)
            assert digest(remote.files()) != digest(tree(project.output))
    after = tree(project.output)
    assert digest(remote.files()) == digest(after)
    assert "posts/2026/music-quiz.html" not in remote.files()
    assert missing_references(remote.files(), set(after), [SITE_URL]) == []


def kind_of(path: str) -> str:
    """The issue's order, written independently: assets, then pages, then feeds."""
    for suffix in (".gz", ".br"):
        path = path.removesuffix(suffix)
    if path in ("_headers", ".htaccess", ".nojekyll"):
        return "rules"
    if path.endswith(".html"):
        return "page"
    if path.endswith((".xml", ".opml", ".json")) or path == "_redirects":
        return "feed"
    return "asset"


@pytest.mark.parametrize("kind", ["folder", "rsync", "s3"])
def test_the_host_receives_assets_then_pages_then_feeds_then_deletions(project, request,
                                                                        tmp_path, kind):
    remote = make_remote(kind, tmp_path, request)
    project.targets["live"] = remote.config
    before = published(project, remote)
    change_a_lot(project)
    mark = remote.mark()
    assert project.publish("live") == 0, project.messages
    events = remote.events_since(mark)
    puts = [path for action, path in events if action == "put"]
    kinds = [kind_of(path) for path in puts]
    assert {"asset", "page", "feed"} <= set(kinds)
    last_asset = max(i for i, k in enumerate(kinds) if k == "asset")
    assert all(k not in ("page", "feed") for k in kinds[:last_asset]), puts
    replaced_feeds = [i for i, p in enumerate(puts) if kind_of(p) == "feed" and p in before]
    assert min(replaced_feeds) > max(i for i, k in enumerate(kinds) if k == "page"), puts
    deletions = [i for i, (action, _p) in enumerate(events) if action == "delete"]
    assert deletions and min(deletions) > len(puts) - 1
    assert {p for action, p in events if action == "delete"} == {
        p for p in before if p not in tree(project.output)}
    if kind == "s3":
        # The exact order the server saw, replayed: no state ever links to a missing file.
        state, after = dict(before), tree(project.output)
        for action, path in events:
            if action == "put":
                state[path] = after[path]
            else:
                state.pop(path)
            assert missing_references(state, set(before) & set(after), [SITE_URL]) == [], path
