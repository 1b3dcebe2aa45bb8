"""A kit "upstream" (a local bare git repository, tagged) and a library cloned from it.

Version N is the kit as it was before ARCHIVE became CLOSED_PARTS; N+1 is the kit as it is,
plus a change to a plugin, a template, the kit's defaults and the demo, and a new plugin on by
default. Git runs over local paths only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image
from shelfcast_sitekit.firststeps import DEMO_MARKER, manifest_text
from sitetools import ROOT, copy_project

OLD, NEW = "0.9.0", "0.9.1"
PRE_RENAME = ("plugins/shelfcast_archive/__init__.py", "plugins/shelfcast_archive/closed.py",
              "library.py")
MP3 = ROOT / "tests" / "podcast" / "fixtures" / "cbr.mp3"
MALMO = ["--name", "Malmö stadsbibliotek", "--url", "https://bibliotek.malmo.example.se",
         "--lang", "sv", "--catalogue-system", "koha",
         "--catalogue-url", "https://malmo.bibkat.example.se", "--email",
         "info@bibliotek.malmo.example.se", "--no-demo"]
# A new plugin, on by default in N+1: it writes hello.txt with a default setting of N+1.
HELLO_PLUGIN = '''
from pelican import signals


def write_hello(pelican):
    import os
    with open(os.path.join(pelican.output_path, "hello.txt"), "w", encoding="utf-8") as out:
        out.write(pelican.settings["HELLO_GREETING"])


def register():
    signals.finalized.connect(write_hello)
'''
BROKEN_PLUGIN = '''
def register():
    raise RuntimeError("this version of the plugin is broken")
'''


def git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"git {arguments}: {done.stderr}"
    return done.stdout


def invoke(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    """A task as a librarian runs it, with the venv's Python (no make: it would build a venv)."""
    return subprocess.run([sys.executable, "-m", "invoke", *arguments], cwd=folder,
                          capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)


def identify(folder: Path) -> None:
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.org")


def kit_version_n(work: Path) -> None:
    """The kit's files and demo as released in N: before the ARCHIVE rename."""
    copy_project(work)
    (work / "content" / DEMO_MARKER).write_text(manifest_text(str(work / "content")),
                                                encoding="utf-8")
    for relative in PRE_RENAME:
        path = work / relative
        path.write_text(path.read_text(encoding="utf-8").replace("CLOSED_PARTS", "ARCHIVE"),
                        encoding="utf-8")
    moves = work / "plugins" / "shelfcast_sitekit" / "settingmoves.py"
    text, count = re.subn(r"\nMOVES = \(\n.*?\n\)\n", "\nMOVES = ()\n",
                          moves.read_text(encoding="utf-8"), flags=re.S)
    assert count == 1, "settingmoves.MOVES changed shape; update kit_version_n"
    moves.write_text(text, encoding="utf-8")


def kit_version_n_plus_1(work: Path, plugin: str = HELLO_PLUGIN) -> None:
    """N+1: the real rename, a plugin, a template, the defaults, the demo, a new plugin."""
    for relative in PRE_RENAME[:2] + ("plugins/shelfcast_sitekit/settingmoves.py",):
        shutil.copy(ROOT / relative, work / relative)
    shutil.copy(ROOT / "tests" / "fixture_site" / "library.py", work / "library.py")
    set_version(work, NEW)
    questions = work / "plugins" / "shelfcast_questions" / "__init__.py"
    questions.write_text(questions.read_text(encoding="utf-8")
                         + "\n# N+1: a change to a plugin.\n", encoding="utf-8")
    base = work / "themes" / "shelfcast" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="utf-8">\n<meta name="kit-test" content="n+1">'),
        encoding="utf-8")
    defaults = work / "plugins" / "shelfcast_sitekit" / "kitdefaults.py"
    defaults.write_text(defaults.read_text(encoding="utf-8") + '\nPLUGINS += ["shelfcast_hello"]'
                        '\nHELLO_GREETING = "Hej från N+1"\n', encoding="utf-8")
    (work / "plugins" / "shelfcast_hello").mkdir()
    (work / "plugins" / "shelfcast_hello" / "__init__.py").write_text(plugin, encoding="utf-8")
    (work / "content" / "posts" / "news" / "demo-news-in-n-plus-1.md").write_text(
        "---\ntitle: New in the demo\ndate: 2026-12-01\n---\nDemo.\n", encoding="utf-8")
    changelog = work / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "## [Unreleased]\n", f"## [Unreleased]\n\n## [{NEW}] - 2026-12-10\n\n### Added\n"
        "- A greeting from the hello plugin.\n\n### Upgrading\n- Rename ARCHIVE to "
        "CLOSED_PARTS.\n"), encoding="utf-8")


def set_version(work: Path, version: str) -> None:
    pyproject = work / "pyproject.toml"
    pyproject.write_text(re.sub(r'(?m)^version = ".*"$', f'version = "{version}"',
                                pyproject.read_text(encoding="utf-8"), count=1),
                         encoding="utf-8")


def release(work: Path, upstream: Path, version: str) -> None:
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", f"Shelfcast {version}")
    git(work, "tag", f"v{version}")
    git(work, "push", "-q", str(upstream), "HEAD:main", f"v{version}")


def upstream_with_version_n(tmp: Path) -> tuple[Path, Path]:
    """(the maintainers' working copy, the bare upstream) with v0.9.0 released."""
    work, upstream = tmp / "kit", tmp / "upstream.git"
    kit_version_n(work)
    git(tmp, "init", "-q", "--bare", "-b", "main", str(upstream))
    git(tmp, "init", "-q", "-b", "main", str(work))
    identify(work)
    release(work, upstream, OLD)
    return work, upstream


def swedish_library(tmp: Path, upstream: Path) -> Path:
    """Clone N, `invoke init` for Malmö, add posts, a podcast, overrides, settings; commit."""
    library = tmp / "malmo"
    git(tmp, "clone", "-q", str(upstream), str(library))
    identify(library)
    done = invoke(library, "init", *MALMO)
    assert done.returncode == 0, done.stdout + done.stderr
    write(library, "content/posts/nyheter/vinterlasning.md",
          "---\ntitle: Vinterläsning\ndate: 2026-11-20\n---\nLäs [Hobbiten](isbn:9780261103344).\n")
    write(library, "content/posts/gamla/sommarboken.md",
          "---\ntitle: Sommarboken\ndate: 2025-06-01\n---\nEtt avslutat projekt.\n")
    write(library, "content/podcasts/bokprat/show.yaml",
          "title: Bokprat\ndescription: Malmös bibliotekarier om böcker.\nlanguage: sv\n"
          "owner: {name: Malmö stadsbibliotek, email: podd@malmo.example.se}\n"
          "categories: [\"Arts > Books\"]\nimage: cover.png\n")
    Image.new("RGB", (1400, 1400), "#7a1f5c").save(
        library / "content" / "podcasts" / "bokprat" / "cover.png")
    (library / "content" / "podcasts" / "bokprat" / "audio").mkdir()
    shutil.copy(MP3, library / "content" / "podcasts" / "bokprat" / "audio" / "avsnitt-1.mp3")
    write(library, "content/podcasts/bokprat/avsnitt-1.md",
          "---\ntitle: Första avsnittet\ndate: 2026-11-01 10:00\naudio: audio/avsnitt-1.mp3\n"
          "guid: malmo-bokprat-1\n---\nVi pratar om deckare.\n")
    write(library, "overrides/templates/404.html", '{% extends "base.html" %}\n'
          '{% block content %}<p id="malmo-404">Sidan finns inte.</p>{% endblock %}\n')
    write(library, "overrides/site.css", "body { font-family: Georgia, serif; }\n")
    settings = library / "library.py"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + '\nSITESUBTITLE = "Böcker, musik och evenemang"\n'
                        + 'SEARCH = {"INDEX": False}  # no search index, for now\n'
                        + 'ARCHIVE = {"gamla": {"since": "2025-08-31", '
                        + '"note": "Sommarprojektet är avslutat."}}\n', encoding="utf-8")
    git(library, "add", "-A")
    git(library, "commit", "-q", "-m", "Malmö stadsbibliotek: our settings and content")
    return library


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
