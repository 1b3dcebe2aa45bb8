"""Site kit: YAML front matter, librarian-proof content checks, sitemap. Pelican glue only."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from . import contenturls, handback, pagecache, renderpool
from .activefiles import active_file_problem
from .boundaries import outside_links, sources_in_static_folders
from .clashes import url_clashes
from .documents import display_path
from .limits import BLOCK, SETTING
from .outputcheck import check_xml_files
from .paths import relative_path
from .pictures import limit_decoding
from .pluginsettings import every_block_problem, read_block
from .problems import NOTE, ContentProblem, problem_log
from .readcache import RESIDENT_KEY
from .reader import FrontMatterMarkdownReader, NotMarkdownReader
from .sanitise import build_policy
from .settingmoves import MOVES_KEY
from .settings import PREVIEW_KEY, check_site_settings, draft_locations, feed_domain
from .sitemap import sitemap_xml
from .templatecode import keep_compiled_templates
from .urls import safe_url, url_path

BUILD_KEY = "SHELFCAST_BUILD"


@dataclass
class BuildState:
    """What one build learns while writing: the HTML pages, for the sitemap."""

    pages: list = field(default_factory=list)


def initialize(pelican) -> None:
    settings = pelican.settings
    problem_log(settings)
    settings[BUILD_KEY] = BuildState()
    pagecache.start(settings)
    # Templates link with a relative SITEURL (RELATIVE_URLS); canonical and feed URLs need this.
    settings.setdefault("SITE_ABSOLUTE_URL", settings["SITEURL"])
    settings["FEED_DOMAIN"] = feed_domain(settings.get("FEED_DOMAIN"),
                                          settings["SITE_ABSOLUTE_URL"])
    problems = check_site_settings(settings) + build_policy(settings)[1]
    problems += every_block_problem(settings)
    problems += [ContentProblem(*moved) for moved in settings.get(MOVES_KEY, [])]
    # The whole checked block stays (its build options and html_allow are read later too).
    settings[SETTING], limit_problems = read_block(BLOCK, settings)
    limit_decoding(settings[SETTING]["max_image_pixels"])
    # Before any reader or copier runs: nothing from outside content/ may be read or copied.
    problems += limit_problems + outside_links(settings["PATH"], display_path)
    problems += sources_in_static_folders(
        settings["PATH"], settings.get("STATIC_PATHS", []),
        settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", []), display_path)
    if problems:
        problem_log(settings).extend(problems)
        problem_log(settings).raise_if_errors()
    # Set here, whatever the settings file says, so that only a preview ever writes a draft.
    settings.update(draft_locations(settings.get(PREVIEW_KEY, False)))


def mark_unpublished(generator) -> None:
    """Tell each draft's template why it is one; name each scheduled post in the build log.

    Pelican makes a post dated in the future a draft (WITH_FUTURE_DATES = False); its front
    matter still says it is to be published, which is what tells the two apart.
    """
    names = (("drafts", "drafts_translations") if isinstance(generator, ArticlesGenerator)
             else ("draft_pages", "draft_translations"))
    preview = generator.settings.get(PREVIEW_KEY, False)
    for item in [item for name in names for item in getattr(generator, name, [])]:
        scheduled = item.metadata.get("status", "published") != "draft"
        item.preview_state = "scheduled" if scheduled else "draft"
        if scheduled:
            problem_log(generator.settings).add(_scheduled_note(item, preview))


def _when(date) -> str:
    """A date as the librarian wrote it: with the time only when one was given."""
    return f"{date:%Y-%m-%d}" if (date.hour, date.minute) == (0, 0) else f"{date:%Y-%m-%d %H:%M}"


def _scheduled_note(item, preview: bool) -> ContentProblem:
    where = f"the preview shows it at {item.url}" if preview else "this build leaves it out"
    line = (item.metadata.get("front_matter_lines") or {}).get("date")
    return ContentProblem(display_path(item.source_path), line, "date",
        f"scheduled for {_when(item.date)}: the first build after that time publishes "
        f"it; {where}", NOTE)


def escape_by_default(generator) -> None:
    """Every template escapes what it prints unless it is marked safe (issue 11).

    Content is written by people outside the library; a title like `<img onerror=...>`
    must show as text on every page, whatever JINJA_ENVIRONMENT a library's settings hold.
    """
    env = getattr(generator, "env", None)
    if env is not None:
        env.autoescape = True
        env.filters["safe_url"] = safe_url
        env.filters["url_path"] = url_path


def keep_templates(generator) -> None:
    """In `make serve`'s session, templates compiled by one build serve the next ones
    (templatecode.py)."""
    env = getattr(generator, "env", None)
    if env is not None:
        keep_compiled_templates(env, getattr(generator.settings.get(RESIDENT_KEY), "templates",
                                             None))


def install_translations(generator) -> None:
    """Give templates a working _() until a language plugin installs real catalogues."""
    env = getattr(generator, "env", None)
    if env is not None and "gettext" not in env.globals:
        env.install_null_translations(newstyle=True)


def add_reader(readers) -> None:
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader
    # Pelican's HTML and reStructuredText readers would publish bodies nobody sanitised.
    for extension in NotMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NotMarkdownReader


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


def check_static_files(generators) -> None:
    """Refuse pages, scripts and scripted SVGs in static folders (they are copied as-is)."""
    for generator in generators:
        if not isinstance(generator, StaticGenerator):
            continue
        found = [active_file_problem(item.source_path, display_path(item.source_path))
                 for item in generator.staticfiles]
        log = problem_log(generator.settings)
        log.extend(p for p in found if p is not None)
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
    pages = [(relative_path(path, output).replace(os.sep, "/"), changed)
             for path, changed in state.pages
             if os.path.basename(path) not in settings.get("SITEMAP_EXCLUDE", ("404.html",))]
    with open(os.path.join(output, "sitemap.xml"), "w", encoding="utf-8") as handle:
        handle.write(sitemap_xml(settings["SITE_ABSOLUTE_URL"], pages))


def check_output(pelican) -> None:
    log = problem_log(pelican.settings)
    log.extend(check_xml_files(pelican.output_path))
    log.raise_if_errors()


def remember_content(instance) -> None:
    contenturls.remember_urls(instance)
    cache = pagecache.page_cache(instance.settings)
    if cache is not None:
        cache.add_content(instance)


def page_cache_writer(pelican):
    # Pelican asks for its writer once, when every post's context and links are complete:
    # the moment to fork the render workers (shelfcast_sitekit.renderpool).
    renderpool.start(pelican.settings)
    return pagecache.PageCacheWriter


def stop_render_workers(pelican) -> None:
    renderpool.stop(pelican.settings)


def register() -> None:
    signals.initialized.connect(initialize)
    signals.content_object_init.connect(remember_content)
    signals.get_writer.connect(page_cache_writer)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(escape_by_default)
    signals.generator_init.connect(install_translations)
    signals.generator_init.connect(keep_templates)
    signals.generator_init.connect(handback.install)
    signals.article_generator_finalized.connect(mark_unpublished)
    signals.page_generator_finalized.connect(mark_unpublished)
    signals.all_generators_finalized.connect(check_clashes)
    signals.all_generators_finalized.connect(check_static_files)
    signals.all_generators_finalized.connect(renderpool.remember_generators)
    signals.content_written.connect(record_page)
    signals.finalized.connect(stop_render_workers)
    signals.finalized.connect(write_sitemap)
    signals.finalized.connect(check_output)
