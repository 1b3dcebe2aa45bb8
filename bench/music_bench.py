"""Benchmark: a site of N album reviews with covers; cold build (covers encoded) vs warm
(covers from .cache/music-covers).

Usage: .venv/bin/python bench/music_bench.py [--albums 300]
Not part of `make test`; prints numbers for the issue notes.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from shelfcast_sitekit.build import build  # noqa: E402

ARTISTS = ["Søstrene Ærø", "Åsa Ängström", "Sigur Rós", "The Beatles", "Miles Davis",
           "Aase Ørum Trio", "Kaizers Orchestra", "Björk", "Bjork"]
GENRES = ["Jazz", "Rock", "Folk", "Pop", "Ambient", "Visor", "Post-rock"]


def write_corpus(content: Path, albums: int) -> None:
    covers = content / "music" / "covers"
    covers.mkdir(parents=True)
    for number in range(albums):
        image = Image.new("RGB", (1200, 1200), (number * 7 % 256, 60, 120))
        ImageDraw.Draw(image).ellipse((200, 200, 1000, 1000), outline="white", width=20)
        image.save(covers / f"cover-{number}.jpg", quality=85)
        tracks = "".join(f'    - {{title: Track {t}, length: "{3 + t}:{t * 7 % 60:02d}"}}\n'
                         for t in range(1, 11))
        (content / "music" / f"album-{number:04d}.md").write_text(
            f"---\ntitle: Album review {number}\ndate: 2025-{1 + number % 12:02d}-"
            f"{1 + number % 28:02d}\nalbum:\n  artist: {ARTISTS[number % len(ARTISTS)]} "
            f"{number // len(ARTISTS)}\n  title: Album {number}\n  year: {1950 + number % 75}\n"
            f"  genres: [{GENRES[number % 7]}, {GENRES[number % 5]}]\n  tracks:\n{tracks}"
            f"  cover: covers/cover-{number}.jpg\n---\nA review.\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--albums", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shelfcast-music-bench-"))
    try:
        write_corpus(work / "content", args.albums)
        shutil.copy(ROOT / "pelicanconf.py", work / "pelicanconf.py")
        overrides = {"THEME": str(ROOT / "themes" / "shelfcast"),
                     "PLUGIN_PATHS": [str(ROOT / "plugins")]}
        os.chdir(work)
        for label in ("cold cover cache", "warm cover cache"):
            started = time.perf_counter()
            stream = io.StringIO()
            code = build(str(work / "pelicanconf.py"), str(work / "output"), overrides,
                         stream=stream)
            seconds = time.perf_counter() - started
            files = sum(1 for p in (work / "output").rglob("*") if p.is_file())
            print(f"{label}: {args.albums} reviews -> {files} files in {seconds:.1f} s "
                  f"(exit {code})")
            if code:
                print(stream.getvalue())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
