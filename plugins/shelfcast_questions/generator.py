"""Pelican glue: read content/questions/, check them, write question, topic and age pages."""

from __future__ import annotations

import os

from lxml import html
from markupsafe import Markup
from pelican.generators import Generator
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.reader import ContentSkipped
from shelfcast_sitekit.slugs import word_slug

from .model import AGE_GROUPS, Question, check_question
from .related import by_age_group, by_topic, most_asked, related
from .schema import qa_page_json_ld


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "extract, translate later")
    """Mark a feed title for the catalogue; the writer names feeds in the site's language."""
    return message

OPTIONS_KEY = "SHELFCAST_QUESTIONS"
# Topics in the menu of a topic or age page (the questions index lists them all).
TOPICS_ON_EACH_PAGE = 30


class QuestionsGenerator(Generator):
    """Reads questions in generate_context; writes every page and the feed in generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.settings[OPTIONS_KEY]
        self.questions: list[Question] = []

    def generate_context(self) -> None:
        for relative in sorted(self.get_files([self.options["path"]], extensions=("md",))):
            self._read(relative)
        problem_log(self.settings).raise_if_errors()
        self.questions.sort(key=lambda q: (q.date, q.slug), reverse=True)
        site = self.settings["SITE_ABSOLUTE_URL"]
        for question in self.questions:
            question.related = related(question, self.questions, self.options["related"])
            question.qa_json_ld = self._json_ld(question, site)
        self.context["questions_url"] = self._url("")
        self.context["ask_us"] = self.options

    def _read(self, relative: str) -> None:
        try:
            question = self.readers.read_file(base_path=self.path, path=relative,
                                              content_class=Question, context=self.context)
        except ContentSkipped:
            return
        if question.status != "published":
            return
        shown = display_path(question.source_path)
        lines = question.metadata.get("front_matter_lines") or {}
        fields, problems = check_question(shown, _own_fields(question.metadata), lines)
        problem_log(self.settings).extend(problems)
        if fields is None:
            return
        if "slug" not in question.metadata:
            # The file name, not the whole question, so that the address stays short.
            question.slug = os.path.splitext(os.path.basename(relative))[0]
        question.fields = fields
        question.answer_html = Markup(question.content)  # the librarian's rendered Markdown
        question.topic_links = [(t, self._url(f"topic/{word_slug(t)}/")) for t in fields.topics]
        question.age_group_url = self._url(f"age/{AGE_GROUPS[fields.age_group]}/")
        self.add_source_path(question)
        self.questions.append(question)

    def _json_ld(self, question: Question, site: str) -> dict:
        library = {"@type": "Library", "name": self.settings["SITENAME"], "url": f"{site}/"}
        text = html.fromstring(f"<div>{question.content}</div>").text_content().strip()
        return qa_page_json_ld(str(question.title), text, f"{site}/{question.url}",
                               question.date.isoformat(), question.fields.asked_by,
                               question.fields.answered_by, library,
                               [f"{site}/{other.url}" for other in question.related])

    def _url(self, page: str) -> str:
        return f"{self.options['url'].strip('/')}/{page}"

    def generate_output(self, writer) -> None:
        if not self.questions:
            return
        topics = by_topic(self.questions)
        ages = by_age_group(self.questions, list(AGE_GROUPS))
        groups = {"topics": [(name, self._url(f"topic/{key}/"), len(items))
                             for key, (name, items) in topics.items()],
                  "ages": [(group, self._url(f"age/{AGE_GROUPS[group]}/"), len(items))
                           for group, items in ages.items()]}
        self._listing(writer, "", "all", self.questions, groups)
        # The index lists every topic; the other pages the most asked about, so that the
        # pages grow with the number of topics, not with its square.
        fewer = {**groups, "topics": most_asked(groups["topics"], TOPICS_ON_EACH_PAGE)}
        for key, (name, items) in topics.items():
            self._listing(writer, f"topic/{key}/", "topic", items, fewer, topic=name)
        for group, items in ages.items():
            self._listing(writer, f"age/{AGE_GROUPS[group]}/", "age", items, fewer,
                          age_group=group)
        for question in self.questions:
            writer.write_file(question.save_as, self.get_template("question"), self.context,
                              question=question, relative_urls=self.settings["RELATIVE_URLS"],
                              url=question.url)
        writer.write_feed(self.questions, self.context, self.options["feed_save_as"],
                          feed_title=N_("Questions answered"))

    def _listing(self, writer, page, kind, listed, groups, **extra) -> None:
        url = self._url(page)
        writer.write_file(url + "index.html", self.get_template("questions"), self.context,
                          questions_kind=kind, listed=listed, groups=groups, page_url=url,
                          relative_urls=self.settings["RELATIVE_URLS"], url=url, **extra)


def _own_fields(metadata: dict) -> dict:
    """The front matter as written (Pelican adds parsed values and bookkeeping of its own)."""
    skip = {"front_matter_lines", "tags", "category", "authors", "author", "date", "modified",
            "slug", "status", "lang", "summary", "title"}
    return {k: v for k, v in metadata.items() if k not in skip}
