"""Shelfcast tasks: `invoke build`, `invoke check`, `invoke serve` (see README)."""

from __future__ import annotations

import os
import sys

from invoke import Exit, task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from sitekit.build import build as build_site  # noqa: E402


def _run_build(settings_file: str, output: str, keep: bool = True) -> None:
    os.chdir(ROOT)
    code = build_site(settings_file, output, keep=keep)
    if code:
        raise Exit(code=code)


@task
def build(c, settings="pelicanconf.py", output="output"):
    """Build the site into output/ (the previous output/ stays if the build fails)."""
    _run_build(settings, output)
    print(f"Built {output}/")


@task
def check(c, settings="pelicanconf.py"):
    """Check the content and the output it builds, without touching output/."""
    checked = os.path.join(ROOT, ".cache", "check-output")
    # Kept (under .cache/, never output/) so the reports below can read what was built.
    _run_build(settings, checked, keep=True)
    _catalogue_report(checked)
    print("Content checked: no errors.")


def _catalogue_report(output: str) -> None:
    """How many catalogue links each page has (from the build's catalogue-links.csv)."""
    from catalogue.report import CSV_NAME, counts_report, read_links_csv

    path = os.path.join(output, CSV_NAME)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            print(counts_report(read_links_csv(handle.read())))


@task
def serve(c, port=8000):
    """Preview on http://127.0.0.1:8000, rebuilding when content, theme or plugins change."""
    from livereload import Server

    def rebuild():
        try:
            _run_build("pelicanconf.py", "output")
        except Exit as stop:
            print(stop.message or "Build failed; the preview shows the last good build.")

    rebuild()
    server = Server()
    for folder in ("content", "themes", "plugins"):
        server.watch(f"{folder}/**/*", rebuild)
    server.watch("pelicanconf.py", rebuild)
    server.serve(root=os.path.join(ROOT, "output"), host="127.0.0.1", port=port)


@task(help={"title": "the post's title", "section": "folder under content/posts/",
            "author": "your name as it should appear"})
def new_post(c, title, section="news", author=None):
    """Create a draft post in content/posts/<section>/ and print its path."""
    from datetime import datetime

    from sitekit.scaffold import new_post as make_post

    name, text = make_post(title, datetime.now().replace(second=0, microsecond=0), author)
    path = os.path.join(ROOT, "content", "posts", section, name)
    if os.path.exists(path):
        raise Exit(f"{os.path.relpath(path, ROOT)} already exists; choose another title", 1)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"Created {os.path.relpath(path, ROOT)} (status: draft; remove that line to publish)")


@task
def translations(c):
    """Collect the templates' UI strings and add new ones to every themes/shelfcast/locale/*.po."""
    locale = os.path.join(ROOT, "themes", "shelfcast", "locale")
    pot = os.path.join(locale, "messages.pot")
    pybabel = os.path.join(os.path.dirname(sys.executable), "pybabel")
    c.run(f"{pybabel} extract -F babel.cfg --no-location --sort-output --omit-header "
          f"--width 100 -o {pot} .")
    for name in sorted(os.listdir(locale)):
        if name.endswith(".po"):
            lang = name[:-3]
            c.run(f"{pybabel} update --no-fuzzy-matching --ignore-obsolete --width 100 "
                  f"-i {pot} -o {os.path.join(locale, name)} -l {lang}")
    print("Now translate every empty msgstr \"\" in the .po files; the build compiles them.")
