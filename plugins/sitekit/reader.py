"""Pelican reader for Markdown with YAML front matter; the checking lives in documents.py."""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag

from .documents import display_path, read_content_file
from .limits import TooSlow, limits_of, read_text_file, time_limit, too_slow
from .problems import problem_log


class ContentSkipped(Exception):
    """A file with errors: already reported in the problem log, so Pelican just skips it."""


class FrontMatterMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        content_root = self.settings["PATH"]
        kind = self._kind(os.path.relpath(source_path, content_root))
        limits = limits_of(self.settings)
        data, problems = read_text_file(source_path, display_path(source_path),
                                        limits["max_text_bytes"])
        if data is None:
            problem_log(self.settings).extend(problems)
            raise ContentSkipped(source_path)
        try:
            with time_limit(limits["max_render_seconds"]):
                result = read_content_file(data, source_path, content_root, kind, self._render,
                                           limits=limits)
        except TooSlow:
            problem_log(self.settings).add(too_slow(display_path(source_path),
                                                    limits["max_render_seconds"]))
            raise ContentSkipped(source_path) from None
        problem_log(self.settings).extend(result.problems)
        if not result.ok:
            raise ContentSkipped(source_path)
        return result.html, self._pelican_metadata(result)

    def _kind(self, relative_path: str) -> str:
        """'page' under PAGE_PATHS, 'episode' under podcasts/, else 'article' (a post)."""
        top = relative_path.replace(os.sep, "/").split("/")[0]
        if top in self.settings.get("PAGE_PATHS", ["pages"]):
            return "page"
        return "episode" if top == "podcasts" else "article"

    def _render(self, markdown_text: str) -> str:
        self._md = Markdown(**self.settings["MARKDOWN"])
        return self._md.convert(markdown_text)

    def _pelican_metadata(self, result) -> dict:
        meta = dict(result.extra)
        meta.update(result.meta)
        meta["front_matter_lines"] = result.lines
        if result.meta.get("authors"):
            meta["authors"] = [Author(a, self.settings) for a in result.meta["authors"]]
            meta["author"] = meta["authors"][0]
        meta["tags"] = [Tag(t, self.settings) for t in result.meta.get("tags", [])]
        if result.meta.get("category"):
            meta["category"] = Category(result.meta["category"], self.settings)
        return meta
