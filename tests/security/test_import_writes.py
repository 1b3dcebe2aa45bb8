"""Issue 20, cases 1, 2, 3, 6, 13 (downloads) and 16: imports write only inside content/ and
fetch only what they should, each run as `invoke import-*` in a child process of a copy of the
project (tests/security/harness.py)."""

from __future__ import annotations

import os
import shutil

import pytest
from security.harness import LANDING_SECONDS, run_case
from security.hostile_imports import (
    HOSTS,
    TRAVERSAL,
    deep_export,
    hostile_export,
    hostile_feed,
    routes,
)
from security.servers import serve
from sitetools import copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "library")


def run_import(project, tmp_path, *arguments, timeout: float = 60):
    """`invoke <arguments>` in the project; only content/ and the report may change."""
    return run_case(["-m", "invoke", *arguments], cwd=project, watch=[tmp_path],
                    allowed=[project / "content", project / "import-report.md"], hosts=HOSTS,
                    timeout=timeout)


def named(base: str) -> str:
    """The test server under the attacker's host name (HOSTS maps it to 127.0.0.1)."""
    return base.replace("127.0.0.1", "uploads.example")


def content_files(project) -> set[str]:
    content = project / "content"
    return {str(p.relative_to(content)) for p in content.rglob("*") if p.is_file()}


def test_case_1_a_percent_encoded_image_name_is_a_name_not_a_path(project, tmp_path):
    with serve(routes(slow_every=0.5)) as base:
        export = tmp_path / "export.xml"
        export.write_text(hostile_export(named(base)), encoding="utf-8")
        result = run_import(project, tmp_path, "import-wordpress", str(export), "--download",
                            "--allow-local", "--timeout", "2")
    assert result.code == 0, result.output
    result.assert_contained()
    result.assert_bounded(seconds=LANDING_SECONDS)
    assert not list(tmp_path.rglob("zzz.pth"))[1:], "written twice"
    assert [p.relative_to(project) for p in tmp_path.rglob("*.pth")] == [
        p.relative_to(project) for p in (project / "content/images/2019").glob("*.pth")]
    assert (project / "content/images/2019/zzz.pth").exists()
    assert not list(tmp_path.rglob("PWNED"))
    report = (project / "import-report.md").read_text(encoding="utf-8")
    for refused in ("internal address", "took longer than 2 s", "only http and https"):
        assert refused in report, report


def test_case_2_a_comment_id_never_becomes_a_folder(project, tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(hostile_export("https://uploads.example"), encoding="utf-8")
    result = run_import(project, tmp_path, "import-wordpress", str(export))
    assert result.code == 0, result.output
    result.assert_contained()
    result.assert_bounded(seconds=LANDING_SECONDS)
    comments = sorted(p.name for p in (project / "content/comments").rglob("*.yaml")
                      if "escaped" in str(p.parent) or "traversal" in str(p.parent))
    assert "comment-escaped.yaml" in comments and "7.yaml" in comments, comments
    assert result.dialled == []


def test_a_show_name_that_leads_outside_stops_the_import(project, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(hostile_feed("https://uploads.example", "/etc/hostname"), encoding="utf-8")
    before = content_files(project)
    result = run_import(project, tmp_path, "import-feed", str(feed), "--show", "../../escape")
    result.assert_refused("outside", "Nothing was imported")
    result.assert_contained()
    assert content_files(project) == before


def test_case_3_file_addresses_in_a_feed_are_never_read(project, tmp_path):
    chapters = tmp_path / "local-chapters.json"
    chapters.write_text('{"chapters": [{"startTime": 0, "title": "LOCAL SECRET"}]}')
    before = content_files(project)
    with serve(routes(slow_every=0.5)) as base:
        feed = tmp_path / "feed.xml"
        feed.write_text(hostile_feed(named(base), str(chapters)), encoding="utf-8")
        result = run_import(project, tmp_path, "import-feed", str(feed), "--show", "hostile",
                            "--download", "--allow-local", "--timeout", "2")
    result.assert_refused("file:///etc/passwd", "only http and https", "internal address",
                          "took longer than 2 s", "nothing was imported")
    result.assert_contained()
    result.assert_bounded()
    assert content_files(project) == before


def test_case_3_a_feed_address_may_not_redirect_inside(project, tmp_path):
    with serve(routes()) as base:
        result = run_import(project, tmp_path, "import-feed", f"{named(base)}/feed.xml",
                            "--show", "hostile", "--allow-local")
    result.assert_refused("internal address", "nothing was imported")
    result.assert_contained()


def big_enclosures_feed(base: str, count: int) -> str:
    items = "".join(f"<item><title>Big {n}</title><guid>big-{n}</guid>"
                    "<pubDate>Mon, 04 Nov 2024 08:00:00 +0100</pubDate>"
                    f'<enclosure url="{base}/big.mp3?n={n}" length="1" type="audio/mpeg"/></item>'
                    for n in range(count))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
            "</channel></rss>")


def test_case_13_downloads_are_streamed_to_disk_not_held_in_memory(project, tmp_path):
    size = 64 * 2**20

    def big(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        block = b"\0" * 2**20
        for _ in range(size // len(block)):
            handler.wfile.write(block)

    with serve({"/big.mp3": big}) as base:
        feed = tmp_path / "feed.xml"
        feed.write_text(big_enclosures_feed(base, 3), encoding="utf-8")
        result = run_import(project, tmp_path, "import-feed", str(feed), "--show", "big",
                            "--download", "--allow-local")
    try:
        result.assert_contained()
        assert result.rss_mb < 150, f"peaked at {result.rss_mb:.0f} MB for 3 x 64 MB"
        # Zeros are no audio: the staged check (issue 25) refuses to land them, after all three
        # were downloaded whole; nothing lands.
        assert result.code == 1 and "would not build" in result.output, result.output
        assert "big.mp3" not in result.output or "audio" in result.output
        assert not (project / "content/podcasts/big").exists()
    finally:
        shutil.rmtree(project / "content/podcasts/big", ignore_errors=True)


def test_case_16_an_export_deeper_than_libxml2_allows_is_refused(project, tmp_path):
    export = tmp_path / "deep.xml"
    export.write_text(deep_export(), encoding="utf-8")
    before = content_files(project)
    result = run_import(project, tmp_path, "import-wordpress", str(export))
    result.assert_refused("deep.xml", "beyond what any WordPress export holds",
                          "nothing was imported")
    result.assert_contained()
    result.assert_bounded()
    assert content_files(project) == before


def test_case_16_a_feed_with_a_huge_text_node_is_refused(project, tmp_path):
    feed = tmp_path / "huge.xml"
    feed.write_text(big_enclosures_feed("https://uploads.example", 1).replace(
        "<title>Big</title>", "<title>Big</title><description>" + "x" * (11 * 2**20)
        + "</description>"), encoding="utf-8")
    result = run_import(project, tmp_path, "import-feed", str(feed), "--show", "huge")
    result.assert_refused("huge.xml", "not readable XML", "nothing was imported")
    result.assert_contained()
    result.assert_bounded()


@pytest.mark.parametrize(("task", "name", "size"), [
    ("import-wordpress", "export.xml", 600 * 2**20), ("import-feed", "feed.xml", 60 * 2**20)])
def test_case_16_an_oversized_file_is_refused_before_it_is_read(project, tmp_path, task, name,
                                                                 size):
    big = tmp_path / name
    with open(big, "wb") as handle:  # sparse: the size is there, the disk space is not
        handle.truncate(size)
    arguments = [task, str(big)] + (["--show", "big"] if task == "import-feed" else [])
    result = run_import(project, tmp_path, *arguments)
    result.assert_refused(name, "is larger than")
    result.assert_contained()
    result.assert_bounded()
    os.unlink(big)


def test_traversal_constant_is_what_issue_20_reported():
    assert "%2F.venv%2Flib%2Fpython3.11%2Fsite-packages%2Fzzz.pth" in TRAVERSAL


def test_case_3_a_feed_of_local_files_only_is_refused_not_copied(project, tmp_path):
    chapters = tmp_path / "local-chapters.json"
    chapters.write_text('{"chapters": [{"startTime": 0, "title": "LOCAL SECRET"}]}')
    feed = tmp_path / "feed.xml"
    feed.write_text(hostile_feed("https://uploads.example", str(chapters)).split(
        "<item><title>Redirected")[0] + "</channel></rss>", encoding="utf-8")
    before = content_files(project)
    result = run_import(project, tmp_path, "import-feed", str(feed), "--show", "local",
                        "--download")
    result.assert_refused("file:///etc/passwd", "only http and https", "nothing was imported")
    result.assert_contained()
    assert content_files(project) == before
