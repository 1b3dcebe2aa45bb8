"""Readers' comments moderated in git: content/comments/<post-slug>/*.yaml shown under the post,
escaped, threaded one level, paginated; an e-mail invitation instead of a form."""

from __future__ import annotations

from pelican import signals
from shelfcast_sitekit.resident import set_after_reading

from .generator import OPTIONS_KEY, CommentsGenerator, comment_mailto
from .settings import COMMENTS_SETTINGS


def initialize(pelican) -> None:
    COMMENTS_SETTINGS.load(pelican.settings, OPTIONS_KEY)
    # What CommentsGenerator sets on every post (from its front matter, the comment files and,
    # for the mail link, its title): the preview's fast path keeps them over a body edit and
    # makes the mail link again after a title edit.
    options = pelican.settings[OPTIONS_KEY]
    set_after_reading(pelican.settings, ("comments_open", "fediverse_thread", "comment_count",
                                         "comment_threads", "comment_page_urls",
                                         "comment_page_links", "comments_json_ld"))
    set_after_reading(pelican.settings, ("comment_mailto",),
                      remake=lambda post: setattr(post, "comment_mailto",
                                                  comment_mailto(post, options)))


def get_generators(pelican):
    return CommentsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
