"""Theme templates are compiled once and kept under CACHE_PATH; an edited template, or a
changed Jinja setup, is compiled again (issue 13: compiling took about a second per build)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitetools import ROOT, Site

POST = "---\ntitle: Cached\ndate: 2024-01-01\n---\nHello.\n"


def compiled(site: Site) -> dict[str, int]:
    """The cache's files with their modification times (nanoseconds)."""
    folder = site.root / ".cache/sitekit-templates"
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} if folder.is_dir() else {}


def build(site: Site, theme: Path) -> None:
    assert site.build(THEME=str(theme), SEARCH={"INDEX": False}) == 0, site.messages


def test_templates_compiled_once_and_again_when_edited(tmp_path):
    theme = shutil.copytree(ROOT / "themes/shelfcast", tmp_path / "theme")
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    site.write("posts/news/cached.md", POST)
    build(site, theme)
    first = compiled(site)
    assert first, "no compiled templates under .cache/sitekit-templates"

    build(site, theme)
    assert compiled(site) == first  # every template came from the cache, none was written

    article = theme / "templates/article.html"
    article.write_text(article.read_text("utf-8").replace(
        "{% block content %}", "{% block content %}<!-- edited template -->", 1), "utf-8")
    build(site, theme)
    assert "<!-- edited template -->" in site.read("posts/2024/cached.html")
    assert compiled(site) != first  # compiled again and stored over the old code


def test_a_changed_jinja_setup_is_compiled_again(tmp_path):
    """trim_blocks changes the whitespace of every page: Jinja's own cache key (the template's
    name and source) would keep serving the code compiled with the old setting."""
    theme = shutil.copytree(ROOT / "themes/shelfcast", tmp_path / "theme")
    pages = {}
    for name in ("warm", "cold"):
        (tmp_path / name).mkdir()
        pages[name] = site = Site(tmp_path / name)
        site.write("posts/news/cached.md", POST)
    build(pages["warm"], theme)
    for site in pages.values():
        conf = site.root / "pelicanconf.py"
        conf.write_text(conf.read_text("utf-8") + "\nJINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "
                        "'trim_blocks': False, 'lstrip_blocks': False}\n", "utf-8")
        build(site, theme)
    warm, cold = (pages[n].output / "index.html" for n in ("warm", "cold"))
    assert warm.read_text("utf-8") == cold.read_text("utf-8")
