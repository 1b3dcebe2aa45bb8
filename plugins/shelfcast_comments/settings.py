"""The COMMENTS settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec, SitePath

COMMENTS_SETTINGS = SettingsSpec("COMMENTS", {
    # Folder under content/ with one folder per post (its slug), one YAML file per comment.
    "path": ("comments", SitePath(), "a folder name under content/, e.g. \"comments\""),
    # Readers send comments here; the library moderates and commits them. None: no invitation.
    "email": (None, (str, type(None)), "an e-mail address, or None"),
    # Threads per page: a post shows the first page; longer discussions continue on more pages.
    "per_page": (50, int, "a whole number of threads per page, e.g. 50"),
    # Longer comments are refused (a reader's letter, not a comment, or a pasted mistake).
    "max_length": (5000, int, "a whole number of characters, e.g. 5000"),
    # Archive mode: every post keeps its comments, no post invites new ones.
    "archive": (False, bool, "True or False"),
})
