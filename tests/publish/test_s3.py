"""The S3 target, read back from moto's S3 server: each object's Content-Type, batch deletes."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from remotes import make_remote
from shelfcast_publish.targets import make_target

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
       '<rect width="8" height="8"/></svg>')
# Static files beside the ones every build writes (pages, feeds, theme JS and CSS, Pagefind's
# index, the web manifest): kinds a library's build also writes, for podcasts and galleries.
EXTRA_FILES = {
    "images/logo.svg": SVG,
    "audio/talk.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
    "audio/talk.srt": "1\n00:00:00,000 --> 00:00:01,000\nHello\n",
    "audio/talk.chapters.json": '{"version": "1.2.0", "chapters": [{"startTime": 0}]}',
    "audio/shows.opml": '<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>\n',
    "audio/decoder.wasm": b"\0asm\x01\0\0\0",
}
# What a browser, a podcast app or Pagefind needs each kind of file served as.
EXPECTED = {
    "html": "text/html", "css": "text/css", "js": "text/javascript",
    "svg": "image/svg+xml", "webp": "image/webp", "png": "image/png", "mp3": "audio/mpeg",
    "xml": "application/xml", "json": "application/json", "vtt": "text/vtt",
    "srt": "application/x-subrip", "opml": "text/x-opml", "csv": "text/csv",
    "webmanifest": "application/manifest+json", "wasm": "application/wasm",
    "pf_meta": "application/octet-stream", "pf_index": "application/octet-stream",
    "pf_fragment": "application/octet-stream", "pagefind": "application/octet-stream",
}
TEXT = {"html", "css", "js", "xml", "json", "vtt", "srt", "opml", "csv", "webmanifest"}


def webp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "WEBP")
    return buffer.getvalue()


@pytest.fixture
def bucket(project, tmp_path, request):
    remote = make_remote("s3", tmp_path, request)
    project.targets["bucket"] = remote.config
    return remote


def extension(key: str) -> str:
    name = key.rsplit("/", 1)[-1]
    return name.rpartition(".")[2] if "." in name else ""


def test_every_kind_of_file_is_stored_with_its_content_type(project, bucket):
    for relative, data in EXTRA_FILES.items():
        project.write(relative, data)
    project.write("images/photo.webp", webp())
    assert project.publish("bucket") == 0, project.messages
    seen = {}
    for key in bucket.files():
        kind = extension(key)
        if kind in EXPECTED:
            seen[key] = (kind, bucket.headers(key)["ContentType"])
    assert {kind for kind, _type in seen.values()} == set(EXPECTED)
    wrong = {key: stored for key, (kind, stored) in seen.items()
             if stored.split(";")[0].strip() != EXPECTED[kind]
             and not (kind == "json" and stored.startswith("application/json"))}
    assert wrong == {}
    no_charset = {key: stored for key, (kind, stored) in seen.items()
                  if kind in TEXT and "charset=utf-8" not in stored.replace(" ", "").lower()}
    assert no_charset == {}


def test_files_a_batch_delete_refused_are_reported(project, bucket):
    assert project.publish("bucket") == 0, project.messages
    (project.content / "posts/events/quiz.md").unlink()

    def refusing(config, root):
        target = make_target(config, root)

        def refuse_pages(parsed, **_kwargs):
            # What S3 answers when a key is locked or access is denied: 200 with an Errors list.
            parsed["Errors"] = [{"Key": "posts/2026/music-quiz.html", "Code": "AccessDenied",
                                 "Message": "Access Denied"}]
        target.client.meta.events.register("after-call.s3.DeleteObjects", refuse_pages)
        return target

    assert project.publish("bucket", make=refusing) == 1
    assert "did not delete 1 file(s)" in project.messages
    assert "posts/2026/music-quiz.html (AccessDenied: Access Denied)" in project.messages
    # The next run still sees what is really there and deletes it.
    assert project.publish("bucket") == 0, project.messages
    assert "posts/2026/music-quiz.html" not in bucket.files()
