"""Catalogue deep links: `[The Hobbit](isbn:9780261103344)` links to the library's catalogue.

Pelican glue only; the work happens in identifiers, links, html, citations and report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from markupsafe import Markup
from pelican import signals
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.paths import relative_path
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.sanitise import allow_link_schemes

from .citations import json_ld, mention
from .config import load_config
from .html import has_identifier_links, rewrite
from .identifiers import SCHEMES
from .report import CSV_NAME, links_csv

STATE_KEY = "SHELFCAST_CATALOGUE_STATE"
AUTOLINK_EXTENSION = "shelfcast_catalogue.autolinks"


@dataclass
class CatalogueState:
    """What one build learns: every content object that was given catalogue links."""

    contents: list = field(default_factory=list)


def initialize(pelican) -> None:
    settings = pelican.settings
    settings[STATE_KEY] = CatalogueState()
    add_autolinks(settings)
    # Identifier links survive the site kit's HTML sanitiser until link_content rewrites them.
    allow_link_schemes(settings, SCHEMES)
    load_config(settings)


def add_autolinks(settings: dict) -> None:
    """Add our Markdown extension, keeping the site's own (MARKDOWN replaces the defaults)."""
    markdown = dict(settings.get("MARKDOWN") or {})
    extensions = list(markdown.get("extensions") or [])
    if AUTOLINK_EXTENSION not in extensions:
        extensions.append(AUTOLINK_EXTENSION)
    markdown["extensions"] = extensions
    settings["MARKDOWN"] = markdown


def link_content(instance) -> None:
    """Rewrite one post, page or episode's identifier links; attach what it references."""
    settings = getattr(instance, "settings", None) or {}
    state = settings.get(STATE_KEY)
    content = getattr(instance, "_content", None)
    if state is None or not isinstance(content, str):
        return
    instance.catalogue_items = []
    instance.catalogue_mentions = []
    instance.catalogue_json_ld = ""
    summary = instance.metadata.get("summary")
    has_summary_links = isinstance(summary, str) and has_identifier_links(summary)
    if not has_identifier_links(content) and not has_summary_links:
        return
    config = load_config(settings)
    source_text, path = _source(instance)
    body = rewrite(content, config, source_text, path)
    log = problem_log(settings)
    log.extend(body.problems)
    instance._content = body.html
    items = list(body.items)
    if has_summary_links:
        short = rewrite(summary, config, source_text, path)
        log.extend(short.problems)
        instance.metadata["summary"] = instance._summary = short.html
        known = {item.link.uri for item in items}
        items += [item for item in short.items if item.link.uri not in known]
    instance.catalogue_items = items
    instance.catalogue_mentions = [mention(item) for item in items]
    instance.catalogue_json_ld = Markup(json_ld(
        schema_type(instance), instance.title, _absolute_url(instance, settings),
        instance.date.isoformat() if hasattr(instance, "date") else None, items))
    state.contents.append(instance)


def _source(instance) -> tuple[str, str]:
    try:
        with open(instance.source_path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError, TypeError):
        text = ""  # the reader has reported an unreadable file already
    return text, display_path(instance.source_path or "")


def schema_type(instance) -> str:
    """BlogPosting for posts, PodcastEpisode for episodes, WebPage for pages."""
    relative = relative_path(instance.source_path or "", instance.settings.get("PATH", ""))
    top = relative.replace(os.sep, "/").split("/")[0]
    # EPISODE_PATHS: the podcast plugin's folders (PODCAST["path"]), set when it initialises.
    if "Episode" in type(instance).__name__ or top in instance.settings.get("EPISODE_PATHS", ()):
        return "PodcastEpisode"
    return "WebPage" if type(instance).__name__ == "Page" else "BlogPosting"


def _absolute_url(instance, settings: dict) -> str:
    base = settings.get("SITE_ABSOLUTE_URL") or settings.get("SITEURL", "")
    return f"{base.rstrip('/')}/{instance.url}"


def stop_on_errors(generators) -> None:
    if generators:
        problem_log(generators[0].settings).raise_if_errors()


def write_links_csv(pelican) -> None:
    """output/catalogue-links.csv: every catalogue link of every published page."""
    state = pelican.settings.get(STATE_KEY)
    if state is None:
        return
    rows = []
    for instance in state.contents:
        if getattr(instance, "status", "published") != "published":
            continue
        page = instance.url if getattr(instance, "save_as", "") else display_path(
            instance.source_path)
        rows += [(page, item.identifier, item.link.url) for item in instance.catalogue_items]
    with open(os.path.join(pelican.output_path, CSV_NAME), "w", encoding="utf-8",
              newline="") as handle:
        handle.write(links_csv(rows))


def register() -> None:
    signals.initialized.connect(initialize)
    signals.content_object_init.connect(link_content)
    signals.all_generators_finalized.connect(stop_on_errors)
    signals.finalized.connect(write_links_csv)
