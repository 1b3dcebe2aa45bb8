"""`invoke init` end to end in a copy of the repository, as a librarian runs it."""

import hashlib
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.firststeps import DEMO_MARKER, manifest_text
from shelfcast_sitekit.kitversion import kit_manifest
from sitetools import copy_project

INVOKE = Path(sys.executable).with_name("invoke")
MALMO = ["--name", "Malmö stadsbibliotek", "--url", "https://bibliotek.malmo.example.se",
         "--lang", "sv", "--lang", "en", "--catalogue-system", "koha",
         "--catalogue-url", "https://malmo.bibkat.example.se/", "--email",
         "info@bibliotek.malmo.example.se", "--no-demo"]


def invoke(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.fixture
def demo_project(tmp_path) -> Path:
    """The kit with the fixture site as its demo content, marked the way the demo is."""
    project = copy_project(tmp_path / "repo")
    content = project / "content"
    (content / DEMO_MARKER).write_text(manifest_text(str(content)), encoding="utf-8")
    return project


def publishconf(project: Path) -> dict:
    """The settings a production build of the project reads: the kit's, then library.py."""
    return load_settings(str(project / "publishconf.py"))


def library_paths_only(changed) -> list[str]:
    """The changed paths that the manifest does not give to the library (none, for init)."""
    manifest = kit_manifest()
    return sorted(path for path in changed if not manifest.is_library(path))


def test_init_writes_the_settings_removes_the_demo_and_a_rerun_changes_nothing(demo_project):
    content = demo_project / "content"
    edited = content / "posts" / "news" / "wifi-and-printing.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOur own line.\n", encoding="utf-8")
    own = content / "posts" / "news" / "our-own-post.md"
    own.write_text("---\ntitle: Vår egen nyhet\ndate: 2026-02-01\n---\nHej!\n", encoding="utf-8")

    kit_before = digest(demo_project)
    done = invoke(demo_project, "init", *MALMO)
    assert done.returncode == 0, done.stdout + done.stderr
    after = digest(demo_project)
    changed = {path for path in {*kit_before, *after} if kit_before.get(path) != after.get(path)}
    assert "library.py" in changed and library_paths_only(changed) == []

    conf = publishconf(demo_project)
    assert conf["SITENAME"] == conf["AUTHOR"] == "Malmö stadsbibliotek"
    assert conf["DEFAULT_LANG"] == "sv"
    assert conf["CATALOGUE"] == {"system": "koha", "base_url": "https://malmo.bibkat.example.se"}
    assert conf["LIBRARY"] == {"name": "Malmö stadsbibliotek",
                               "email": "info@bibliotek.malmo.example.se"}
    assert conf["PODCAST"]["owner"] == {"name": "Malmö stadsbibliotek",
                                        "email": "info@bibliotek.malmo.example.se"}
    assert conf["PLUGINS"][0] == "shelfcast_sitekit"  # the kit's defaults are untouched
    # Feeds follow SITEURL (the site kit derives FEED_DOMAIN from it; tests/sitekit checks that).
    assert conf["SITEURL"] == "https://bibliotek.malmo.example.se"
    assert "CLOSED_PARTS = {" in (demo_project / "library.py").read_text(encoding="utf-8")

    assert not (content / "posts" / "news" / "new-opening-hours.md").exists()
    assert not (content / "podcasts").exists() and not (content / "music").exists()
    assert not (content / DEMO_MARKER).exists()
    assert own.exists() and edited.exists()
    # init speaks the site's first language (sv) once the answers are known (issue 23)
    assert "Behöll content/posts/news/wifi-and-printing.md: du har ändrat den" in done.stdout
    assert (content / "images" / "site-card.png").exists()
    examples = sorted(str(p.relative_to(content / "_examples"))
                      for p in (content / "_examples").rglob("*") if p.is_file())
    assert examples == ["README.txt", "images/reading-room.png", "page.md",
                        "podcast/audio/the-hobbit-at-ninety.mp3",
                        "podcast/audio/the-hobbit-at-ninety.vtt", "podcast/cover.png",
                        "podcast/episode.md", "podcast/show.yaml", "post.md"]
    assert "title:" in (content / "_examples" / "post.md").read_text(encoding="utf-8")

    before = digest(demo_project)
    again = invoke(demo_project, "init", *MALMO)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Skrev" not in again.stdout and "Tog bort" not in again.stdout
    assert digest(demo_project) == before

    built = invoke(demo_project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    output = demo_project / "output"
    assert sorted(p.name for p in (output / "posts").rglob("*.html")) == [
        "free-wifi-and-cheaper-printing.html", "var-egen-nyhet.html"]  # the two kept posts
    assert not any("_examples" in str(p) for p in output.rglob("*"))
    assert 'lang="sv"' in (output / "index.html").read_text(encoding="utf-8")


def test_keep_demo_writes_the_settings_and_keeps_every_file(demo_project):
    before = {k for k in digest(demo_project / "content")}
    done = invoke(demo_project, "init", *MALMO[:-1], "--keep-demo")
    assert done.returncode == 0, done.stdout + done.stderr
    assert {k for k in digest(demo_project / "content")} == before
    assert publishconf(demo_project)["SITENAME"] == "Malmö stadsbibliotek"


def test_bad_answers_are_named_by_option_and_nothing_changes(demo_project):
    before = digest(demo_project)
    done = invoke(demo_project, "init", "--name", "Ørstad Public Library", "--url",
                  "http://bibliotek.malmo.se", "--lang", "se-SV", "--lang", "dk",
                  "--catalogue-system", "kooha", "--email", "info at malmo", "--no-demo")
    assert done.returncode == 1
    message = done.stdout + done.stderr
    assert "--name: 'Ørstad Public Library' is the demo's name" in message
    assert "--url: 'http://bibliotek.malmo.se' is not a full web address; write it starting " \
        "with https://" in message
    assert "--lang: 'dk' is a country code, not a language code; did you mean da?" in message
    assert "--catalogue-system: 'kooha' is not a known catalogue system; choose one of" in message
    assert "--email: 'info at malmo' is not an e-mail address" in message
    assert "Traceback" not in message
    assert digest(demo_project) == before


def test_a_catalogue_that_needs_an_address_asks_for_it(demo_project):
    done = invoke(demo_project, "init", *MALMO[:8], "--catalogue-system", "koha", "--no-demo")
    assert done.returncode == 1
    assert "--catalogue-url: the koha catalogue needs its address" in done.stdout + done.stderr


def test_without_a_terminal_missing_answers_are_named(demo_project):
    done = invoke(demo_project, "init", "--name", "Malmö stadsbibliotek")
    assert done.returncode == 1
    assert "invoke init needs --url, --lang (or run it in a terminal" in done.stdout + done.stderr


def test_in_a_terminal_init_asks_each_question(demo_project):
    """A librarian typing the answers: stdin and stdout are a terminal (a pseudo-terminal)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(INVOKE), "init"], cwd=demo_project, stdin=terminal,
                               stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    answers = ["Lunds stadsbibliotek", "https://bibliotek.lund.example.se", "sv",
               "libris", "", "info@lund.example.se", "", "", "", "n"]
    os.write(controller, ("\n".join(answers) + "\n").encode())
    transcript = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closes when init exits
            break
        if not chunk:
            break
        transcript += chunk
    assert process.wait(timeout=120) == 0, transcript.decode()
    os.close(controller)
    text = transcript.decode()
    for question in ("Your library's name:", "The site's public address", "Language(s)",
                     "Catalogue system", "Time zone (empty: Europe/Stockholm)",
                     "Keep the demo content? [y/N]"):
        assert question in text
    conf = publishconf(demo_project)
    assert conf["SITENAME"] == "Lunds stadsbibliotek"
    assert conf["CATALOGUE"] == {"system": "libris"}
    assert not (demo_project / "content" / "podcasts").exists()


def test_an_examples_folder_is_never_built_even_inside_a_posts_folder(site):
    site.write("posts/news/real.md", "---\ntitle: Real\ndate: 2026-01-05\n---\nPublished.\n")
    site.write("posts/news/_examples/post.md", "---\ntitle: Example\ndate: 2026-01-06\n---\nNo.\n")
    assert site.build(SEARCH={"INDEX": False}) == 0, site.messages
    pages = sorted(p.name for p in (site.output / "posts").rglob("*.html"))
    assert pages == ["real.html"]
