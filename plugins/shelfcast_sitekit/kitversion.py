"""The kit's version and its manifest (which paths are the library's), read from pyproject.toml.

pyproject.toml is the one place both are written: `[project] version` and `[tool.shelfcast]`
`library = [...]`. Every path not listed there is the kit's: `invoke upgrade` replaces it whole,
and a library never edits it (docs/upgrading.md).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = "pyproject.toml"
VERSION_PATTERN = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


@dataclass(frozen=True)
class Manifest:
    """The kit's version and the paths that belong to the library ("content/" is a folder)."""

    version: str
    library: tuple[str, ...]

    def is_library(self, path: str) -> bool:
        return any(path == own.rstrip("/") or own.endswith("/") and path.startswith(own)
                   for own in self.library)


class ManifestError(ValueError):
    """pyproject.toml has no usable version or manifest; the message names the fix."""


def read_manifest(text: str) -> Manifest:
    """The manifest from pyproject.toml's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ManifestError(f"{PYPROJECT}: {err}") from None
    version = data.get("project", {}).get("version")
    library = data.get("tool", {}).get("shelfcast", {}).get("library")
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise ManifestError(f"{PYPROJECT}: [project] version must be like 1.2.3")
    if not isinstance(library, list) or not all(isinstance(p, str) for p in library):
        raise ManifestError(f"{PYPROJECT}: [tool.shelfcast] library must list the library's "
                            "paths, e.g. [\"content/\", \"library.py\", \"overrides/\"]")
    return Manifest(version, tuple(library))


def kit_manifest(root: Path = KIT_ROOT) -> Manifest:
    return read_manifest((root / PYPROJECT).read_text(encoding="utf-8"))


def parse_version(text: str) -> tuple:
    """(major, minor, patch, release) for sorting: 1.0.0-rc.1 sorts before 1.0.0."""
    found = VERSION_PATTERN.match(text.strip())
    if found is None:
        raise ManifestError(f"{text!r} is not a version like 1.2.3")
    major, minor, patch, pre = found.groups()
    # A release sorts after its pre-releases: (1, 0, 0, (0, "rc.1")) < (1, 0, 0, (1, "")).
    return int(major), int(minor), int(patch), (0, pre) if pre else (1, "")
