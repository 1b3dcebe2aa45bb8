"""The content types the browser test does not click through, saved through Decap's own
local backend (decap-server) with the requests the editor's UI sends (persistEntry,
persistMedia, and the editorial workflow's unpublished entries), in git mode: a podcast
episode with its MP3 uploaded into the show's audio/, an event recurring every second week,
an album review's track list, and a reader's comment approved from the review queue.
The files land in content/ and `invoke check` passes."""

from __future__ import annotations

import base64
import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from shelfcast_editor.local import backend_command, backend_environment, wait_for_port
from sitetools import copy_project

from .editing import free_port, front_matter, require_editor_bundle, run_check, tiny_mp3


def call(port: int, action: str, params: dict) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1", method="POST",
        data=json.dumps({"action": action, "params": params}).encode(),
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as refused:
        raise AssertionError(f"{action}: {refused.code} {refused.read()[:500]!r}") from refused


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """decap-server in git mode (branches for the review queue) on a git copy of the project."""
    require_editor_bundle()
    root = copy_project(tmp_path_factory.mktemp("editor-api") / "library")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm",
        "start")
    port = free_port()
    environment = {**backend_environment(root, port), "MODE": "git",
                   "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
                   "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    process = subprocess.Popen(backend_command(), env=environment)
    try:
        wait_for_port(port, 20, process)
        yield root, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def markdown(meta: dict, body: str) -> str:
    """What Decap's yaml-frontmatter format writes: YAML between --- lines, then the body."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def persist(port, path, raw, assets=(), workflow=None):
    message = f"Create {Path(path).stem}"
    options = ({"useWorkflow": True, "status": "draft", "collectionName": workflow,
                "commitMessage": message}
               if workflow else {"useWorkflow": False, "status": "draft",
                                 "commitMessage": message})
    call(port, "persistEntry", {
        "branch": "main", "cmsLabelPrefix": "decap-cms/",
        "entry": {"slug": Path(path).stem, "path": path, "raw": raw},
        "assets": list(assets), "options": options})


def test_episode_event_album_and_approved_comment_land_and_pass_check(backend, tmp_path):
    root, port = backend
    mp3 = base64.b64encode(tiny_mp3(2.0)).decode()
    persist(port, "content/podcasts/bogsnak/lydbogsklubben.md", markdown(
        {"title": "Lydbogsklubben", "date": "2026-03-02 10:00",
         "audio": "audio/lydbogsklubben.mp3", "summary": "Vi taler om lydbøger."},
        "Vi taler om lydbøger.\n"),
        assets=[{"path": "content/podcasts/bogsnak/audio/lydbogsklubben.mp3",
                 "content": mp3, "encoding": "base64"}])
    persist(port, "content/posts/events/strikkecafe.md", markdown(
        {"title": "Strikkecafé hver anden uge", "date": "2026-08-01 10:00",
         "event": {"start": "2026-08-04 17:00", "end": "19:00", "location": "Læsesalen",
                   "recurrence": {"every": "2 weeks", "until": "2026-12-15"}}},
        "Tag dit strikketøj med.\n"))
    review = root / "content" / "music" / "kind-of-blue.md"
    meta = front_matter(review)
    meta["album"]["tracks"] = list(meta["album"]["tracks"])[:2] + [
        {"title": "Flamenco Sketches (alternate take)", "length": "9:32"}]
    body = review.read_text(encoding="utf-8").split("---\n", 2)[2]
    persist(port, "content/music/kind-of-blue.md", markdown(meta, body))
    comment = "content/comments/book-bus-new-route/2026-09-06-ida.yaml"
    persist(port, comment, yaml.safe_dump(
        {"name": "Ida", "date": "2026-09-06 09:00", "text": "Tak for den nye rute!\n"},
        allow_unicode=True), workflow="comment-comments-book-bus-new-route")
    assert not (root / comment).exists(), "a pending comment is on main before approval"
    pending = call(port, "unpublishedEntries", {"branch": "main"})
    assert pending, "the comment is not in the review queue"
    call(port, "updateUnpublishedEntryStatus", {
        "branch": "main", "collection": "comment-comments-book-bus-new-route",
        "slug": "2026-09-06-ida", "newStatus": "pending_publish",
        "cmsLabelPrefix": "decap-cms/"})
    call(port, "publishUnpublishedEntry", {
        "branch": "main", "collection": "comment-comments-book-bus-new-route",
        "slug": "2026-09-06-ida"})
    git(root, "checkout", "-q", "main")
    assert (root / comment).is_file(), git(root, "log", "--oneline", "--all")
    assert (root / "content/podcasts/bogsnak/audio/lydbogsklubben.mp3").stat().st_size > 1000
    assert front_matter(root / "content/posts/events/strikkecafe.md")["event"][
        "recurrence"]["every"] == "2 weeks"
    code, report = run_check(root)
    assert code == 0, report
