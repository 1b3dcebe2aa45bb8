"""Readers' comments moderated in git: content/comments/<post-slug>/*.yaml shown under the post,
escaped, threaded one level, paginated; an e-mail invitation instead of a form."""

from __future__ import annotations

from pelican import signals
from shelfcast_sitekit.resident import set_after_reading

from .generator import OPTIONS_KEY, CommentsGenerator
from .settings import COMMENTS_SETTINGS


def initialize(pelican) -> None:
    COMMENTS_SETTINGS.load(pelican.settings, OPTIONS_KEY)
    # What CommentsGenerator sets on every post (from its front matter, the comment files and,
    # for the mail link and the comments' JSON-LD, its title and URL): the preview's fast path
    # keeps them over a body edit.
    set_after_reading(pelican.settings, ("comments_open", "fediverse_thread", "comment_count",
                                         "comment_threads", "comment_page_urls",
                                         "comment_page_links"), from_title=False)
    set_after_reading(pelican.settings, ("comment_mailto", "comments_json_ld"),
                      from_title=True)


def get_generators(pelican):
    return CommentsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
