"""Shelfcast tasks: build, check, serve, new-post, publish (see README)."""

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


@task(help={"to": "a target name from PUBLISH['targets'] in publishconf.py",
            "dry_run": "list what would be uploaded and deleted, change nothing",
            "settings": "the settings file to build with"})
def publish(c, to, dry_run=False, settings="publishconf.py"):
    """Build with publishconf.py, check, and upload only what changed, in a safe order."""
    from publish.command import publish_site

    os.chdir(ROOT)
    code = publish_site(settings, to, dry_run=dry_run, root=ROOT)
    if code:
        raise Exit(code=code)


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


@task(help={"audio": "the audio file (MP3 or M4A)", "show": "the show's folder name under "
            "content/podcasts/"})
def new_episode(c, audio, show):
    """Create a draft episode for an audio file: title, duration, chapters and guid filled in."""
    import shutil
    from datetime import datetime

    from podcast.audio import AudioError, probe
    from podcast.scaffold import new_episode as make_episode

    folder = os.path.join(ROOT, "content", "podcasts", show)
    if not os.path.isfile(os.path.join(folder, "show.yaml")):
        raise Exit(f"content/podcasts/{show}/show.yaml does not exist; create the show first "
                   "(see README, Podcasts)", 1)
    if not os.path.isfile(audio):
        raise Exit(f"{audio} does not exist; check the path of the audio file", 1)
    try:
        facts = probe(audio)
    except (AudioError, OSError) as err:
        raise Exit(f"{audio}: {err}", 1) from None
    source = os.path.abspath(audio)
    if not source.startswith(folder + os.sep):
        target = os.path.join(folder, "audio", os.path.basename(audio))
        if os.path.exists(target):
            raise Exit(f"{os.path.relpath(target, ROOT)} already exists; rename your file", 1)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        source = target
        print(f"Copied the audio to {os.path.relpath(target, ROOT)}")
    relative = os.path.relpath(source, folder).replace(os.sep, "/")
    name, text = make_episode(facts, relative, datetime.now().replace(second=0, microsecond=0))
    path = os.path.join(folder, name)
    if os.path.exists(path):
        raise Exit(f"{os.path.relpath(path, ROOT)} already exists; give the episode a title "
                   "tag or rename the audio file", 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"Created {os.path.relpath(path, ROOT)} (status: draft; remove that line to publish)")


@task
def freeze_guids(c):
    """Write the guid each episode is published with into its front matter, where missing."""
    from podcast.scaffold import freeze_guids as freeze

    changed = freeze(os.path.join(ROOT, "content", "podcasts"))
    for path, guid in changed:
        print(f"{os.path.relpath(path, ROOT)}: guid: {guid}")
    print(f"{len(changed)} episode(s) frozen." if changed else "Every episode has a guid.")


@task(help={"post": "the post's slug (the last part of its address, without .html)",
            "from_mail": "the reader's e-mail saved as an .eml file"})
def add_comment(c, post, from_mail):
    """Turn a reader's e-mail into a comment file under content/comments/<post>/ for review."""
    from pelican.settings import read_settings
    from shelfcast_comments.mail import (
        MailError,
        comment_from_mail,
        comment_path,
        comment_yaml,
        post_slugs,
    )

    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"))
    content = settings["PATH"]
    comments = os.path.join(content, (settings.get("COMMENTS") or {}).get("path", "comments"))
    if post not in post_slugs(content, settings["ARTICLE_PATHS"]):
        raise Exit(f"there is no post with the slug {post!r}; use the last part of the post's "
                   "address, e.g. winter-reading for posts/2026/winter-reading.html", 1)
    try:
        with open(from_mail, "rb") as handle:
            fields = comment_from_mail(handle.read())
    except OSError as err:
        raise Exit(f"{from_mail}: {err.strerror}; check the path of the .eml file", 1) from None
    except MailError as err:
        raise Exit(f"{from_mail}: {err}", 1) from None
    path = comment_path(comments, post, fields)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(comment_yaml(fields))
    print(f"Created {os.path.relpath(path, ROOT)}: read it, remove anything private, then "
          "commit it to publish the comment")
