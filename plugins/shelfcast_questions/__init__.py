"""Ask a librarian: answered questions under content/questions/ as pages, by topic and age group,
with related questions, QAPage JSON-LD, an Atom feed of answers and an "Ask us" box."""

from __future__ import annotations

from pelican import signals
from shelfcast_sitekit.reader import FOLDER_KINDS_KEY

from .generator import OPTIONS_KEY, QuestionsGenerator
from .settings import QUESTIONS_SETTINGS


def initialize(pelican) -> None:
    settings = pelican.settings
    options = QUESTIONS_SETTINGS.load(settings, OPTIONS_KEY)
    folder = options["path"].strip("/")
    # The site kit reads questions/ with a question's own fields (question: is the title).
    settings[FOLDER_KINDS_KEY] = {**(settings.get(FOLDER_KINDS_KEY) or {}), folder: "question"}
    url = options["url"].strip("/") + "/{slug}.html"
    for key in ("QUESTION_URL", "QUESTION_SAVE_AS"):
        settings.setdefault(key, url)
    for key in ("QUESTION_LANG_URL", "QUESTION_LANG_SAVE_AS"):
        settings.setdefault(key, url.replace("{slug}", "{slug}-{lang}"))


def get_generators(pelican):
    return QuestionsGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
