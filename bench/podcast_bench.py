"""Benchmark: a show of N episodes. Times the feed build and proves a warm build reads no audio.

Usage: .venv/bin/python bench/podcast_bench.py [--episodes 1000]
Not part of `make test`; prints numbers for the issue notes.
"""

from __future__ import annotations

import argparse
import builtins
import io
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

import shelfcast_podcast.generator as generator  # noqa: E402
from PIL import Image  # noqa: E402
from shelfcast_podcast.feed import build_feed  # noqa: E402
from shelfcast_sitekit.build import build  # noqa: E402

SHOW_YAML = """title: Benchmark Talk
description: A thousand short episodes.
language: en
owner: {name: Bench Library, email: podcast@bench.example.org}
categories: ["Arts > Books"]
image: cover.png
"""


def mp3(frames: int) -> bytes:
    """Silent MPEG-2 Layer III frames at 32 kb/s, 22,050 Hz (104 bytes each)."""
    return (bytes([0xFF, 0xF3, 0x40, 0xC0]) + bytes(100)) * frames


def write_show(content: Path, episodes: int) -> None:
    show = content / "podcasts" / "bench"
    (show / "audio").mkdir(parents=True)
    (show / "show.yaml").write_text(SHOW_YAML, encoding="utf-8")
    Image.new("RGB", (1400, 1400), (30, 60, 90)).save(show / "cover.png")
    for number in range(episodes):
        (show / "audio" / f"ep{number:04d}.mp3").write_bytes(mp3(20 + number % 50))
        day = f"20{10 + number // 365 % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        (show / f"ep{number:04d}.md").write_text(
            f"---\ntitle: Episode {number}\ndate: {day} {number % 24:02d}:00\n"
            f"audio: audio/ep{number:04d}.mp3\nguid: bench-{number}\nepisode: {number + 1}\n"
            f"chapters:\n  - {{start: \"0:00\", title: Start}}\n---\nNotes for {number}.\n",
            encoding="utf-8")


@contextmanager
def watching_audio_opens():
    """Record every audio file opened through open(), with the module that opened it."""
    opened, real_open = [], builtins.open

    def spying_open(file, *args, **kwargs):
        if str(file).endswith(".mp3"):
            caller = Path(sys._getframe(1).f_code.co_filename)
            opened.append((f"{caller.parent.name}/{caller.name}", str(file)))
        return real_open(file, *args, **kwargs)

    builtins.open = spying_open
    try:
        yield opened
    finally:
        builtins.open = real_open


@contextmanager
def timing_feeds(times):
    """Time build_feed() calls made by the generator (the feed from collected episodes)."""
    def timed(channel, items):
        started = time.perf_counter()
        data = build_feed(channel, items)
        times.append((len(items), time.perf_counter() - started))
        return data

    generator.build_feed = timed
    try:
        yield
    finally:
        generator.build_feed = build_feed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shelfcast-podcast-bench-"))
    try:
        write_show(work / "content", args.episodes)
        shutil.copy(ROOT / "pelicanconf.py", work / "pelicanconf.py")
        overrides = {"THEME": str(ROOT / "themes" / "shelfcast"),
                     "PLUGIN_PATHS": [str(ROOT / "plugins")],
                     "PLUGINS": ["shelfcast_sitekit", "shelfcast_i18n", "shelfcast_theme",
                                 "podcast"]}
        os.chdir(work)
        for attempt in ("cold cache", "warm cache"):
            feed_times = []
            with watching_audio_opens() as opened, timing_feeds(feed_times):
                started = time.perf_counter()
                stream = io.StringIO()
                code = build(str(work / "pelicanconf.py"), str(work / "output"), overrides,
                             stream=stream)
                seconds = time.perf_counter() - started
            items, feed_seconds = feed_times[0] if feed_times else (0, float("nan"))
            size = (work / "output/podcasts/bench/feed.xml").stat().st_size if code == 0 else 0
            probed = sum(1 for caller, _path in opened if caller == "podcast/audio.py")
            copied = sum(1 for caller, _path in opened if caller.endswith("shutil.py"))
            print(f"{attempt}: whole build {seconds:.2f} s (exit {code}); feed of {items} "
                  f"episodes built in {feed_seconds:.3f} s ({size / 1e6:.2f} MB)\n"
                  f"  audio files opened to read their facts: {probed}; "
                  f"opened by the copy into the fresh output folder: {copied}; "
                  f"other: {len(opened) - probed - copied}")
            if code:
                print(stream.getvalue())
        cache = work / ".cache" / "podcast-audio.json"
        print(f"audio facts cache: {cache.stat().st_size / 1e3:.0f} kB at .cache/{cache.name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
