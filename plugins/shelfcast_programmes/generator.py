"""Pelican glue: read each programme folder, release lessons week by week, write its pages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pelican.contents import Page
from pelican.generators import Generator
from shelfcast_sitekit.clock import build_now
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.fetcher import ALLOW_LOCAL_SETTING
from shelfcast_sitekit.frontmatter import read_yaml_file
from shelfcast_sitekit.limits import limits_of
from shelfcast_sitekit.problems import NOTE, WARNING, ContentProblem, problem_log
from shelfcast_sitekit.reader import ContentSkipped

from .participants import fetch_all, opml
from .programme import read_participants, read_programme
from .release import released

OPTIONS_KEY = "SHELFCAST_PROGRAMMES"
# `invoke build --fetch-participants` sets this for one build.
FETCH_OVERRIDE = "FETCH_PARTICIPANTS"


@dataclass
class ProgrammeBuild:
    """One programme as this build sees it: its facts, released lessons, participants."""

    programme: object
    url: str
    lessons: list = field(default_factory=list)        # released, in order
    upcoming: list = field(default_factory=list)       # (thing, title, release date)
    schedule: list = field(default_factory=list)       # every lesson: (lesson or None, ...)
    participants: list = field(default_factory=list)
    remote_posts: dict = field(default_factory=dict)
    total: int = 0

    def sitekit_key(self) -> str:
        """Its address: every page's menu names the programme, few pages show its lessons
        (shelfcast_sitekit's page cache records which of its parts each page read)."""
        return "programme:" + self.url


class ProgrammesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.settings[OPTIONS_KEY]
        self.log = problem_log(self.settings)
        self.builds: list[ProgrammeBuild] = []

    def generate_context(self) -> None:
        root = os.path.join(self.path, self.options["path"])
        if os.path.isdir(root):
            for name in sorted(os.listdir(root)):
                folder = os.path.join(root, name)
                if os.path.isdir(folder) and not name.startswith((".", "_")):
                    self._read_programme(folder, name)
        self.log.raise_if_errors()
        self.context["programmes"] = self.builds

    def _read_programme(self, folder: str, slug: str) -> None:
        yaml_path = os.path.join(folder, "programme.yaml")
        shown = display_path(yaml_path)
        if not os.path.isfile(yaml_path):
            self.log.add(ContentProblem(display_path(folder) + "/", None, None,
                "a programme folder needs a programme.yaml (title, description, start, pace, "
                "licence, helpers); add one or move the folder out"))
            return
        text, problems = read_yaml_file(yaml_path, shown, limits_of(self.settings))
        if text is not None:
            programme, problems = read_programme(text, shown, slug)
        self.log.extend(problems)
        if text is None or programme is None:
            return
        build = ProgrammeBuild(programme, self.options["url"].format(programme=slug))
        lessons = self._read_lessons(folder)
        self._release(build, lessons)
        self._read_people(build, folder)
        self.builds.append(build)

    def _read_lessons(self, folder: str) -> list:
        lessons, seen = [], {}
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".md", ".markdown")):
                continue
            relative = os.path.relpath(os.path.join(folder, name), self.path)
            try:
                lesson = self.readers.read_file(base_path=self.path, path=relative,
                                                content_class=Page, context=self.context)
            except ContentSkipped:
                continue
            shown = display_path(lesson.source_path)
            line = (lesson.metadata.get("front_matter_lines") or {}).get("thing")
            thing = lesson.metadata["thing"]  # a whole number from 1: the schema checked it
            if thing in seen:
                self.log.add(ContentProblem(shown, line, "thing", f"{thing} is also the number "
                             f"of {seen[thing]}; give each lesson its own number"))
                continue
            seen[thing] = shown
            lesson.thing = thing
            lessons.append(lesson)
        return sorted(lessons, key=lambda lesson: lesson.thing)

    def _release(self, build: ProgrammeBuild, lessons: list) -> None:
        today = build_now(self.settings).date()
        programme = build.programme
        build.total = len(lessons)
        for lesson, (position, day, out) in zip(lessons, released(
                programme.start, programme.pace, len(lessons), today), strict=True):
            lesson.release_date, lesson.position = day, position
            if out and lesson.status == "published":
                lesson.override_url = f"{build.url}thing-{lesson.thing}.html"
                lesson.override_save_as = lesson.override_url
                build.lessons.append(lesson)
                self.add_source_path(lesson)
            else:
                build.upcoming.append(lesson)
                if lesson.status == "published":
                    self.log.add(ContentProblem(display_path(lesson.source_path), None, "thing",
                        f"thing {lesson.thing} is released on {day.isoformat()}; it is not "
                        "published before then", NOTE))
            build.schedule.append(lesson)
        for before, lesson, after in zip([None, *build.lessons], build.lessons,
                                         [*build.lessons[1:], None], strict=False):
            lesson.previous_lesson, lesson.next_lesson = before, after
            lesson.programme, lesson.programme_build = programme, build

    def _read_people(self, build: ProgrammeBuild, folder: str) -> None:
        path = os.path.join(folder, "participants.yaml")
        if not os.path.isfile(path):
            return
        text, problems = read_yaml_file(path, display_path(path), limits_of(self.settings))
        if text is not None:
            build.participants, problems = read_participants(text, display_path(path))
        self.log.extend(problems)
        wanted = self.options["fetch_participants"] or self.settings.get(FETCH_OVERRIDE)
        if wanted and build.participants:
            cache = os.path.join(self.settings.get("CACHE_PATH", ".cache"),
                                 self.options["cache_file"])
            build.remote_posts, warnings = fetch_all(
                build.participants, self.options["fetch_timeout"],
                self.options["posts_per_participant"], cache,
                allow_local=bool(self.settings.get(ALLOW_LOCAL_SETTING)))
            self.log.extend(ContentProblem(display_path(path), None, "feed", w, WARNING)
                            for w in warnings)

    def generate_output(self, writer) -> None:
        for build in self.builds:
            common = {"programme": build.programme, "programme_build": build,
                      "relative_urls": self.settings["RELATIVE_URLS"]}
            writer.write_file(f"{build.url}index.html", self.get_template("programme"),
                              self.context, url=build.url, **common)
            for lesson in build.lessons:
                writer.write_file(lesson.save_as, self.get_template("lesson"), self.context,
                                  lesson=lesson, page=lesson, url=lesson.url, **common)
            if build.lessons:
                writer.write_file(f"{build.url}all.html", self.get_template("programme_all"),
                                  self.context, url=f"{build.url}all.html", **common)
            if build.participants:
                writer.write_file(f"{build.url}participants.html",
                                  self.get_template("participants"), self.context,
                                  url=f"{build.url}participants.html", **common)
                target = os.path.join(self.output_path, build.url, "participants.opml")
                with open(target, "wb") as handle:
                    handle.write(opml(build.programme.title, build.participants))
