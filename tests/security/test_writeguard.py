"""The one write guard: a path from outside lands inside its folder or nothing is written."""

from __future__ import annotations

import os

import pytest
from shelfcast_sitekit.writeguard import WriteRefused, check_all, safe_name, write_file, write_files


@pytest.mark.parametrize("relative", [
    "../escaped.yaml", "comments/../../escaped.yaml", "/etc/cron.d/x", "images/a\0.jpg",
    "images/a\r\nb.jpg", "", "a//b", "C:/x", "..\\..\\x"])
def test_paths_that_leave_the_folder_are_refused(tmp_path, relative):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(WriteRefused, match="nothing was written|Nothing was written"):
        write_file(content, relative, "x")
    assert [p for p in tmp_path.rglob("*") if p != content] == []


def test_a_link_inside_the_folder_that_leads_out_is_refused(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    os.symlink(outside, content / "images")
    with pytest.raises(WriteRefused, match="through a link"):
        write_file(content, "images/a.jpg", b"x")
    assert list(outside.iterdir()) == []


def test_one_bad_path_stops_the_whole_batch(tmp_path):
    files = {"posts/a.md": "a", "comments/x/../../../b.yaml": "b", "posts/c.md": "c"}
    with pytest.raises(WriteRefused) as refused:
        write_files(tmp_path / "content", files)
    assert "comments/x/../../../b.yaml" in str(refused.value)
    assert not (tmp_path / "content" / "posts").exists()


def test_a_batch_lands_whole_and_never_overwrites(tmp_path):
    content = tmp_path / "content"
    download = tmp_path / "download.part"
    download.write_bytes(b"\xff\xd8")
    write_files(content, {"posts/a.md": "ä", "images/2019/a.jpg": download})
    assert (content / "posts/a.md").read_text("utf-8") == "ä"
    assert (content / "images/2019/a.jpg").read_bytes() == b"\xff\xd8"
    with pytest.raises(WriteRefused, match="already there"):
        write_file(content, "posts/a.md", "b")
    write_file(content, "posts/a.md", "b", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]  # no staging left


def test_check_all_names_every_bad_path(tmp_path):
    with pytest.raises(WriteRefused) as refused:
        check_all(tmp_path, ["../a", "ok.md", "/b"])
    assert "'../a'" in str(refused.value) and "'/b'" in str(refused.value)


@pytest.mark.parametrize(("text", "name"), [
    ("..%2F..%2F..%2F.venv%2Flib%2Fpython3.11%2Fsite-packages%2Fzzz.pth", "zzz.pth"),
    ("../../../comment-escaped", "comment-escaped"),
    ("Café au lait.JPG", "cafe-au-lait.jpg"),
    ("..", "file"), ("", "file"), ("%00evil\r\n.png", "evil.png"),
    ("a.tar.gz", "atar.gz"), ("photo.<script>", "photo"),
])
def test_safe_names_use_a_safe_alphabet(text, name):
    assert safe_name(text) == name


def test_freeze_guids_does_not_write_through_a_link_out_of_the_shows_folder(tmp_path):
    from shelfcast_podcast.scaffold import freeze_guids

    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Elsewhere\ndate: 2026-01-05 10:00\naudio: audio/a.mp3\n"
                       "---\nNotes.\n", encoding="utf-8")
    show = tmp_path / "podcasts" / "talk"
    show.mkdir(parents=True)
    os.symlink(outside, show / "linked.md")
    before = outside.read_bytes()
    with pytest.raises(WriteRefused, match="through a link"):
        freeze_guids(str(tmp_path / "podcasts"))
    assert outside.read_bytes() == before
