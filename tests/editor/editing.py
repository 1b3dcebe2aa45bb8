"""A copy of the project with the web editor on, its local backend and nginx with our rules,
and the steps a librarian takes in the editor, for tests/editor."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import socket
import sys
import time
from pathlib import Path

import pytest
import yaml
from nginx_server import NginxServer, require_nginx
from pelican.settings import read_settings
from shelfcast_editor.bundle import BundleProblem, checked_bundle
from shelfcast_editor.local import LOCAL_PORT_ENV, local_backend
from shelfcast_editor.site import write_editor
from shelfcast_sitekit.build import build

INSTALL_HINT = ("the web editor is not installed from npm: `npm ci --prefix "
                "plugins/shelfcast_editor/npm` (.ci/run does)")


def require_editor_bundle() -> None:
    try:
        checked_bundle()
    except BundleProblem:
        pytest.skip(INSTALL_HINT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def editor_overrides(root: Path, lang: str = "da") -> dict:
    """The copy's own settings with the editor plugin added and the site in `lang`."""
    base = read_settings(str(root / "pelicanconf.py"))
    plugins = [p for p in base["PLUGINS"] if p != "shelfcast_editor"] + ["shelfcast_editor"]
    return {"THEME": str(root / "themes" / "shelfcast"), "PLUGIN_PATHS": [str(root / "plugins")],
            "PLUGINS": plugins, "DEFAULT_LANG": lang, "EDITOR": {"enabled": True}}


@contextlib.contextmanager
def environment(**values):
    """os.environ with `values` (None removes) for the block; the build reads it."""
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)


def build_copy(root: Path, overrides: dict, output: Path | None = None) -> tuple[int, str]:
    """Build the copy into `output` (its own output/ unless named)."""
    stream = io.StringIO()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = build(str(root / "pelicanconf.py"), str(output or root / "output"), overrides,
                     stream=stream)
    finally:
        os.chdir(cwd)
    return code, stream.getvalue()


def rewrite_admin(root: Path, overrides: dict, local_port: int | None) -> None:
    """Only output/admin/ again (config, rules, page) for other settings, without a build."""
    settings = {**read_settings(str(root / "pelicanconf.py")), **overrides,
                "PATH": str(root / "content")}
    with environment(**{LOCAL_PORT_ENV: str(local_port) if local_port else None}):
        write_editor(settings, str(root / "output"))


@contextlib.contextmanager
def served(root: Path, work: Path, backend_port: int):
    """nginx (our snippet) on the copy's output/ and decap-server on the copy, both local."""
    binary = require_nginx()
    with local_backend(root, backend_port), NginxServer(root / "output", work).start(
            binary) as server:
        yield server


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} has no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


def wait_for_file(folder: Path, pattern: str, seconds: float = 10) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing matching {pattern} was saved in {folder}")


def run_check(root: Path) -> tuple[int, str]:
    """`invoke check` in the copy, as a librarian runs it."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=root,
                          capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


def tiny_mp3(seconds: float) -> bytes:
    """Silent MP3 frames from the podcast tests' helper (tests/podcast/mpegframes.py)."""
    path = Path(__file__).resolve().parent.parent / "podcast" / "mpegframes.py"
    spec = importlib.util.spec_from_file_location("editor_mpegframes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cbr(seconds)
