"""Podcasts: shows and episodes in content/<PODCAST["path"]>/ become feeds, pages and OPML.

Pelican glue only; see generator.py and the pure modules it calls.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from pelican import signals
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.settings import missing_path

from .generator import CONFIG_KEY, PodcastGenerator
from .opml import feed_addresses
from .settings import podcast_settings
from .urls import placeholder_address, public_url, site_domain

# Where the site kit (and any plugin) learns which content folders hold episodes, the way
# Pelican's own PAGE_PATHS and ARTICLE_PATHS name theirs: no plugin imports our modules for it.
EPISODE_PATHS_KEY = "EPISODE_PATHS"


def shows_folder(settings: dict) -> str:
    """The folder under content/ holding one folder per show (PODCAST["path"])."""
    return podcast_settings(settings)[0]["path"]


__all__ = ["EPISODE_PATHS_KEY", "announce_settings", "feed_url", "placeholder_address",
           "published_feeds", "register", "shows_folder"]
# Where `invoke publish` finds a Podping token when the settings file holds none (a token is a
# secret: a CI's secret variable is a better home for it than a committed file).
PODPING_TOKEN_VARIABLE = "SHELFCAST_PODPING_TOKEN"


def feed_url(settings: dict, show: str) -> str:
    """The public URL of a show's feed with these settings (as the build writes it)."""
    return public_url(settings, podcast_settings(settings)[0]["feed_url"].format(show=show))


def published_feeds(settings: dict, output: str) -> list[tuple[str, str, str]]:
    """(title, public URL, path under output) of every feed the built site's OPML lists."""
    opml = os.path.join(output, podcast_settings(settings)[0]["opml_save_as"])
    if not os.path.isfile(opml):
        return []
    with open(opml, "rb") as handle:
        listed = feed_addresses(handle.read())
    site_path = urlsplit(site_domain(settings)).path.rstrip("/")
    return [(title, url, urlsplit(url).path[len(site_path):].lstrip("/"))
            for title, url in listed]


def announce_settings(settings: dict) -> dict:
    """What `invoke publish` needs to tell apps about changed feeds: the WebSub hub, the
    Podping endpoint and token (PODCAST["podping_token"], else $SHELFCAST_PODPING_TOKEN)."""
    config = podcast_settings(settings)[0]
    return {"websub_hub": config["websub_hub"], "podping_url": config["podping_url"],
            "podping_token": config["podping_token"]
            or os.environ.get(PODPING_TOKEN_VARIABLE) or None}


def initialize(pelican) -> None:
    settings = pelican.settings
    config, problems = podcast_settings(settings)
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
