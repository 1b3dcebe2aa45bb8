"""An episode's own front matter fields (audio, guid, chapters...), checked as plain data.

The site kit has already checked title, date, summary, status and image; this module checks
the fields only episodes have and says, for each mistake, what to write instead.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from sitekit.fields import CORE_FIELDS
from sitekit.problems import WARNING, ContentProblem, shorten

from .audio import Chapter
from .chapters import read_chapters
from .persons import read_persons
from .transcripts import MIME_TYPES

EPISODE_TYPES = ("full", "trailer", "bonus")
EPISODE_FIELDS = {"audio", "guid", "episode", "season", "episode_type", "explicit", "transcript",
                  "chapters", "persons"}


@dataclass
class EpisodeFields:
    audio: str | None = None            # path relative to the show folder
    guid: str | None = None
    episode: int | None = None
    season: int | None = None
    episode_type: str = "full"
    explicit: bool | None = None
    transcript: str | None = None       # path relative to the show folder
    chapters: list[Chapter] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)


class EpisodeChecker:
    def __init__(self, path: str, meta: dict, lines: dict):
        self.path, self.meta, self.lines = path, meta, lines
        self.problems: list[ContentProblem] = []

    def error(self, name: str, message: str, severity: str = "error") -> None:
        self.problems.append(ContentProblem(self.path, self.lines.get(name), name, message,
                                            severity))


def check_episode(path: str, meta: dict, lines: dict, show_folder: str,
                  show_type: str = "episodic") -> tuple[EpisodeFields, list[ContentProblem]]:
    """Check the episode fields of one file's metadata; paths resolve in show_folder."""
    check = EpisodeChecker(path, meta, lines)
    fields = EpisodeFields()
    fields.audio = _file(check, "audio", show_folder, required=True,
                         hint="put the audio file in the show's audio/ folder and write e.g. "
                              "audio: audio/episode-1.mp3")
    fields.transcript = _transcript(check, show_folder)
    fields.guid = _guid(check)
    fields.episode = _number(check, "episode")
    fields.season = _number(check, "season")
    fields.episode_type = _episode_type(check)
    _numbering(check, fields, show_type)
    fields.explicit = _explicit(check)
    fields.persons = _persons(check)
    if meta.get("chapters") is not None:
        fields.chapters, errors = read_chapters(meta["chapters"])
        for message in errors:
            check.error("chapters", message)
    _unknown_fields(check)
    return fields, check.problems


def _unknown_fields(check: EpisodeChecker) -> None:
    """Warn about misspelt episode fields (the site kit already covers the shared ones)."""
    for name in check.lines:
        if name in EPISODE_FIELDS or name in CORE_FIELDS:
            continue
        close = difflib.get_close_matches(name, sorted(EPISODE_FIELDS), n=1, cutoff=0.7)
        if close:
            check.problems.append(ContentProblem(check.path, check.lines[name], name,
                f"unknown field; did you mean '{close[0]}'?", WARNING))


def _file(check: EpisodeChecker, name: str, folder: str, required: bool, hint: str):
    value = check.meta.get(name)
    if value is None:
        if required:
            check.error(name, f"missing; {hint}")
        return None
    if not isinstance(value, str) or not value.strip():
        check.error(name, f"must be a file name; {hint}")
        return None
    folder = os.path.abspath(folder)
    path = os.path.normpath(os.path.join(folder, value.strip()))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path):
        meant = closest_file(folder, value.strip())
        guess = f"did you mean {meant!r}? Otherwise " if meant else ""
        check.error(name, f"{shorten(value)} does not exist in {_shown(folder)}/; {guess}{hint}")
        return None
    return os.path.relpath(path, folder).replace(os.sep, "/")


def closest_file(folder: str, wanted: str) -> str | None:
    """The show's file (in its audio/ folder, or where `wanted` points) named most like
    `wanted`, as a path relative to the show folder: the spelling the librarian meant."""
    places = {"audio", os.path.dirname(wanted.replace("\\", "/"))}
    names = {}
    for place in sorted(places):
        where = os.path.normpath(os.path.join(folder, place))
        if (where == folder or where.startswith(folder + os.sep)) and os.path.isdir(where):
            for name in sorted(os.listdir(where)):
                if os.path.isfile(os.path.join(where, name)):
                    names.setdefault(name, os.path.relpath(os.path.join(where, name), folder))
    close = difflib.get_close_matches(os.path.basename(wanted), list(names), n=1, cutoff=0.6)
    return names[close[0]].replace(os.sep, "/") if close else None


def _shown(folder: str) -> str:
    relative = os.path.relpath(folder)
    return folder if relative.startswith("..") else relative.replace(os.sep, "/")


def _transcript(check: EpisodeChecker, folder: str) -> str | None:
    hint = "write the path of a .vtt or .srt file, e.g. transcript: audio/episode-1.vtt"
    found = _file(check, "transcript", folder, required=False, hint=hint)
    if found and os.path.splitext(found)[1].lower() not in MIME_TYPES:
        check.error("transcript", f"{shorten(found)} is not a .vtt or .srt file; {hint}")
        return None
    return found


def _guid(check: EpisodeChecker) -> str | None:
    value = check.meta.get("guid")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        check.error("guid", "must be text; keep the guid exactly as it was first published")
        return None
    return str(value).strip()


def _number(check: EpisodeChecker, name: str) -> int | None:
    value = check.meta.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        check.error(name, f"{shorten(value)} is not a number; write a whole number, e.g. {name}: 3")
        return None
    if value < 1:
        check.error(name, f"numbers start at 1 (Apple Podcasts refuses {name} {value}); write "
                    f"{name}: 1 or remove the line")
        return None
    return value


def _numbering(check: EpisodeChecker, fields: EpisodeFields, show_type: str) -> None:
    """Serial shows are listened to in order: apps sort them by episode number."""
    if fields.episode_type == "trailer" and fields.episode is not None:
        check.error("episode", f"a trailer with episode: {fields.episode} is shown by Apple "
                    f"Podcasts as the teaser of episode {fields.episode}; remove the episode: "
                    "line unless that is what you mean", WARNING)
    if (show_type == "serial" and fields.episode is None and fields.episode_type == "full"
            and "episode" not in check.lines):
        check.problems.append(ContentProblem(check.path, None, "episode",
            "missing; the show is serial (type: serial in show.yaml), so apps play its "
            "episodes in order by number: add e.g. episode: 1"))


def _episode_type(check: EpisodeChecker) -> str:
    value = check.meta.get("episode_type", "full")
    if value not in EPISODE_TYPES:
        check.error("episode_type", f"{shorten(value)} is not an episode type; write full, trailer "
                    "or bonus")
        return "full"
    return value


def _explicit(check: EpisodeChecker) -> bool | None:
    value = check.meta.get("explicit")
    if value is not None and not isinstance(value, bool):
        check.error("explicit", f"must be true or false, not {shorten(value)}")
        return None
    return value


def _persons(check: EpisodeChecker) -> list[dict]:
    persons, problems = read_persons(check.meta.get("persons"))
    for message in problems:
        check.error("persons", message)
    return persons
