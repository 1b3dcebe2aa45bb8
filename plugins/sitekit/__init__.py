"""Site kit: YAML front matter, librarian-proof content checks, sitemap. Pelican glue only."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .boundaries import outside_links, sources_in_static_folders
from .clashes import url_clashes
from .documents import display_path
from .limits import SETTING, read_limits
from .outputcheck import check_xml_files
from .problems import problem_log
from .reader import FrontMatterMarkdownReader
from .settings import check_site_settings
from .sitemap import sitemap_xml

BUILD_KEY = "SHELFCAST_BUILD"


@dataclass
class BuildState:
    """What one build learns while writing: the HTML pages, for the sitemap."""

    pages: list = field(default_factory=list)


def initialize(pelican) -> None:
    settings = pelican.settings
    problem_log(settings)
    settings[BUILD_KEY] = BuildState()
    # Templates link with a relative SITEURL (RELATIVE_URLS); canonical and feed URLs need this.
    settings.setdefault("SITE_ABSOLUTE_URL", settings["SITEURL"])
    problems = check_site_settings(settings)
    settings[SETTING], limit_problems = read_limits(settings)
    # Before any reader or copier runs: nothing from outside content/ may be read or copied.
    problems += limit_problems + outside_links(settings["PATH"], display_path)
    problems += sources_in_static_folders(
        settings["PATH"], settings.get("STATIC_PATHS", []),
        settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", []), display_path)
    if problems:
        problem_log(settings).extend(problems)
        problem_log(settings).raise_if_errors()


def install_translations(generator) -> None:
    """Give templates a working _() until a language plugin installs real catalogues."""
    env = getattr(generator, "env", None)
    if env is not None and "gettext" not in env.globals:
        env.install_null_translations(newstyle=True)


def add_reader(readers) -> None:
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader


def check_clashes(generators) -> None:
    targets, settings = [], None
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items = generator.articles + generator.translations + generator.hidden_articles
        elif isinstance(generator, PagesGenerator):
            items = generator.pages + generator.translations + generator.hidden_pages
        else:
            continue
        settings = generator.settings
        targets += [(item.save_as, display_path(item.source_path)) for item in items]
    if settings is not None:
        log = problem_log(settings)
        log.extend(url_clashes(targets))
        log.raise_if_errors()


def record_page(path, context) -> None:
    state = context.get(BUILD_KEY)
    if state is None or not path.endswith(".html"):
        return
    item = context.get("article") or context.get("page") or context.get("episode")
    if item is not None and getattr(item, "status", "published") != "published":
        return
    changed = getattr(item, "modified", None) or getattr(item, "date", None)
    state.pages.append((path, changed))


def write_sitemap(pelican) -> None:
    settings, output = pelican.settings, pelican.output_path
    state = settings[BUILD_KEY]
    pages = [(os.path.relpath(path, output).replace(os.sep, "/"), changed)
             for path, changed in state.pages
             if os.path.basename(path) not in settings.get("SITEMAP_EXCLUDE", ("404.html",))]
    with open(os.path.join(output, "sitemap.xml"), "w", encoding="utf-8") as handle:
        handle.write(sitemap_xml(settings["SITE_ABSOLUTE_URL"], pages))


def check_output(pelican) -> None:
    log = problem_log(pelican.settings)
    log.extend(check_xml_files(pelican.output_path))
    log.raise_if_errors()


def register() -> None:
    signals.initialized.connect(initialize)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(install_translations)
    signals.all_generators_finalized.connect(check_clashes)
    signals.content_written.connect(record_page)
    signals.finalized.connect(write_sitemap)
    signals.finalized.connect(check_output)
