"""Pictures (album covers, card pictures, gallery images) are encoded in threads, one per
core (shelfcast_sitekit.resized.write_all): the published files must be the same bytes as
one thread makes, also when two albums share one cover file."""

from __future__ import annotations

import filecmp
from pathlib import Path

from PIL import Image, ImageDraw
from shelfcast_sitekit import resized


def sources(folder: Path) -> list[Path]:
    folder.mkdir()
    made = []
    for number in range(6):
        image = Image.new("RGB", (500 + 40 * number, 400), (number * 40, 90, 160))
        ImageDraw.Draw(image).ellipse((50, 50, 350, 350), outline="white", width=9)
        path = folder / f"cover-{number}.{'jpg' if number % 2 else 'png'}"
        image.save(path)
        made.append(path)
    return made


def jobs(paths: list[Path]) -> list:
    found = [(str(p), resized.plan(f"music/{p.stem}", resized.probe(str(p)), (400, 200),
                                   ("jpeg", "webp"))) for p in paths]
    # A second album with the first one's cover file: its own page names, the same source.
    found.append((str(paths[0]), resized.plan("music/another-album", resized.probe(
        str(paths[0])), (400, 200), ("jpeg", "webp"))))
    return found


def published(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file()}


def test_threads_publish_the_bytes_one_thread_publishes(tmp_path, monkeypatch):
    work = jobs(sources(tmp_path / "content"))
    outputs = {}
    for threads in (1, 2):
        monkeypatch.setattr(resized, "THREADS", threads)
        output, cache = tmp_path / f"output-{threads}", tmp_path / f"cache-{threads}"
        resized.write_all(work, str(output), str(cache), 80)
        outputs[threads] = published(output)
        # The cache keeps one copy per source, width and format, and nothing half-written.
        assert sorted(p.name for p in cache.iterdir() if not p.name.endswith(".webp")
                      and not p.name.endswith(".jpg")) == []
        assert len(list(cache.iterdir())) == 6 * 4
    assert outputs[1] == outputs[2]
    assert len(outputs[2]) == 7 * 4
    # And a second run takes every copy from the cache: the same bytes again.
    again = tmp_path / "output-again"
    resized.write_all(work, str(again), str(tmp_path / "cache-2"), 80)
    assert not filecmp.dircmp(again, tmp_path / "output-2").diff_files
    assert published(again) == outputs[2]
