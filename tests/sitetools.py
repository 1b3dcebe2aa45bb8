"""Build small sites and the demo in temporary folders with the real settings, for tests."""

from __future__ import annotations

import io
import os
import shutil
import textwrap
from pathlib import Path

from sitekit.build import build

ROOT = Path(__file__).resolve().parent.parent


def write_content(content: Path, relative: str, data: str | bytes) -> Path:
    """Write one file under content/: bytes as they are, text dedented (tests indent it)."""
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return path


class Site:
    """A throwaway site: the project's settings and theme, with content written by the test."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir()
        shutil.copy(ROOT / "pelicanconf.py", root / "pelicanconf.py")
        self.messages = ""

    def write(self, relative: str, text: str | bytes) -> Path:
        return write_content(self.content, relative, text)

    def build(self, **overrides) -> int:
        settings = {"THEME": str(ROOT / "themes" / "shelfcast"),
                    "PLUGIN_PATHS": [str(ROOT / "plugins")], **overrides}
        stream = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            code = build(str(self.root / "pelicanconf.py"), str(self.output), settings,
                         stream=stream)
        finally:
            os.chdir(cwd)
        self.messages = stream.getvalue()
        return code

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def build_demo(output: Path, **overrides) -> tuple[int, str]:
    """Build the repository's own demo content with the real settings into `output`."""
    stream = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = build(str(ROOT / "pelicanconf.py"), str(output), overrides, stream=stream)
    finally:
        os.chdir(cwd)
    return code, stream.getvalue()


