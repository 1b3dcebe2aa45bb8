"""Archive mode: a section, a programme or the whole site marked closed, its pages kept.

Each of its pages says so, its feeds stay but say that no new items are expected, it invites
no one to subscribe, and the menu lists it under "Archive" rather than the main navigation.
"""

from __future__ import annotations

import os

from jinja2 import pass_context
from lxml import etree
from pelican import signals
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.resident import finish_written_feeds

from .closed import WHOLE_SITE, closed_for, read_archive

STATE_KEY = "SHELFCAST_ARCHIVE"


def initialize(pelican) -> None:
    archive, problems = read_archive(pelican.settings)
    log = problem_log(pelican.settings)
    log.extend(problems)
    log.raise_if_errors()
    pelican.settings[STATE_KEY] = archive
    finish_written_feeds(pelican.settings, mark_feed_written)


def closed_part(settings: dict, section: str | None = None, programme: str | None = None):
    """Public: the Closed entry covering a section or programme, or None (for other plugins).

    Reads CLOSED_PARTS itself when this plugin is not loaded, so callers need no order.
    """
    archive = settings.get(STATE_KEY)
    if archive is None:
        archive, _problems = read_archive(settings)
    return closed_for(archive, section, programme)


@pass_context
def archive_notice(context):
    """Global: the Closed entry covering the page being written, or None."""
    archive = context.get(STATE_KEY) or {}
    if not archive:
        return None
    item = context.get("article")
    # Through the environment, as a template reads it: the page cache records the read.
    category = (context.environment.getattr(item, "category") if item is not None else None) \
        or context.get("category")
    section = getattr(category, "slug", None) if category is not None else None
    build = context.get("programme_build")
    programme = getattr(getattr(build, "programme", None), "slug", None)
    return closed_for(archive, section, programme)


def install(generator) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["archive_notice"] = archive_notice
        env.globals["archived_parts"] = generator.settings.get(STATE_KEY) or {}


FEED_PATTERNS = ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS")


def mark_feeds(pelican) -> None:
    """Closed sections' feeds (and every feed of a closed site) say no new items will come."""
    for relative, closed in _closed_feeds(pelican.settings):
        path = os.path.join(pelican.output_path, relative)
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                data = handle.read()
            with open(path, "wb") as handle:
                handle.write(mark_feed(data, closed.note))


def mark_feed_written(settings: dict, relative: str, data: bytes) -> bytes:
    """A feed the preview's fast path writes again, marked as mark_feeds marks it."""
    for target, closed in _closed_feeds(settings):
        if os.path.normpath(target) == os.path.normpath(relative):
            data = mark_feed(data, closed.note)
    return data


def _closed_feeds(settings: dict) -> list:
    """(feed path under output/, Closed) for each feed mark_feeds marks."""
    archive = settings.get(STATE_KEY) or {}
    targets = []
    for key, closed in archive.items():
        if key == WHOLE_SITE:
            for setting in ("FEED_ALL_ATOM", "FEED_ALL_RSS"):
                if settings.get(setting):
                    targets.append((settings[setting], closed))
        for setting in FEED_PATTERNS:
            pattern = settings.get(setting)
            if pattern and "/" not in key:
                targets.append((pattern.format(slug=key), closed))
    return targets


ATOM = "{http://www.w3.org/2005/Atom}"


def mark_feed(data: bytes, note: str) -> bytes:
    """Put the archive note in a feed's subtitle (Atom) or channel description (RSS)."""
    root = etree.fromstring(data)
    text = f"Archive, no new items expected: {note}"
    if root.tag == f"{ATOM}feed":
        subtitle = root.find(f"{ATOM}subtitle")
        if subtitle is None:
            subtitle = etree.Element(f"{ATOM}subtitle")
            title = root.find(f"{ATOM}title")
            root.insert(list(root).index(title) + 1 if title is not None else 0, subtitle)
        subtitle.text = text
    else:
        channel = root.find("channel")
        description = channel.find("description")
        if description is None:
            description = etree.SubElement(channel, "description")
        description.text = text
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def register() -> None:
    signals.initialized.connect(initialize)
    signals.generator_init.connect(install)
    signals.finalized.connect(mark_feeds)
