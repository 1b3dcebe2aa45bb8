"""Theme templates are compiled by every build, never kept as code under CACHE_PATH (issue 20);
an edited template, or a changed Jinja setup, shows on the next warm build."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitetools import ROOT, Site

POST = "---\ntitle: Cached\ndate: 2024-01-01\n---\nHello.\n"


def build(site: Site, theme: Path) -> None:
    assert site.build(THEME=str(theme), SEARCH={"index": False}) == 0, site.messages


def test_no_compiled_template_is_kept(tmp_path):
    """Jinja's bytecode cache was marshal'd code, run when read back: a planted file ran
    (issue 20). Templates are compiled on every build (measured: about 0.05 s on a warm build
    of the fixture site, 0.3 s when every page renders)."""
    theme = shutil.copytree(ROOT / "themes/shelfcast", tmp_path / "theme")
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    site.write("posts/news/cached.md", POST)
    build(site, theme)
    build(site, theme)
    assert not (site.root / ".cache/sitekit-templates").exists()

    article = theme / "templates/article.html"
    article.write_text(article.read_text("utf-8").replace(
        "{% block content %}", "{% block content %}<!-- edited template -->", 1), "utf-8")
    build(site, theme)
    assert "<!-- edited template -->" in site.read("posts/2024/cached.html")


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


def test_a_session_keeps_compiled_code_only_for_the_same_source_and_set_up():
    """make serve's builds share compiled templates in memory (templatecode.KeptTemplates):
    the same template in a like environment is not compiled again; an edited source, another
    autoescape or another set of filters is."""
    import jinja2
    from shelfcast_sitekit.templatecode import keep_compiled_templates

    sources = {"page.html": "<p>{{ title|upper }}</p>"}
    store, compiled = {}, []

    class Counting(jinja2.Environment):
        def compile(self, source, name=None, *args, **kwargs):
            compiled.append(name)
            return super().compile(source, name, *args, **kwargs)

    def render(autoescape=True, **filters):
        env = Counting(loader=jinja2.DictLoader(sources), autoescape=autoescape)
        env.filters.update(filters)
        keep_compiled_templates(env, store)
        return env.get_template("page.html").render(title="<b>")

    assert render() == "<p>&lt;B&gt;</p>" and compiled == ["page.html"]
    assert render() == "<p>&lt;B&gt;</p>" and compiled == ["page.html"]  # taken from memory
    assert render(autoescape=False) == "<p><B></p>" and len(compiled) == 2
    render(shout=str.upper)
    assert len(compiled) == 3  # another set of filters
    sources["page.html"] = "<p>{{ title|lower }}</p>"
    assert render() == "<p>&lt;b&gt;</p>" and len(compiled) == 4  # the edited source
