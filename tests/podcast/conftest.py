"""Podcast test fixtures: a one-show site to break in many ways, and the demo site built once."""

from __future__ import annotations

import shutil

import pytest
from mpegframes import cbr
from podcasttools import (  # noqa: F401 (helpers live there; tests import them from it)
    EPISODE,
    FIXTURES,
    ROOT,
    SHOW_YAML,
    _site_class,
    ffprobe_duration,
    image_bytes,
)
from sitetools import KIT_SITE


@pytest.fixture
def show_site(site):
    """A site with one valid show and one episode; builds cleanly."""
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    site.write("podcasts/talk/cover.png", image_bytes())
    site.write("podcasts/talk/audio/first.mp3", cbr(2))
    site.write("podcasts/talk/first.md", EPISODE)
    return site


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The repository's own demo content, built once with the real settings and theme."""
    root = tmp_path_factory.mktemp("demo")
    site = _site_class()(root)
    shutil.copytree(KIT_SITE / "content", site.content, dirs_exist_ok=True)
    assert site.build() == 0, site.messages
    return site


