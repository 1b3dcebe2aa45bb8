"""Pictures (album covers, card pictures, gallery images) are encoded in threads, one per
core (shelfcast_sitekit.resized.write_all): the published files must be the same bytes as
one thread makes, also when two albums share one cover file."""

from __future__ import annotations

import filecmp
from pathlib import Path

from PIL import Image, ImageDraw
from shelfcast_sitekit import resized
from shelfcast_sitekit.fileprints import FilePrints


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


def prints(folder: Path) -> FilePrints:
    return FilePrints(folder / "file-prints.json")


def published(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file()}


def test_threads_publish_the_bytes_one_thread_publishes(tmp_path, monkeypatch):
    work = jobs(sources(tmp_path / "content"))
    outputs = {}
    for threads in (1, 2):
        monkeypatch.setattr(resized, "THREADS", threads)
        output, cache = tmp_path / f"output-{threads}", tmp_path / f"cache-{threads}"
        resized.write_all(work, str(output), str(cache), 80, prints(tmp_path))
        outputs[threads] = published(output)
        # The cache keeps one copy per source, width and format, and nothing half-written.
        assert sorted(p.name for p in cache.iterdir() if not p.name.endswith(".webp")
                      and not p.name.endswith(".jpg")) == []
        assert len(list(cache.iterdir())) == 6 * 4
    assert outputs[1] == outputs[2]
    assert len(outputs[2]) == 7 * 4
    # And a second run takes every copy from the cache: the same bytes again.
    again = tmp_path / "output-again"
    resized.write_all(work, str(again), str(tmp_path / "cache-2"), 80, prints(tmp_path))
    assert not filecmp.dircmp(again, tmp_path / "output-2").diff_files
    assert published(again) == outputs[2]


def test_a_warm_build_links_cached_pictures_and_never_writes_through_the_link(tmp_path):
    """Issue 26: the cached derivatives are hard-linked into the new output folder instead of
    copied. Two sources for one output file (the last wins) must not write the second
    picture through the first one's link into the cache's copy of the first."""
    paths = sources(tmp_path / "content")
    cache = tmp_path / "cache"
    resized.write_all(jobs(paths), str(tmp_path / "cold"), str(cache), 80, prints(tmp_path))
    cached_before = published(cache)

    warm = tmp_path / "warm"
    resized.write_all(jobs(paths), str(warm), str(cache), 80, prints(tmp_path))
    cover = warm / "music/cover-1-400.jpg"
    # The output file is the cache's file, not a copy of it.
    assert any(cover.samefile(cached) for cached in cache.iterdir())
    assert published(warm) == published(tmp_path / "cold")

    # Both covers to one output name: cover-0's derivatives land first, then cover-2's.
    clash = [(str(paths[0]), resized.plan("music/same", resized.probe(str(paths[0])),
                                          (400, 200), ("jpeg", "webp"))),
             (str(paths[2]), resized.plan("music/same", resized.probe(str(paths[2])),
                                          (400, 200), ("jpeg", "webp")))]
    resized.write_all(clash, str(tmp_path / "clash"), str(cache), 80, prints(tmp_path))
    alone = tmp_path / "alone"
    resized.write_all(clash[1:], str(alone), str(tmp_path / "cache-alone"), 80, prints(tmp_path))
    assert published(tmp_path / "clash") == published(alone)
    # Nothing was written into the cached pictures of cover-0 (pruning removes other
    # sources' entries, so compare those still there).
    assert all(cached_before[name] == data for name, data in published(cache).items()
               if name in cached_before)
