"""Large files are carried over from the previous build, never shared with content/."""

import os

from shelfcast_sitekit.fileprints import FilePrints
from shelfcast_sitekit.reuse import publish_file


def test_unchanged_file_is_linked_from_the_previous_build_not_from_content(tmp_path):
    source = tmp_path / "content" / "talk.mp3"
    source.parent.mkdir()
    prints = FilePrints(tmp_path / "file-prints.json")
    source.write_bytes(b"\xff\xfb" * 500)
    first, second = tmp_path / "old" / "talk.mp3", tmp_path / "new" / "talk.mp3"
    assert publish_file(str(source), str(first), None, prints) is False
    assert publish_file(str(source), str(second), str(first), prints) is True
    assert os.stat(second).st_ino == os.stat(first).st_ino != os.stat(source).st_ino


def test_an_edit_in_place_reaches_the_new_build_and_spares_the_old_one(tmp_path):
    source = tmp_path / "content" / "talk.mp3"
    source.parent.mkdir()
    prints = FilePrints(tmp_path / "file-prints.json")
    source.write_bytes(b"old audio")
    first, second = tmp_path / "old" / "talk.mp3", tmp_path / "new" / "talk.mp3"
    publish_file(str(source), str(first), None, prints)
    with open(source, "r+b") as handle:  # same size, same inode: its new time has it read
        handle.write(b"new")
    os.utime(source, ns=(os.stat(first).st_atime_ns, os.stat(first).st_mtime_ns + 10**9))
    assert publish_file(str(source), str(second), str(first), prints) is False
    assert second.read_bytes() == b"new audio"
    assert first.read_bytes() == b"old audio"
