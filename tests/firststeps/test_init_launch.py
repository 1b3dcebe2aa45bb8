"""Issue 23: after `invoke init` for a Swedish or Danish library nothing of the demo is left on
the public site: name, tagline, address, card picture, time zone and theme colour are its own."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shelfcast_sitekit.firststeps import (
    DEMO_ADDRESS,
    DEMO_CARD_DIGESTS,
    DEMO_MARKER,
    DEMO_NAME,
    DEMO_TAGLINE,
    manifest_text,
)
from sitetools import copy_project, write_content

INVOKE = Path(sys.executable).with_name("invoke")
LIBRARIES = {
    "sv": (["--name", "Tallbacka bibliotek", "--url", "https://bibliotek.tallbacka.example.se",
            "--lang", "sv", "--colour", "#1d6b3a"], "Europe/Stockholm", "#1d6b3a"),
    "da": (["--name", "Søby Bibliotek", "--url", "https://soby-bibliotek.example.dk",
            "--lang", "da", "--catalogue-system", "dpl-cms", "--catalogue-url",
            "https://soby.bibliotek.example.dk"], "Europe/Copenhagen", "#0b5394"),
}
# The library's own first event, so that the calendar has something to carry its time zone.
EVENT = """
    ---
    title: Bokcirkel
    date: 2026-11-01
    event:
      start: 2030-11-12 18:00
      end: "19:30"
      location: Hovedbiblioteket
    ---
    Vi läser och pratar.
"""
TEXT_SUFFIXES = {".html", ".xml", ".json", ".webmanifest", ".ics", ".opml", ".txt", ".js",
                 ".css", ".vtt"}


def invoke(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("lang", sorted(LIBRARIES))
def test_init_leaves_nothing_of_the_demo_on_the_public_site(lang, tmp_path):
    arguments, timezone, colour = LIBRARIES[lang]
    project = copy_project(tmp_path / "repo")
    content = project / "content"
    (content / DEMO_MARKER).write_text(manifest_text(str(content)), encoding="utf-8")
    done = invoke(project, "init", *arguments, "--no-demo")
    assert done.returncode == 0, done.stdout + done.stderr
    write_content(content, "posts/events/bokcirkel.md", EVENT)
    built = invoke(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr

    output = project / "output"
    found = []
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(output)}: {demo!r}"
                      for demo in (DEMO_NAME, DEMO_TAGLINE, DEMO_ADDRESS) if demo in text]
    assert found == []
    card = (output / "images" / "site-card.png").read_bytes()
    assert hashlib.sha256(card).hexdigest() not in DEMO_CARD_DIGESTS
    assert f"TZID:{timezone}" in (output / "events.ics").read_text(encoding="utf-8")
    manifest = json.loads((output / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["theme_color"] == colour
    assert manifest["description"] and manifest["description"] != DEMO_TAGLINE


def test_the_examples_build_when_copied_into_place(tmp_path):
    """Issue 23: page.md and post.md pointed at files `make init` had removed."""
    project = copy_project(tmp_path / "repo")
    content = project / "content"
    (content / DEMO_MARKER).write_text(manifest_text(str(content)), encoding="utf-8")
    done = invoke(project, "init", *LIBRARIES["da"][0], "--no-demo")
    assert done.returncode == 0, done.stdout + done.stderr
    examples = content / "_examples"
    write_content(content, "posts/news/example.md", (examples / "post.md").read_bytes())
    write_content(content, "pages/example.md", (examples / "page.md").read_bytes())
    shutil.copytree(examples / "images", content / "images", dirs_exist_ok=True)
    shutil.copytree(examples / "podcast", content / "podcasts" / "example")
    (content / "podcasts" / "example" / "README.txt").unlink(missing_ok=True)
    built = invoke(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    output = project / "output"
    assert (output / "podcasts" / "example" / "feed.xml").exists() or \
        any((output / "podcasts" / "example").rglob("*.html"))
    assert len(list((output / "posts").rglob("*.html"))) == 1


def test_new_post_in_a_new_events_section_names_its_title(tmp_path):
    """Issue 23: `new-post --section events` said the section had no title; it has one."""
    project = copy_project(tmp_path / "repo")
    shutil.rmtree(project / "content" / "posts" / "events")
    done = invoke(project, "new-post", "--title", "Bokcirkel", "--section", "events")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "first post of the section 'Events' (its title is set already)" in done.stderr
    assert "event: block" in done.stderr and "SECTION_TITLES" not in done.stderr
    new = invoke(project, "new-post", "--title", "Tips", "--section", "tipps")
    assert "Give a new section a title in SECTION_TITLES in library.py" in new.stderr
