"""Podcasts: shows and episodes in content/podcasts/ become feeds, pages and OPML.

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


def initialize(pelican) -> None:
    settings = pelican.settings
    config, problems = podcast_settings(settings)
    declare_fields(settings, EPISODE_FIELDS)
    settings[CONFIG_KEY] = config
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
