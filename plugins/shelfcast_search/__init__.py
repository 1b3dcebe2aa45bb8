"""Site search with Pagefind: a static index written into the output at the end of the build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pelican import signals
from shelfcast_sitekit.beside import offered, pages_written, run_beside
from shelfcast_sitekit.pagecache import PAGE_MARK_KEY, page_marks
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.readcache import DEFERRED_INDEX_KEY
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY

from .indexer import has_body_mark, run_index, start_index
from .settings import search_settings

SETTINGS_KEY = "SHELFCAST_SEARCH"
# Set (True) when the index was started as soon as the pages were written (`start_early`).
STARTED_KEY = "SHELFCAST_SEARCH_STARTED"


def initialize(pelican) -> None:
    settings = pelican.settings
    merged, problems = search_settings(settings.get("SEARCH"))
    settings[SETTINGS_KEY] = merged
    # The search page loads the bundle relative to SITEURL; templates read it from here.
    settings["SEARCH_BUNDLE_DIR"] = merged["bundle_dir"].strip("/")
    # The page cache tells each page's mark from the bytes it has at hand as it writes it.
    settings[PAGE_MARK_KEY] = has_body_mark
    log = problem_log(settings)
    log.extend(problems)
    log.raise_if_errors()


def _arguments(settings: dict) -> tuple:
    config = settings[SETTINGS_KEY]
    return (config["bundle_dir"].strip("/"), list(config["exclude_selectors"]),
            settings["DEFAULT_LANG"])


def _last_bundle(settings: dict) -> Path | None:
    """The search bundle of the output this build replaces (its files are reused)."""
    previous = settings.get(PREVIOUS_OUTPUT_KEY)
    return Path(previous, _arguments(settings)[0]) if previous else None


def _start_index(pelican):
    """The index of this build's output, its pages found and linked now (indexer.start_index)."""
    settings = pelican.settings
    return start_index(Path(pelican.output_path), *_arguments(settings),
                       known=page_marks(settings), previous=_last_bundle(settings),
                       per_part=settings[SETTINGS_KEY]["pages_per_part"])


def start_early(pelican) -> None:
    """In a `make build`, once every page is written (before Pelican's `finalized`): the
    pages to index are linked for Pagefind now and it starts beside the rest of the build.
    Where Pagefind must read the site folder itself (no page marked), it waits for
    `finalized` as before: the handlers there write files it would then read half-written."""
    settings = pelican.settings
    config = settings.get(SETTINGS_KEY)  # None: a site without this plugin, in one process
    if not config or not config["index"] or not offered(settings) \
            or isinstance(settings.get(DEFERRED_INDEX_KEY), list):
        return
    index = _start_index(pelican)
    if not index.whole_site:
        run_beside(settings, lambda: index().problems)
        settings[STARTED_KEY] = True


def index_site(pelican) -> None:
    settings = pelican.settings
    config = settings[SETTINGS_KEY]
    if not config["index"] or settings.pop(STARTED_KEY, False):
        return
    arguments = _arguments(settings)
    # Set by the preview (`make serve`): the index is made after the browser reloads, not
    # before (a save shows sooner); until then the last build's index is served.
    deferred = settings.get(DEFERRED_INDEX_KEY)
    if isinstance(deferred, list):
        keep_previous_index(settings.get(PREVIOUS_OUTPUT_KEY), pelican.output_path, arguments[0])
        # With its parts and the pages' marks this build knows: a save's index makes again
        # only the parts whose pages changed (shelfcast_search.parts).
        deferred.append((*arguments, {"known": page_marks(settings),
                                      "per_part": config["pages_per_part"]}))
        return
    if offered(settings):
        # A `make build`: the build waits for the index before it swaps the output in, and
        # meanwhile encodes its page index (nothing after this writes a page: finalized
        # handlers after this plugin's write feeds and pictures, never HTML).
        index = _start_index(pelican)
        run_beside(settings, lambda: index().problems)
        return
    result = run_index(Path(pelican.output_path), *arguments, known=page_marks(settings),
                       previous=_last_bundle(settings),
                       per_part=settings[SETTINGS_KEY]["pages_per_part"])
    log = problem_log(settings)
    log.extend(result.problems)
    log.raise_if_errors()


def keep_previous_index(previous: str | None, output: str, bundle_dir: str) -> None:
    """Hard-link the last build's index into this one (served until the new one is made)."""
    source = os.path.join(previous or "", bundle_dir)
    if previous and os.path.isdir(source):
        shutil.copytree(source, os.path.join(output, bundle_dir), copy_function=os.link,
                        dirs_exist_ok=True)


def register() -> None:
    signals.initialized.connect(initialize)
    pages_written.connect(start_early)
    signals.finalized.connect(index_site)
