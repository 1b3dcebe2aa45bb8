"""Publishing: host rules and redirect pages in every build (Pelican glue only).

The upload itself (`invoke publish`) lives in command.py, plan.py and targets/.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from shelfcast_sitekit.frontmatter import parse_yaml
from shelfcast_sitekit.paths import relative_path
from shelfcast_sitekit.problems import ContentProblem, problem_log

from .hostconfig import headers_file, htaccess_file, nginx_query_redirects
from .redirects import (
    Redirect,
    path_redirects,
    query_map,
    query_pages,
    query_redirects,
    read_aliases,
    redirect_clashes,
    redirects_file,
)
from .settings import read_publish_settings

BUILD_KEY = "SHELFCAST_PUBLISH_BUILD"
# The map the theme's query-redirects.js reads (old query -> new path), at the site's root.
QUERY_MAP = "query-redirects.json"
# Old addresses of tag pages, which have no front matter of their own: in content/, written
# by `invoke import-blogger` for the old label pages, editable like any content file.
TAG_ALIASES = "tag-aliases.yaml"


@dataclass
class BuildState:
    """One build's publish settings, redirects and the theme environment to render them."""

    settings: object
    redirects: list = field(default_factory=list)
    env: object = None


def initialize(pelican) -> None:
    publish, problems = read_publish_settings(pelican.settings)
    pelican.settings[BUILD_KEY] = BuildState(publish)
    log = problem_log(pelican.settings)
    log.extend(problems)
    log.raise_if_errors()


def collect_redirects(generators) -> None:
    settings = context = None
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items = generator.articles + generator.translations
        elif isinstance(generator, PagesGenerator):
            items = generator.pages + generator.translations
        elif callable(getattr(generator, "aliased_items", None)):
            # Another plugin's own content (podcast episodes) that may carry aliases: too.
            items = generator.aliased_items()
        else:
            continue
        settings, context = generator.settings, generator.context
        state = settings.get(BUILD_KEY)
        state.env = state.env or generator.env
        for item in items:
            state.redirects += _item_redirects(item, settings)
        if isinstance(generator, ArticlesGenerator):
            state.redirects += _tag_redirects(generator.tags, settings)
    if settings is not None:
        problem_log(settings).raise_if_errors()
        # Pages are written after this: the theme loads the script on these ones only.
        context["QUERY_REDIRECT_PAGES"] = query_pages(settings[BUILD_KEY].redirects)
        context["QUERY_REDIRECT_MAP"] = QUERY_MAP


def _item_redirects(item, settings) -> list[Redirect]:
    source = relative_path(item.source_path, os.path.dirname(settings["PATH"]))
    line = (getattr(item, "front_matter_lines", None) or {}).get("aliases")
    aliases, problems = read_aliases(getattr(item, "aliases", None), source, line)
    problem_log(settings).extend(problems)
    target = f"{settings['SITE_ABSOLUTE_URL']}/{item.url}"
    return [Redirect(source, line, alias, target, item.title) for alias in aliases]


def _tag_redirects(tags, settings) -> list[Redirect]:
    """Old addresses of tag pages (a Blogger blog's /search/label/X), from content/<TAG_ALIASES
    file>: `tag name: [old paths]`; a tag no post has is an error naming the line."""
    path = os.path.join(settings["PATH"], TAG_ALIASES)
    if not os.path.isfile(path):
        return []
    source = os.path.relpath(path, os.path.dirname(settings["PATH"]))
    with open(path, encoding="utf-8") as handle:
        document, problems = parse_yaml(source, handle.read())
    log = problem_log(settings)
    log.extend(problems)
    by_name = {tag.name: tag for tag in tags}
    redirects = []
    for name, value in (document.meta if document else {}).items():
        line = document.lines.get(name)
        tag = by_name.get(str(name))
        aliases, problems = read_aliases(value, source, line)
        if tag is None:
            problems.append(ContentProblem(source, line, str(name), "no post has this tag; "
                                           "remove the line or tag a post with it"))
        log.extend(problems)
        target = f"{settings['SITE_ABSOLUTE_URL']}/{tag.url}" if tag else ""
        redirects += [Redirect(source, line, alias, target, tag.name) for alias in aliases
                      if tag is not None]
    return redirects


def write_host_files(pelican) -> None:
    state = pelican.settings.get(BUILD_KEY)
    if state is None:
        return
    output = pelican.output_path
    # What a redirect's file could replace: asked only when an alias writes a file (a walk of
    # the whole output: 0.2 s of every build at 5,000 posts, with none).
    existing = {os.path.relpath(os.path.join(folder, name), output).replace(os.sep, "/")
                for folder, _dirs, files in os.walk(output) for name in files} \
        if any(not redirect.query for redirect in state.redirects) else set()
    log = problem_log(pelican.settings)
    # The search plugin writes its bundle folder after this; an alias may not take it.
    written_later = {pelican.settings.get("SEARCH_BUNDLE_DIR")} - {None}
    log.extend(redirect_clashes(state.redirects, existing | written_later))
    log.raise_if_errors()
    files = {}
    by_query = query_redirects(state.redirects)
    if state.settings.host_rules:
        files["_headers"] = headers_file()
        files[".htaccess"] = htaccess_file(_site_path(pelican.settings) + "/404.html", by_query)
        # GitHub Pages would otherwise run Jekyll and hide _headers and _redirects.
        files[".nojekyll"] = ""
    if state.redirects:
        files["_redirects"] = redirects_file(state.redirects)
        template = state.env.get_template("redirect.html")
        for redirect in path_redirects(state.redirects):
            files[redirect.save_as] = template.render(
                pelican.settings, title=redirect.title, target_url=redirect.target_url)
    if by_query:
        files[QUERY_MAP] = json.dumps(query_map(by_query, _site_path(pelican.settings)),
                                      separators=(",", ":"), sort_keys=True) + "\n"
    for relative, text in sorted(files.items()):
        _write(os.path.join(output, relative), text)
    _write_replacing(_nginx_path(pelican.settings, state.settings), nginx_query_redirects(by_query))


def _nginx_path(settings, publish) -> str:
    project = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.join(project, os.path.expanduser(publish.nginx_redirects))


def _site_path(settings) -> str:
    """'/library' for a site at https://example.org/library/, '' at a domain's root."""
    return urlsplit(settings["SITE_ABSOLUTE_URL"]).path.rstrip("/")


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _write_replacing(path: str, text: str) -> None:
    """nginx may be reloaded at any moment: it reads either the old file or the new one."""
    partial = path + ".partial"
    _write(partial, text)
    os.replace(partial, path)


def register() -> None:
    signals.initialized.connect(initialize)
    signals.all_generators_finalized.connect(collect_redirects)
    signals.finalized.connect(write_host_files)
