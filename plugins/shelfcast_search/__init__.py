"""Site search with Pagefind: a static index written into the output at the end of the build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pelican import signals
from shelfcast_sitekit.beside import offered, run_beside
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.readcache import DEFERRED_INDEX_KEY
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY

from .indexer import run_index
from .settings import search_settings

SETTINGS_KEY = "SHELFCAST_SEARCH"


def initialize(pelican) -> None:
    settings = pelican.settings
    merged, problems = search_settings(settings.get("SEARCH"))
    settings[SETTINGS_KEY] = merged
    # The search page loads the bundle relative to SITEURL; templates read it from here.
    settings["SEARCH_BUNDLE_DIR"] = merged["bundle_dir"].strip("/")
    log = problem_log(settings)
    log.extend(problems)
    log.raise_if_errors()


def index_site(pelican) -> None:
    settings = pelican.settings
    config = settings[SETTINGS_KEY]
    if not config["index"]:
        return
    arguments = (config["bundle_dir"].strip("/"), list(config["exclude_selectors"]),
                 settings["DEFAULT_LANG"])
    # Set by the preview (`make serve`): the index is made after the browser reloads, not
    # before (a save shows sooner); until then the last build's index is served.
    deferred = settings.get(DEFERRED_INDEX_KEY)
    if isinstance(deferred, list):
        keep_previous_index(settings.get(PREVIOUS_OUTPUT_KEY), pelican.output_path, arguments[0])
        deferred.append(arguments)
        return
    if offered(settings):
        # A `make build`: the build waits for the index before it swaps the output in, and
        # meanwhile encodes its page index (nothing after this writes a page: finalized
        # handlers after this plugin's write feeds and pictures, never HTML).
        run_beside(settings, lambda: run_index(Path(pelican.output_path), *arguments).problems)
        return
    result = run_index(Path(pelican.output_path), *arguments)
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
    signals.finalized.connect(index_site)
