"""Build small sites and the demo in temporary folders with the real settings, for tests."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from shelfcast_sitekit.build import build

ROOT = Path(__file__).resolve().parent.parent
# The kit's own test site: settings and content the tests build, never the library's content/
# or library.py (a library replaces those; the kit's tests must pass whatever they hold).
KIT_SITE = ROOT / "tests" / "fixture_site"
# Fixtures only the project's owner can provide (real exports, third-party test data): beside
# the repository in ../shared, never committed. SHELFCAST_SHARED names another folder (a
# worktree's ../ is not the project's).
SHARED = Path(os.environ.get("SHELFCAST_SHARED") or ROOT.parent / "shared")
KIT_FILES = ("tasks.py", "Makefile", "pyproject.toml", "babel.cfg", "requirements.txt",
             "pelicanconf.py", "publishconf.py", "CHANGELOG.md", ".gitignore", "plugins", "themes")


def require_shared(relative: str, what: str = "") -> Path:
    """../shared/<relative>, or skip the test saying which shared fixture is missing."""
    import pytest
    from skip_policy import ACCEPTED_SKIP  # the one skip CI accepts: owner-only fixtures

    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{ACCEPTED_SKIP} ../shared/{relative}" + (f" ({what})" if what else ""))
    return path


def new_library(destination: Path) -> Path:
    """A library's repository on day one: the kit's files, the fixture site's library.py, an
    empty content/ (with the picture the settings name)."""
    copy_kit(destination)
    shutil.copy(KIT_SITE / "library.py", destination / "library.py")
    (destination / "content").mkdir()
    add_default_image(destination / "content")
    return destination


def write_content(content: Path, relative: str, data: str | bytes) -> Path:
    """Write one file under content/: bytes as they are, text dedented (tests indent it)."""
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return path


def add_default_image(content: Path) -> None:
    """The picture the fixture settings name as SHELFCAST_THEME["default_image"]: a site
    without it is broken (every link preview points at nothing) and the build says so."""
    target = content / "images" / "site-card.png"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(KIT_SITE / "content" / "images" / "site-card.png", target)


class Site:
    """A throwaway site: the project's settings and theme, with content written by the test."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir()
        shutil.copy(KIT_SITE / "pelicanconf.py", root / "pelicanconf.py")
        shutil.copy(KIT_SITE / "library.py", root / "library.py")
        add_default_image(self.content)
        self.messages = ""

    def write(self, relative: str, text: str | bytes) -> Path:
        return write_content(self.content, relative, text)

    def settings(self, **overrides) -> dict:
        """The settings the test site is built with, over its pelicanconf.py."""
        return {"THEME": str(ROOT / "themes" / "shelfcast"),
                "PLUGIN_PATHS": [str(ROOT / "plugins")], **overrides}

    def check(self):
        """The importers' check for this site: the same build, on a staged content folder."""
        from shelfcast_import.staging import build_check

        return build_check(str(self.root / "pelicanconf.py"), self.settings())

    def build(self, **overrides) -> int:
        settings = self.settings(**overrides)
        stream = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            code = build(str(self.root / "pelicanconf.py"), str(self.output), settings,
                         stream=stream)
        finally:
            os.chdir(cwd)
        self.messages = stream.getvalue()
        if code:
            # Each bad-input test checks the JSON Schema export refuses its file too.
            from exportcheck import export_refuses

            export_refuses(self.content, self.root / "pelicanconf.py", settings, self.messages)
        return code

    def build_apart(self, script: str, **overrides):
        """Build in a Python process of its own running `script`, which gets the settings file,
        the output folder and the settings as JSON in argv[1] (the build's worker pools fork
        only a process with no other thread, and the suite's process has some)."""
        arguments = json.dumps([str(self.root / "pelicanconf.py"), str(self.output),
                                self.settings(**overrides)])
        return subprocess.run([sys.executable, "-c", script, arguments], cwd=self.root,
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                  [str(ROOT / "plugins"), str(ROOT), str(ROOT / "tests")])})

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def build_kit_site(output: Path, settings_file: str = "pelicanconf.py", site: Path | None = None,
                   **overrides) -> tuple[int, str]:
    """Build the kit's fixture site (a copy of tests/fixture_site beside `output`, or the copy
    in `site`) into `output` with one of its own settings files: pelicanconf.py (the preview)
    or publishconf.py (production)."""
    if site is None:
        site = private_kit_site(kit_site_copy(output))
    stream = io.StringIO()
    cwd = os.getcwd()
    os.chdir(site)
    settings = {"THEME": str(ROOT / "themes" / "shelfcast"),
                "PLUGIN_PATHS": [str(ROOT / "plugins")], **overrides}
    try:
        code = build(str(site / settings_file), str(output), settings, stream=stream)
    finally:
        os.chdir(cwd)
    return code, stream.getvalue()


def kit_site_copy(output: Path) -> Path:
    """Where build_kit_site keeps its copy of the fixture site for a build into `output`."""
    return output.parent / "fixture_site"


def private_kit_site(destination: Path) -> Path:
    """A copy of tests/fixture_site at destination (kept if it is there), so that a build's
    caches (.cache: Pelican's, the music covers, the nginx include) are its own: `make test`
    runs files side by side, and two builds of one folder raced on its cache files."""
    if not destination.exists():
        shutil.copytree(KIT_SITE, destination, ignore=IGNORED)
    return destination


# node_modules: what npm installed beside the kit (the editor's 30,000 files under plugins/)
# is git-ignored, so a library's repository never holds it; tests use the kit's own install.
IGNORED = shutil.ignore_patterns("__pycache__", ".cache", "output", "output.*", "node_modules")


def copy_kit(destination: Path) -> Path:
    """The kit's own files only (no content/, no library.py): a library adds its own."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in KIT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=IGNORED)
        else:
            shutil.copy(source, destination / name)
    return destination


def copy_project(destination: Path) -> Path:
    """A library's repository made from the kit's files and the fixture site's content and
    library.py (its pelicanconf.py and publishconf.py are the kit's own, linked)."""
    copy_kit(destination)
    shutil.copytree(KIT_SITE, destination, ignore=IGNORED, dirs_exist_ok=True)
    return destination


def tree_digest(folder: Path) -> dict:
    """Every file under folder with its SHA-256, to show that a failed build changed nothing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# A small valid show.yaml for test shows (its cover.png is written by each test).
TEST_SHOW_YAML = """
    title: Test Talk
    description: A show for tests.
    language: en
    owner: {name: Test Library, email: podcast@test.example.org}
    categories: ["Arts > Books"]
    image: cover.png
"""
