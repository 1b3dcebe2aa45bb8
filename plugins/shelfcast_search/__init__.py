"""Site search with Pagefind: a static index written into the output at the end of the build."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from sitekit.problems import problem_log

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
    result = run_index(Path(pelican.output_path), config["bundle_dir"].strip("/"),
                       list(config["exclude_selectors"]), settings["DEFAULT_LANG"])
    log = problem_log(settings)
    log.extend(result.problems)
    log.raise_if_errors()


def register() -> None:
    signals.initialized.connect(initialize)
    signals.finalized.connect(index_site)
