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

    def error(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.path, self.lines.get(name), name, message))


def check_episode(path: str, meta: dict, lines: dict, show_folder: str
                  ) -> tuple[EpisodeFields, list[ContentProblem]]:
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
        check.error(name, f"{shorten(value)} does not exist in {_shown(folder)}/; {hint}")
        return None
    return os.path.relpath(path, folder).replace(os.sep, "/")


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
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        check.error(name, f"{shorten(value)} is not a number; write a whole number, e.g. {name}: 3")
        return None
    return value


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
    value = check.meta.get("persons")
    if value is None:
        return []
    example = "persons:\n  - {name: Karen Holm, role: host}"
    if not isinstance(value, list):
        check.error("persons", f"must be a list, e.g.\n{example}")
        return []
    persons = []
    for number, item in enumerate(value, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            check.error("persons", f"person {number} needs a name:, e.g.\n{example}")
            continue
        role = item.get("role", "host")
        href = item.get("href")
        if href is not None and not (isinstance(href, str) and href.startswith("http")):
            check.error("persons", f"person {number}: href {shorten(href)} must start with https://")
            href = None
        persons.append({"name": name.strip(), "role": str(role).strip().lower(), "href": href})
    return persons
