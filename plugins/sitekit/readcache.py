"""A cache of read content files that is never stale: what went into the reading is the key.

Pelican's own content cache (LOAD_CONTENT_CACHE) keys on the file's mtime only, so a changed
setting or plugin kept serving the old page; the site kit turns it off. Here the key is a
digest of everything one reading depends on:

- the file's bytes, its path, its kind (post, page, episode) and the working directory (the
  paths problems name);
- every setting that is plain data, as a settings file writes it (functions by name), except
  the few that change on every build without shaping reading (the staging folder). Objects
  plugins put into the settings are their state for one build, made from those settings and
  the content (the music plugin's holds this build's posts, and through them the staging
  folder's name): they are left out, or no episode would ever be read from the cache;
- the code of every plugin folder (PLUGIN_PATHS) and the versions of the libraries reading
  uses (Markdown, nh3, PyYAML, Pelican) and of Python.

Reading also asks the file system about the files a post links to (does the image exist, is
it inside content/, is it an image). Those questions and their answers
(sitekit.filechecks)
are stored with the result, and an entry is used only while every one still gets the same
answer: adding the image a post was missing reads that post again, adding an unrelated file
or a new episode reads nothing else again.

An entry is one pickle per file under CACHE_PATH/sitekit-read/; a damaged or unreadable entry,
or one whose file answers changed, is read again. Entries nobody asks for any more stay until
`make clean` removes .cache.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import os
import pickle
import platform
import re
import tempfile
import types
from pathlib import Path

from . import filechecks
from .problems import SETTINGS_KEY
from .reuse import PREVIOUS_OUTPUT_KEY
from .sanitise import POLICY_KEY

FOLDER = "sitekit-read"
FORMAT = b"sitekit-read-cache 2"  # an entry is (file answers, result)
# Change on every build without shaping what a file reads as; and the HTML policy, made from
# other settings at the first file actually read, so present or not depending on what the
# cache held (with it in, episodes read after a post missed their entries).
VOLATILE_KEYS = frozenset({"OUTPUT_PATH", PREVIOUS_OUTPUT_KEY, SETTINGS_KEY, "SHELFCAST_BUILD",
                           POLICY_KEY})
LIBRARIES = ("markdown", "nh3", "pyyaml", "pelican", "pygments")


def stable(value) -> str:
    """A text form of a plain settings value that is the same in every run for the same value."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, datetime.date)):
        return repr(value)
    if isinstance(value, types.FunctionType):
        return f"<{value.__module__}.{value.__qualname__}>"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r},{value.flags})"
    if isinstance(value, dict):
        items = sorted((stable(k), stable(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ",".join(stable(v) for v in value) + "]"
    return "set[" + ",".join(sorted(stable(v) for v in value)) + "]"


def plain_settings(settings: dict) -> dict:
    """The settings as a settings file writes them, without the ones each build changes."""
    return {k: v for k, v in settings.items() if k not in VOLATILE_KEYS and is_plain(v)}


def is_plain(value, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if value is None or isinstance(value, (bool, int, float, str, bytes, datetime.date,
                                           types.FunctionType, re.Pattern)):
        return True
    if isinstance(value, dict):
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_plain(v, depth + 1) for v in value)
    return False


def settings_digest(settings: dict) -> str:
    return hashlib.sha256(stable(plain_settings(settings)).encode("utf-8", "surrogatepass")
                          ).hexdigest()


def code_digest(plugin_paths, libraries=LIBRARIES) -> str:
    """The plugins' source and the versions of Python and of the libraries named (by default
    those that read Markdown and YAML)."""
    digest = hashlib.sha256(platform.python_version().encode())
    for library in libraries:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    for folder in plugin_paths:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(str(path).encode("utf-8", "surrogatepass"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ReadCache:
    """Read results of one build's reader, stored by the digest of their inputs."""

    def __init__(self, settings: dict):
        self.folder = Path(settings.get("CACHE_PATH") or "cache") / FOLDER
        base = hashlib.sha256(FORMAT)
        for part in (settings_digest(settings), code_digest(settings.get("PLUGIN_PATHS", [])),
                     os.getcwd()):
            base.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.base = base.digest()

    def key(self, source_path: str, kind: str, data: bytes) -> str:
        digest = hashlib.sha256(self.base)
        digest.update(f"{source_path}\0{kind}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str):
        """The stored result, if its file answers (filechecks) are still the same."""
        stored = load_pickle(self.folder / key[:2] / key)
        if not (isinstance(stored, tuple) and len(stored) == 2):
            return None  # none, damaged or outdated: read the file again
        answers, result = stored
        return result if filechecks.unchanged(answers) else None

    def put(self, key: str, answers: dict, result) -> None:
        save_pickle(self.folder / key[:2] / key, (answers, result))


def load_pickle(path: Path):
    """What a cache file holds; None when it is missing, damaged or from an older version."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        return None


def save_pickle(path: Path, value) -> None:
    """Write a cache file whole or not at all: a killed build leaves the old one or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
