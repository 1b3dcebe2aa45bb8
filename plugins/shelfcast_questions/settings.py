"""The QUESTIONS settings dict."""

from __future__ import annotations

from sitekit.pluginsettings import SettingsSpec, SitePath, WebAddress

OPTIONAL_TEXT = (str, type(None))

QUESTIONS_SETTINGS = SettingsSpec("QUESTIONS", {
    # Folder under content/ with one Markdown file per answered question.
    "path": ("questions", SitePath(), "a folder name under content/, e.g. \"questions\""),
    # Folder of the pages in output/: questions/, questions/topic/<topic>/, questions/age/...
    "url": ("questions", SitePath(), "a folder name, e.g. \"questions\""),
    "feed_save_as": ("feeds/questions.atom.xml", SitePath(),
                     "a file name, e.g. \"feeds/q.atom.xml\""),
    "related": (3, int, "a whole number of related questions per question, e.g. 3"),
    # The "Ask us" box points at the library's own channels; the site collects nothing.
    "ask_email": (None, OPTIONAL_TEXT, "an e-mail address, or None"),
    "ask_form_url": (None, WebAddress(), "the https:// address of a form, or None"),
    "ask_chat_url": (None, WebAddress(), "the https:// address of a chat service, or None"),
})
