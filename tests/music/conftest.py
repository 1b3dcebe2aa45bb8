"""One build of the real demo content per test session, shared by the output tests."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest


def _shared_conftest():
    """tests/conftest.py under its own name: here the name `conftest` is this file."""
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("shelfcast_tests_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SHARED = _shared_conftest()
ROOT, Site = _SHARED.ROOT, _SHARED.Site


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("music-demo"))
    shutil.rmtree(site.content)
    shutil.copytree(ROOT / "content", site.content)
    assert site.build() == 0, site.messages
    return site
