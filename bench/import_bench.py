"""Benchmark: import a WordPress export of N posts (no downloads) into an empty content/.

Usage: .venv/bin/python bench/import_bench.py [--posts 2000]
Not part of `make test`; prints numbers for the issue notes (target: under a minute).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests" / "importers"))

from shelfcast_import.commands import import_wordpress  # noqa: E402
from wxrsamples import AUTHORS_11, comment, item, wxr  # noqa: E402

BODY = ("<p>Our <b>summer reading</b> list for {n}.</p>\n\n<h2>Books</h2>\n\n<ul><li>One</li>"
        "<li>Two</li></ul>\n\n[caption id=\"a{n}\" width=\"300\"]<img src=\"https://blog."
        "example.org/wp-content/uploads/2019/05/p{n}.jpg\" alt=\"Cover {n}\"> Cover[/caption]"
        "\n\n<table><tr><th>Title</th></tr><tr><td>Æblet</td></tr></table>\n\n"
        "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n" + "Lorem ipsum. " * 60)
CATEGORY = ('<category domain="category" nicename="books"><![CDATA[Books]]></category>'
            '<category domain="post_tag" nicename="summer"><![CDATA[summer]]></category>')


def export(posts: int) -> str:
    items = [item(n, f"Post number {n}", f"post-{n}", BODY.format(n=n), categories=CATEGORY,
                  comments=comment(n, "Kim", "Nice!"))
             for n in range(1, posts + 1)]
    return wxr("1.2", "\n".join(items), authors=AUTHORS_11)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    posts = parser.parse_args().posts
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        path.write_text(export(posts), encoding="utf-8")
        size = path.stat().st_size / 2**20
        start = time.perf_counter()
        landed, _ = import_wordpress(str(path), f"{folder}/content", f"{folder}/report.md",
                                     "Europe/Copenhagen")
        took = time.perf_counter() - start
        start = time.perf_counter()
        again, _ = import_wordpress(str(path), f"{folder}/content", f"{folder}/report.md",
                                    "Europe/Copenhagen")
        rerun = time.perf_counter() - start
    print(f"{posts} posts ({size:.1f} MB export): import {took:.1f} s, {len(landed.added)} "
          f"files; re-import {rerun:.1f} s, {len(again.added)} files added")


if __name__ == "__main__":
    main()
