"""A content file's print is its bytes' digest, read again only when its size or time changed
(shelfcast_sitekit.fileprints): a fresh checkout's new times change no print, an edit does."""

from __future__ import annotations

import json
import os

import pytest
from shelfcast_sitekit.fileprints import FilePrints


def test_a_print_is_read_once_kept_for_the_next_build_and_read_again_after_an_edit(tmp_path):
    picture = tmp_path / "content" / "cover.png"
    picture.parent.mkdir()
    picture.write_bytes(b"first picture")
    store = tmp_path / ".cache" / "file-prints.json"

    first = FilePrints(store)
    printed = first.of(str(picture))
    assert first.of(str(picture)) == printed and first.read == 1
    first.save(prune=True)

    # The next build reads nothing while size and time hold.
    second = FilePrints(store)
    assert second.of(str(picture)) == printed and second.read == 0

    # A checkout: a new time, the same bytes: read again, the same print.
    later = picture.stat().st_mtime + 60
    os.utime(picture, (later, later))
    third = FilePrints(store)
    assert third.of(str(picture)) == printed and third.read == 1

    # An edit that keeps the size: another print.
    picture.write_bytes(b"other picture")
    os.utime(picture, (later + 60, later + 60))
    fourth = FilePrints(store)
    assert fourth.of(str(picture)) != printed and fourth.read == 1


def test_a_build_that_succeeds_keeps_only_the_prints_it_asked_for(tmp_path):
    kept, gone = tmp_path / "kept.mp3", tmp_path / "gone.mp3"
    kept.write_bytes(b"audio")
    gone.write_bytes(b"old audio")
    store = tmp_path / "file-prints.json"
    first = FilePrints(store)
    first.of(str(kept))
    first.of(str(gone))
    first.save(prune=True)

    failed = FilePrints(store)  # a failed build asked for one: both are kept
    failed.of(str(kept))
    failed.save(prune=False)
    assert set(FilePrints(store).stored) == {str(kept), str(gone)}

    succeeded = FilePrints(store)
    succeeded.of(str(kept))
    succeeded.save(prune=True)
    assert set(FilePrints(store).stored) == {str(kept)}


def test_only_a_regular_file_is_read_for_its_print(tmp_path):
    """Any file under content/ named like a picture is asked about: a link to /dev/zero or a
    FIFO planted there must be refused at once, not read forever."""
    endless = tmp_path / "endless.png"
    endless.symlink_to("/dev/zero")
    fifo = tmp_path / "waiting.png"
    os.mkfifo(fifo)
    prints = FilePrints(tmp_path / "file-prints.json")
    for path in (endless, fifo):
        with pytest.raises(OSError):
            prints.of(str(path))
    assert prints.read == 0


def _picture(path, size):
    from PIL import Image

    Image.new("RGB", size, (200, 30, 30)).save(path, "PNG")


def test_a_picture_is_decoded_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    """A cover's size takes a full decode (Pillow checks the picture is whole): kept with the
    file's print, a warm build or a fresh checkout decodes no unchanged picture."""
    from shelfcast_sitekit import resized

    decoded = []
    probe = resized.probe
    monkeypatch.setattr(resized, "probe", lambda path: decoded.append(path) or probe(path))
    cover = tmp_path / "cover.png"
    _picture(cover, (64, 48))
    store = tmp_path / ".cache" / "file-prints.json"

    def build_asks() -> object:
        prints = FilePrints(store)
        size = resized.probe_kept(str(cover), prints)
        prints.save(prune=True)
        return size

    assert build_asks() == (64, 48) and len(decoded) == 1
    assert build_asks() == (64, 48) and len(decoded) == 1  # the next build
    later = cover.stat().st_mtime + 60
    os.utime(cover, (later, later))  # a checkout: new time, same bytes
    assert build_asks() == (64, 48) and len(decoded) == 1
    _picture(cover, (32, 40))  # another picture under the same name
    assert build_asks() == (32, 40) and len(decoded) == 2

    # A planted size is not believed: the picture is decoded again.
    document = json.loads(store.read_text("utf-8"))
    (entry,) = document["data"].values()
    entry[3][resized.SIZE_FACT] = [100000, -1]
    store.write_text(json.dumps(document), "utf-8")
    assert build_asks() == (32, 40) and len(decoded) == 3


def test_a_damaged_picture_is_named_on_every_build(tmp_path):
    from shelfcast_sitekit import resized

    cover = tmp_path / "cut.png"
    _picture(cover, (64, 48))
    cover.write_bytes(cover.read_bytes()[:60])
    store = tmp_path / "file-prints.json"
    for _build in range(2):
        prints = FilePrints(store)
        assert "damaged" in resized.probe_kept(str(cover), prints)
        prints.save(prune=True)
