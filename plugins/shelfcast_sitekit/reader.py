"""Pelican reader for Markdown with YAML front matter; the checking lives in documents.py."""

from __future__ import annotations

import os

from markdown import Markdown
from markdown.extensions.meta import MetaExtension
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag

from . import filechecks
from .documents import display_path, read_content_file
from .limits import TooSlow, limits_of, read_text_file, sitekit_option, time_limit, too_slow
from .paths import relative_path
from .problems import ContentProblem, problem_log
from .readcache import ReadCache, read_cache
from .sanitise import html_policy
from .schema import Schema, schema_for
from .slugs import named_slug

READ_CACHE_KEY = "read_cache"  # of SITEKIT
META_NAMES = ("meta", "markdown.extensions.meta", "markdown.extensions.meta:MetaExtension")


def markdown_options(configured: dict) -> dict:
    """The MARKDOWN settings without the `meta` extension.

    Front matter is YAML, read before Markdown sees the text. Pelican's default MARKDOWN (and
    its MarkdownReader, which adds it to any MARKDOWN a library sets) turns on `meta`, which
    swallows a first line that looks like `Note: closed Monday` as a field, so it vanishes
    from the page and the feeds.
    """
    options = dict(configured)
    options["extensions"] = [e for e in configured.get("extensions", []) if not _is_meta(e)]
    options["extension_configs"] = {name: config for name, config
                                    in configured.get("extension_configs", {}).items()
                                    if not _is_meta(name)}
    return options


def _is_meta(extension) -> bool:
    return isinstance(extension, MetaExtension) or extension in META_NAMES


FOLDER_KINDS_KEY = "SITEKIT_FOLDER_KINDS"


class ContentSkipped(Exception):
    """A file with errors: already reported in the problem log, so Pelican just skips it."""


class FrontMatterMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        content_root = self.settings["PATH"]
        kind = self._kind(relative_path(source_path, content_root))
        limits = self._limits()
        data, problems = read_text_file(source_path, display_path(source_path),
                                        limits["max_text_bytes"])
        if data is None:
            problem_log(self.settings).extend(problems)
            raise ContentSkipped(source_path)
        cache = self._read_cache()
        key = cache.key(source_path, kind, data) if cache else None
        result = cache.get(key, source_path, content_root,
                           html_policy(self.settings)) if cache else None
        if result is None:
            try:
                # The file system answers reading depends on go into the entry with it.
                with time_limit(limits["max_render_seconds"]), \
                        filechecks.recording() as answers:
                    result = read_content_file(data, source_path, content_root, kind,
                                               self._render, self._schema(),
                                               html_policy(self.settings), limits=limits)
            except TooSlow:
                problem_log(self.settings).add(too_slow(display_path(source_path),
                                                        limits["max_render_seconds"]))
                raise ContentSkipped(source_path) from None
            if cache:
                cache.put(key, answers, result, source_path)
        problem_log(self.settings).extend(result.problems)
        if not result.ok:
            raise ContentSkipped(source_path)
        return result.html, self._pelican_metadata(result)

    def _schema(self) -> Schema:
        """The build's content schema, collected once per reader from the PLUGINS."""
        if getattr(self, "_content_schema", None) is None:
            self._content_schema = schema_for(self.settings)
        return self._content_schema

    # The SITEKIT setting is read once per reader, not once per file: checking it cost
    # 0.3-0.5 ms a file under cProfile (1.4-2.5 s each of a 5,000-post build, docs/speed.md).
    # A reader lives for one build's settings
    # (the preview's fast path keeps it only while the settings file is unchanged).
    def _limits(self) -> dict:
        if getattr(self, "_build_limits", None) is None:
            self._build_limits = limits_of(self.settings)
        return self._build_limits

    def _read_cache(self) -> ReadCache | None:
        """The build's read cache (SITEKIT = {"read_cache": False} turns it off)."""
        if getattr(self, "_read_cache_on", None) is None:
            self._read_cache_on = bool(sitekit_option(self.settings, READ_CACHE_KEY))
        return read_cache(self.settings) if self._read_cache_on else None

    def _kind(self, relative_path: str) -> str:
        return kind_of(self.settings, relative_path)

    def _render(self, markdown_text: str) -> str:
        # One Markdown per reader, reset between texts: building one loads every extension
        # again, which took a fifth of the reading time.
        if getattr(self, "_markdown", None) is None:
            self._markdown = Markdown(**markdown_options(self.settings["MARKDOWN"]))
        else:
            self._markdown.reset()
        return self._markdown.convert(markdown_text)

    def _pelican_metadata(self, result) -> dict:
        meta = dict(result.extra)
        meta.update(result.meta)
        meta["front_matter_lines"] = result.lines
        if result.meta.get("authors"):
            meta["authors"] = [named_slug(Author(a, self.settings))
                               for a in result.meta["authors"]]
            meta["author"] = meta["authors"][0]
        meta["tags"] = [named_slug(Tag(t, self.settings)) for t in result.meta.get("tags", [])]
        if result.meta.get("category"):
            meta["category"] = named_slug(Category(result.meta["category"], self.settings))
        return meta


class NotMarkdownReader(MarkdownReader):
    """Refuses .html and .rst content: only Markdown goes through the HTML sanitiser."""

    enabled = True
    file_extensions = ["html", "htm", "rst"]

    def read(self, source_path):
        problem_log(self.settings).add(ContentProblem(display_path(source_path), None, None,
            "only Markdown files (.md) are read as posts and pages; rename the file to .md "
            "and write its text in Markdown (a few HTML tags are allowed, see README)"))
        raise ContentSkipped(source_path)


def kind_of(settings: dict, relative_path: str) -> str:
    """What a content file is read as: 'page' under PAGE_PATHS, 'episode' under
    EPISODE_PATHS (the podcast plugin sets it from PODCAST["path"]), a plugin's own kind for
    a folder it registered in FOLDER_KINDS (e.g. questions/ -> 'question'), else 'article'
    (a post). Part of the read cache's key (the check worker works keys out too: checkpool)."""
    top = relative_path.replace(os.sep, "/").split("/")[0]
    if top in (settings.get(FOLDER_KINDS_KEY) or {}):
        return settings[FOLDER_KINDS_KEY][top]
    if top in settings.get("PAGE_PATHS", ["pages"]):
        return "page"
    return "episode" if top in settings.get("EPISODE_PATHS", ()) else "article"
