"""Helpers for the publish tests: a small project, file trees, real servers on 127.0.0.1."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import textwrap
from pathlib import Path

from PIL import Image
from shelfcast_publish.command import publish_site
from sitetools import KIT_SITE, add_default_image, write_content

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://orstad-bibliotek.dk"
# One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz, silent): header plus 413 zero bytes.
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(413)


def mp3(frames: int) -> bytes:
    return MP3_FRAME * frames


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


POSTS = {
    "posts/news/hours.md": """
        ---
        title: New opening hours
        date: 2026-01-05
        tags: [hours]
        aliases: [/2019/05/opening-hours/]
        ---
        We open at eight. ![The door](../../images/door.png)
    """,
    "posts/books/winter.md": """
        ---
        title: Winter reading
        date: 2026-01-10
        tags: [reading]
        ---
        Our winter list. [Listen to the talk](../../audio/talk.mp3)
    """,
    "posts/events/quiz.md": """
        ---
        title: Music quiz
        date: 2026-01-12
        tags: [quiz]
        ---
        Bring a friend.
    """,
    "pages/about.md": "---\ntitle: About us\n---\nWe are a library.\n",
}


class Project:
    """A throwaway Shelfcast project: copies of the settings, links to theme and plugins."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        for name in ("themes", "plugins"):
            (root / name).symlink_to(ROOT / name)
        (root / "pelicanconf.py").write_text((KIT_SITE / "pelicanconf.py").read_text())
        (root / "library.py").write_text((KIT_SITE / "library.py").read_text())
        add_default_image(self.content)
        self.targets: dict = {}
        self.site_url = SITE_URL
        self.precompress: list = []
        self.extra_settings = ""        # more lines for publishconf.py
        self.messages = ""

    def write(self, relative: str, data: str | bytes) -> Path:
        return write_content(self.content, relative, data)

    def write_publishconf(self) -> None:
        (self.root / "publishconf.py").write_text(textwrap.dedent(f"""
            import os
            import sys
            sys.path.append(os.curdir)
            from pelicanconf import *  # noqa: F403
            SITENAME = "Test Library"  # publishing refuses the demo's name
            SITEURL = {self.site_url!r}
            STATIC_PATHS = ["images", "audio"]
            PUBLISH = {{**PUBLISH, "targets": {self.targets!r},
                       "precompress": {self.precompress!r}}}
        """) + textwrap.dedent(self.extra_settings))

    def publish(self, target: str, dry_run: bool = False, make=None) -> int:
        self.write_publishconf()
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            kwargs = {"make": make} if make else {}
            code = publish_site("publishconf.py", target, dry_run=dry_run, root=str(self.root),
                                out=out, **kwargs)
        finally:
            os.chdir(cwd)
        self.messages = out.getvalue()
        return code

    @property
    def output(self) -> Path:
        return self.root / ".cache" / "publish-output"


def tree(folder: Path, skip=(".shelfcast-manifest.json",)) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(skip)}


def digest(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def git(*arguments) -> str:
    return subprocess.run(["git", *arguments], check=True, capture_output=True,
                          text=True).stdout
