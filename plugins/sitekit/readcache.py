"""A cache of read content files that is never stale: what went into the reading is the key.

Pelican's own content cache (LOAD_CONTENT_CACHE) keys on the file's mtime only, so a changed
setting or plugin kept serving the old page; the site kit turns it off. Here the key is a
digest of everything one reading depends on:

- the file's bytes, its path, its kind (post, page, episode) and the working directory (the
  paths problems name);
- every setting (in a stable form: functions by name, objects by their fields), except the
  few that change on every build without shaping reading (the staging folder, the problem
  log, the build's state);
- the code of every plugin folder (PLUGIN_PATHS) and the versions of the libraries reading
  uses (Markdown, nh3, PyYAML, Pelican) and of Python;
- the list of files under content/: reading checks that linked images and files exist, so
  adding, removing or renaming any file there starts from nothing.

An entry is one pickle per file under CACHE_PATH/sitekit-read/; a damaged or unreadable entry
is read again. Entries nobody asks for any more stay until `make clean` removes .cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import platform
import re
import tempfile
import types
from pathlib import Path

from .problems import SETTINGS_KEY
from .reuse import PREVIOUS_OUTPUT_KEY

FOLDER = "sitekit-read"
FORMAT = b"sitekit-read-cache 1"
# Change on every build without shaping what a file reads as (the page cache's state too).
VOLATILE_KEYS = frozenset({"OUTPUT_PATH", PREVIOUS_OUTPUT_KEY, SETTINGS_KEY, "SHELFCAST_BUILD",
                           "SITEKIT_PAGE_CACHE", "SITEKIT_RENDER_EFFECTS"})
LIBRARIES = ("markdown", "nh3", "pyyaml", "pelican", "pygments")
OBJECT_DEPTH = 2
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def stable(value, seen: set | None = None, depth: int = 0) -> str:
    """A text form of a settings value that is the same in every run for the same value.

    Plain data (what pelicanconf.py holds) is written in full. Objects plugins put into the
    settings are written by their fields down to OBJECT_DEPTH objects deep, and an object met
    a second time by its type only: some hold the whole site (generators, content), and
    walking those would take longer than the build.
    """
    seen = set() if seen is None else seen
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type,
                          types.ModuleType, types.MethodType)):
        return f"<{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}>"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r},{value.flags})"
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    if id(value) in seen:
        return f"<again {name}>"
    seen.add(id(value))
    if isinstance(value, dict):
        items = sorted((stable(k, seen, depth), stable(v, seen, depth))
                       for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ",".join(stable(v, seen, depth)
                                                     for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "set[" + ",".join(sorted(stable(v, seen, depth) for v in value)) + "]"
    if depth >= OBJECT_DEPTH:
        return f"<{name}>"
    fields = getattr(value, "__dict__", None)
    if fields is not None:
        return f"<{name} {stable(fields, seen, depth + 1)}>"
    slots = getattr(type(value), "__slots__", None)
    if slots:
        return f"<{name} {stable({s: getattr(value, s, None) for s in slots}, seen, depth + 1)}>"
    return f"<{name} {ADDRESS.sub('', repr(value))}>"


def settings_digest(settings: dict) -> str:
    shown = {k: v for k, v in settings.items() if k not in VOLATILE_KEYS}
    return hashlib.sha256(stable(shown).encode("utf-8", "surrogatepass")).hexdigest()


def code_digest(plugin_paths) -> str:
    """The plugins' source and the versions of the libraries that read Markdown and YAML."""
    digest = hashlib.sha256(platform.python_version().encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    for folder in plugin_paths:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(str(path).encode("utf-8", "surrogatepass"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def listing_digest(content_root: str) -> str:
    """Every file's path under content/ (existence is what reading checks)."""
    names = []
    for folder, _dirs, files in os.walk(content_root):
        names.extend(os.path.join(folder, name) for name in files)
    return hashlib.sha256("\n".join(sorted(names)).encode("utf-8", "surrogatepass")).hexdigest()


class ReadCache:
    """Read results of one build's reader, stored by the digest of their inputs."""

    def __init__(self, settings: dict):
        self.folder = Path(settings.get("CACHE_PATH") or "cache") / FOLDER
        base = hashlib.sha256(FORMAT)
        for part in (settings_digest(settings), code_digest(settings.get("PLUGIN_PATHS", [])),
                     listing_digest(settings["PATH"]), os.getcwd()):
            base.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.base = base.digest()

    def key(self, source_path: str, kind: str, data: bytes) -> str:
        digest = hashlib.sha256(self.base)
        digest.update(f"{source_path}\0{kind}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str):
        try:
            with open(self.folder / key[:2] / key, "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            return None  # a damaged or outdated entry: read the file again

    def put(self, key: str, result) -> None:
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / key)
