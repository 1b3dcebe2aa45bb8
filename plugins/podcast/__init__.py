"""Podcasts: shows and episodes in content/<PODCAST["path"]>/ become feeds, pages and OPML.

Pelican glue only; see generator.py and the pure modules it calls.
"""

from __future__ import annotations

from pelican import signals
from sitekit.fields import declare_fields
from sitekit.problems import problem_log
from sitekit.settings import missing_path

from .episodes import EPISODE_FIELDS
from .generator import CONFIG_KEY, PodcastGenerator
from .settings import podcast_settings
from .urls import placeholder_address, public_url

# Where the site kit (and any plugin) learns which content folders hold episodes, the way
# Pelican's own PAGE_PATHS and ARTICLE_PATHS name theirs: no plugin imports our modules for it.
EPISODE_PATHS_KEY = "EPISODE_PATHS"


def shows_folder(settings: dict) -> str:
    """The folder under content/ holding one folder per show (PODCAST["path"])."""
    return podcast_settings(settings)[0]["path"]


__all__ = ["EPISODE_PATHS_KEY", "feed_url", "placeholder_address", "register", "shows_folder"]


def feed_url(settings: dict, show: str) -> str:
    """The public URL of a show's feed with these settings (as the build writes it)."""
    return public_url(settings, podcast_settings(settings)[0]["feed_url"].format(show=show))


def initialize(pelican) -> None:
    settings = pelican.settings
    config, problems = podcast_settings(settings)
    declare_fields(settings, EPISODE_FIELDS)
    settings[CONFIG_KEY] = config
    settings[EPISODE_PATHS_KEY] = [config["path"]]
    # Episode is a Content class: Pelican looks up EPISODE_URL and friends for its URLs.
    for key in ("EPISODE_URL", "EPISODE_LANG_URL"):
        settings.setdefault(key, config["episode_url"])
    for key in ("EPISODE_SAVE_AS", "EPISODE_LANG_SAVE_AS"):
        settings.setdefault(key, config["episode_url"])
    given = settings.get("PODCAST")
    if isinstance(given, dict) and "path" in given:
        # A folder the library names (not the default) must exist, or every show vanishes.
        missing = missing_path(settings, "PODCAST['path']", config["path"], folder=True)
        problems += [missing] if missing else []
    if problems:
        problem_log(settings).extend(problems)
        problem_log(settings).raise_if_errors()


def get_generators(pelican):
    return PodcastGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
