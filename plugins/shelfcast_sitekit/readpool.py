"""Read a cold build's Markdown on both cores: worker processes fill the read cache first.

Pelican reads content in one process, one file after another. Before a cold build, when the
read cache holds few entries, `prewarm` hands the content's Markdown files to worker
processes (interleaved: long and short files spread evenly); each loads the same settings
file, starts Pelican's plugins as the build will (they set the folders' kinds and reading
options) and reads its share through the site kit's reader, which stores every result in the
read cache (shelfcast_sitekit.readcache). The build itself then finds each file's entry and reads
nothing again. The workers' results reach the build only through the cache, which is keyed
on everything reading depends on, so the output is what one process makes
(tests/speed/test_read_pool.py). A file a worker could not read is read by the build, which
reports its problems. Each worker writes its entries as one pack (shelfcast_sitekit.readpack: a
few files in all, not one per post) and hands back, through the pool's pipe, the key and
digest of every entry it wrote: the build takes those entries without sanitising them again
(shelfcast_sitekit.readcache.written_here).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from pathlib import Path

from .checkpool import offer as offer_checking
from .limits import sitekit_option
from .readcache import FOLDER, STATE_KEY, WRITTEN_KEY
from .readpack import count_entries

SETTING = "read_workers"  # of SITEKIT
# Fewer files than this: starting the workers (a second each) costs more than it saves.
MIN_FILES = 200
EXTENSIONS = (".md", ".markdown")


def content_files(content_root: str) -> list[str]:
    """Every Markdown file under content/, in a fixed order."""
    return sorted(str(p) for p in Path(content_root).rglob("*")
                  if p.suffix in EXTENSIONS and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(content_root).parts))


def cache_entries(cache_path: str) -> int:
    return count_entries(Path(cache_path, FOLDER))


READ, CHECK = "read", "check"


def second_core(settings: dict, files: list[str]) -> str | None:
    """How a second process helps this build read its files: READ for a cold read cache
    (workers read the files), CHECK for a warm one (a worker sanitises the cached entries:
    checkpool), None with one worker, few files or no read cache."""
    if (sitekit_option(settings, SETTING) < 2 or len(files) < MIN_FILES
            or not sitekit_option(settings, "read_cache")):
        return None
    cold = cache_entries(settings.get("CACHE_PATH") or "cache") < len(files) // 2
    return READ if cold else CHECK


def prewarm(settings_file: str, overrides: dict, settings: dict) -> None:
    """Fill the read cache for this build's content files in worker processes (a cold
    cache), or offer the warm cache's check to a worker beside the build."""
    files = content_files(settings["PATH"])
    help_needed = second_core(settings, files)
    if help_needed == CHECK:
        offer_checking(settings)
    if help_needed != READ:
        return
    workers = sitekit_option(settings, SETTING)
    context = multiprocessing.get_context(start_method(
        multiprocessing.get_all_start_methods(), threading.active_count()))
    sys.stdout.flush()  # a buffer copied into a forked child would be printed twice
    sys.stderr.flush()
    with context.Pool(workers) as pool:
        shares = pool.starmap(read_share, [(settings_file, overrides, files[n::workers],
                                            os.getcwd()) for n in range(workers)])
    settings[WRITTEN_KEY] = {path: digest for written in shares
                             for path, digest in written.items()}


def start_method(available: list[str], threads: int) -> str:
    """fork where it exists and this process runs no other thread (`make build`): a fork
    starts reading at once with the modules the build already imported, where a spawned
    interpreter first imports Pelican, Markdown and the plugins again (about a second of each
    worker's start, while the build waits). spawn otherwise: a fork copies other threads'
    held locks (`make serve` keeps a server thread)."""
    return "fork" if "fork" in available and threads == 1 else "spawn"


def read_share(settings_file: str, overrides: dict, files: list[str],
               cwd: str) -> dict[str, bytes]:
    """In a worker: read files through the site kit's reader, as the build will; the read
    cache entries it wrote (in its pack), {key: digest of the bytes written}."""
    from pelican import Pelican
    from pelican.readers import Readers

    from .build import load_settings
    from .problems import ContentErrors
    from .reader import ContentSkipped

    os.chdir(cwd)  # the read cache's key holds the working directory
    try:
        settings = load_settings(settings_file, overrides)
        Pelican(settings)  # the plugins' `initialized`: folder kinds, reading options
        reader = Readers(settings).readers["md"]
    except ContentErrors:
        return {}  # a settings problem: the build reports it
    for path in files:
        try:
            reader.read(path)
        except ContentSkipped:
            continue  # stored with its problems, or read again by the build
    cache = settings.get(STATE_KEY)
    if cache is None:
        return {}
    cache.write_pack()
    return cache.written
