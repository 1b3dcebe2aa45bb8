"""An episode's own front matter fields (audio, guid, chapters...), checked as plain data.

The site kit has already checked title, date, summary, status and image; this module checks
the fields only episodes have and says, for each mistake, what to write instead.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

from shelfcast_sitekit.problems import WARNING, ContentProblem, shorten
from shelfcast_sitekit.urls import safe_url

from .audio import Chapter
from .chapters import read_chapters
from .persons import checked_persons
from .transcripts import MIME_TYPES

EPISODE_TYPES = ("full", "trailer", "bonus")
# Audio hosted elsewhere (an imported podcast keeps its old host): the enclosure as given.
HOSTED_HINT = ("for audio hosted elsewhere write audio_url: https://..., audio_length: <bytes> "
               "and audio_type: audio/mpeg (as the old feed's enclosure says)")
DURATION = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+)$")


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
    audio_url: str | None = None        # hosted elsewhere: no file is read
    audio_length: int | None = None
    audio_type: str | None = None
    duration: int | None = None         # seconds, from front matter (hosted audio)
    fediverse_thread: str | None = None  # the episode's post on Mastodon: podcast:socialInteract


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
    if meta.get("audio_url") is not None and meta.get("audio") is None:
        _hosted(check, fields)
    else:
        fields.audio = _file(check, "audio", show_folder, required=True,
                             hint="put the audio file in the show's audio/ folder and write "
                                  "e.g. audio: audio/episode-1.mp3; " + HOSTED_HINT)
        if meta.get("audio_url") is not None:
            check.error("audio_url", "an episode has one audio: remove audio_url: or audio:")
    fields.transcript = _transcript(check, show_folder)
    fields.guid = _guid(check)
    fields.episode = _number(check, "episode")
    fields.season = _number(check, "season")
    fields.episode_type = _episode_type(check)
    _numbering(check, fields, show_type)
    fields.explicit = _explicit(check)
    fields.persons = checked_persons(check)
    fields.fediverse_thread = _fediverse_thread(check)
    if meta.get("chapters") is not None:
        fields.chapters, errors = read_chapters(meta["chapters"])
        for message in errors:
            check.error("chapters", message)
    return fields, check.problems


def _hosted(check: EpisodeChecker, fields: EpisodeFields) -> None:
    """Externally hosted audio: the enclosure's address, length and type from front matter."""
    url = check.meta.get("audio_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or any(
            c.isspace() for c in url):
        check.error("audio_url", f"{url!r} is not a web address; {HOSTED_HINT}")
    else:
        fields.audio_url = url
    length = check.meta.get("audio_length")
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        check.error("audio_length", f"{'missing' if length is None else repr(length)}: the "
                    "file's size in bytes is required, as the old feed's enclosure length")
    else:
        fields.audio_length = length
    kind = check.meta.get("audio_type")
    if not isinstance(kind, str) or not kind.startswith(("audio/", "video/")):
        check.error("audio_type", f"{'missing' if kind is None else repr(kind)}: write the "
                    "enclosure's type, e.g. audio_type: audio/mpeg")
    else:
        fields.audio_type = kind
    fields.duration = _duration(check)


def _duration(check: EpisodeChecker) -> int | None:
    value = check.meta.get("duration")
    if value is None:
        return None
    match = DURATION.match(str(value).strip()) if not isinstance(value, bool) else None
    if not match:
        check.error("duration", f"{value!r} is not a duration; write seconds or HH:MM:SS")
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


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
    # Its shape (text, not blank) is the schema's; that no other episode has it is guids.py's.
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


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


# episode_type, explicit and fediverse_thread are checked by the schema (declarations.py,
# EPISODE_SCHEMA_CHECKED, with their own words as hints); a file with a wrong one is
# refused, so these only read them.
def _episode_type(check: EpisodeChecker) -> str:
    value = check.meta.get("episode_type", "full")
    return value if value in EPISODE_TYPES else "full"


def _fediverse_thread(check: EpisodeChecker) -> str | None:
    """Where apps let listeners comment (podcast:socialInteract): the episode's post."""
    value = check.meta.get("fediverse_thread")
    url = safe_url(str(value)) if value is not None else None
    return url if url and url.startswith("https://") else None


def _explicit(check: EpisodeChecker) -> bool | None:
    value = check.meta.get("explicit")
    return value if isinstance(value, bool) else None
