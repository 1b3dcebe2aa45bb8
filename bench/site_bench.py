"""Benchmark: build a generated site of N posts and report seconds per build.

Usage: .venv/bin/python bench/site_bench.py [--posts 2000]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from shelfcast_sitekit.build import build  # noqa: E402

SECTIONS = ["news", "books", "events", "music"]
AUTHORS = ["Karen Holm", "Jonas Lindqvist", "Aino Berg", "Mads Ravn"]


def write_corpus(content: Path, posts: int) -> None:
    for number in range(posts):
        section = SECTIONS[number % len(SECTIONS)]
        year = 2000 + number % 26
        path = content / "posts" / section / f"post-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Post number {number}\ndate: {year}-{1 + number % 12:02d}-"
            f"{1 + number % 28:02d}\nauthor: {AUTHORS[number % len(AUTHORS)]}\n"
            f"tags: [tag{number % 40}, tag{number % 7}]\nsummary: Summary of post {number}.\n"
            f"---\nThis is post {number}. " + "Some *Markdown* text. " * 60 + "\n",
            encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shelfcast-bench-"))
    try:
        write_corpus(work / "content", args.posts)
        shutil.copy(ROOT / "pelicanconf.py", work / "pelicanconf.py")
        overrides = {"THEME": str(ROOT / "themes" / "shelfcast"),
                     "PLUGIN_PATHS": [str(ROOT / "plugins")],
                     "PLUGINS": ["shelfcast_sitekit", "shelfcast_i18n", "shelfcast_theme"]}
        os.chdir(work)
        for attempt in (1, 2):
            started = time.perf_counter()
            code = build(str(work / "pelicanconf.py"), str(work / "output"), overrides,
                         stream=io.StringIO())
            seconds = time.perf_counter() - started
            files = sum(1 for p in (work / "output").rglob("*") if p.is_file())
            print(f"build {attempt}: {args.posts} posts -> {files} files in {seconds:.1f} s "
                  f"(exit {code})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
