"""Content problems: collected as values during a build, reported together at the end."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field

from .cachefile import NotCacheable
from .messages import frames, translated

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # nothing wrong; worth a line in the build log (a post scheduled for later)
SEVERITIES = (ERROR, WARNING, NOTE)


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with one file, in words a librarian can act on."""

    path: str
    line: int | None
    field: str | None
    message: str
    severity: str = ERROR

    def to_json(self) -> list:
        return [self.path, self.line, self.field, self.message, self.severity]

    @classmethod
    def from_json(cls, data) -> ContentProblem:
        """A problem read back from a cache file; NotCacheable unless every part checks out."""
        if type(data) is not list or len(data) != 5:
            raise NotCacheable("not a problem")
        path, line, field_name, message, severity = data
        if not (type(path) is str and type(message) is str and severity in SEVERITIES
                and (line is None or (type(line) is int and line >= 0))
                and (field_name is None or type(field_name) is str)):
            raise NotCacheable("not a problem")
        return cls(path, line, field_name, message, severity)

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str | None = None) -> str:
        """The report line, its frame and (if our catalogue has it) message in `lang`."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.severity == ERROR else f"{frames(lang)[self.severity]}: "
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{subject}{translated(self.message, lang)}"


class ContentErrors(Exception):
    """Raised to stop a build once content errors are known; carries them for the report."""

    def __init__(self, problems: list[ContentProblem]):
        super().__init__(f"{len(problems)} content problem(s)")
        self.problems = problems


@dataclass
class ProblemLog:
    """Every problem of one build. Lives in the build's settings, never at module level."""

    problems: list[ContentProblem] = field(default_factory=list)

    def add(self, problem: ContentProblem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    def sitekit_fingerprint(self) -> str:
        """One log per build: a page that reads it (to add a problem) does not depend on it."""
        return "problem log"

    def errors(self) -> list[ContentProblem]:
        return sorted((p for p in self.problems if p.severity == ERROR), key=report_order)

    def warnings(self) -> list[ContentProblem]:
        return sorted((p for p in self.problems if p.severity == WARNING), key=report_order)

    def raise_if_errors(self) -> None:
        if self.errors():
            raise ContentErrors(self.errors())


SETTINGS_KEY = "SHELFCAST_PROBLEMS"


def problem_log(settings: dict) -> ProblemLog:
    """Return the build's problem log, creating it on first use."""
    log = settings.get(SETTINGS_KEY)
    if log is None:
        log = settings[SETTINGS_KEY] = ProblemLog()
    return log


def report_order(problem: ContentProblem) -> tuple:
    """By file, then line (a problem of the whole file first): None and 3 cannot be compared."""
    return (problem.path, problem.line or 0, problem.field or "", problem.message,
            problem.severity)


def format_report(problems: list[ContentProblem], lang: str | None = None) -> str:
    """Render problems one per line, sorted by file, errors counted at the end; in the site's
    language `lang` where shelfcast_sitekit.messages has the words."""
    lines = [p.text(lang) for p in sorted(problems, key=report_order)]
    errors = sum(1 for p in problems if p.severity == ERROR)
    if errors:
        lines.append(frames(lang)["summary"].format(count=errors))
    return "\n".join(lines)


def shorten(value, limit: int = 40) -> str:
    """Quote a value for a message, cut to `limit` characters: content may be megabytes long."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "\u2026"
        return repr(text)
    quoted = _short_repr().repr(value)
    return quoted if len(quoted) <= limit else quoted[: limit - 1] + "\u2026"


def _short_repr() -> reprlib.Repr:
    """A repr that stops after a few items and two levels, whatever the value's size."""
    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxtuple = short.maxlist = short.maxdict = short.maxset = 4
    short.maxstring = short.maxother = short.maxlong = 40
    return short


def line_of(needle: str, text: str, first_line: int = 1) -> int | None:
    """The line of text (numbered from first_line) where needle first stands, or None."""
    index = text.find(needle)
    return None if index < 0 else text[:index].count("\n") + first_line
