"""Helpers for the podcast tests: fixture sites, show and episode texts, images."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from sitetools import (
    TEST_SHOW_YAML,
    tree_digest,  # noqa: F401 (used by this module and its importers)
)

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]

SHOW_YAML = TEST_SHOW_YAML
EPISODE = """
    ---
    title: First episode
    date: 2026-01-05 10:00
    audio: audio/first.mp3
    guid: test-guid-1
    ---
    Show notes for the first episode.
"""


def episode(**changes) -> str:
    """The test episode's text with front matter lines replaced, added (value) or removed (None)."""
    head, body = textwrap.dedent(EPISODE).strip("\n").split("---\n")[1:3]
    lines = {line.split(":", 1)[0]: line for line in head.splitlines() if line.strip()}
    for key, value in changes.items():
        if value is None:
            lines.pop(key, None)
        else:
            lines[key] = f"{key}: {value}"
    return "---\n" + "\n".join(lines.values()) + "\n---\n" + body.strip() + "\n"


def image_bytes(size=(1400, 1400), kind="PNG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (20, 60, 110) if mode == "RGB" else 0).save(buffer, kind)
    return buffer.getvalue()


def ffprobe_duration(path) -> float:
    """Duration by demuxing every packet with ffprobe (not from a header or bitrate guess)."""
    if shutil.which("ffprobe") is None:
        pytest.skip("ffprobe is not installed (Debian package ffmpeg; .ci/run installs it)")
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                          "packet=pts_time,duration_time", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=True).stdout.split()
    pts, duration = (float(x) for x in out[-1].split(",")[:2])
    return pts + duration


def _site_class():
    """The Site helper of tests/conftest.py (its `site` fixture is function-scoped)."""
    spec = importlib.util.spec_from_file_location("shelfcast_site_helper",
                                                  ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Site


# Run a command as the only child of a fresh Python process, so that its RUSAGE_CHILDREN peak
# is this command's alone (the test process's own figure includes every earlier child, and a
# process forked from pytest would count pytest's memory too).
MEASURE = """
import json, resource, subprocess, sys, time
CAP = 3 * 1024**3   # address space: far above a build's needs, far below a runaway's

def capped():
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

started = time.monotonic()
# The timeout kills the command itself (it may be a runaway build), not only this process.
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300,
                      preexec_fn=capped)
print(json.dumps({"code": done.returncode, "output": done.stdout + done.stderr,
                  "seconds": time.monotonic() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
# One build of a Site's folder with the kit's theme and plugins, as Site.build does it.
BUILD = """
import os, sys
root, kit = sys.argv[1], sys.argv[2]
sys.path[:0] = [os.path.join(kit, "plugins")]
from shelfcast_sitekit.build import build
os.chdir(root)
sys.exit(build(os.path.join(root, "pelicanconf.py"), os.path.join(root, "output"),
               {"THEME": os.path.join(kit, "themes", "shelfcast"),
                "PLUGIN_PATHS": [os.path.join(kit, "plugins")]}, stream=sys.stderr))
"""


def measured(command: list[str]) -> dict:
    """Exit code, output, wall time (s) and peak resident memory (MB) of one command."""
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                            text=True, timeout=600, check=True)
    return json.loads(result.stdout)


def measured_build(site) -> dict:
    """Build a Site in a child process and measure it (see `measured`)."""
    return measured([sys.executable, "-c", BUILD, str(site.root), str(ROOT)])

