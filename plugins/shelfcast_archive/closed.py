"""Which parts of a site are closed archives, and what each says to its readers.

    CLOSED_PARTS = {
        "events": {"since": "2019-06-30", "note": "The project ended in 2019."},  # a section
        "programmes/23-things": {"since": "2020-01-31", "note": "..."},            # a programme
        "*": {"since": "...", "note": "..."},                                     # the whole site
    }
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shelfcast_sitekit.fields import parse_day
from shelfcast_sitekit.problems import ContentProblem

SETTINGS_FILE = "pelicanconf.py"
WHOLE_SITE = "*"


@dataclass(frozen=True)
class Closed:
    """One closed part: since when, and the note shown on each of its pages."""

    key: str
    since: date
    note: str


def read_archive(raw) -> tuple[dict[str, Closed], list[ContentProblem]]:
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [_problem("CLOSED_PARTS", "must be a dict like CLOSED_PARTS = {\"events\": "
                                             "{\"since\": \"2019-06-30\", \"note\": \"...\"}}")]
    found, problems = {}, []
    for key, entry in raw.items():
        where = f"CLOSED_PARTS[{str(key)[:40]!r}]"
        if not isinstance(key, str) or not key.strip():
            problems.append(_problem(where, "name a section folder, 'programmes/<name>' or '*'"))
            continue
        if not isinstance(entry, dict):
            problems.append(_problem(where, "must be {\"since\": \"YYYY-MM-DD\", \"note\": "
                                            "\"...\"}"))
            continue
        since = parse_day(entry.get("since"))
        note = entry.get("note")
        if since is None:
            problems.append(_problem(where, "needs 'since': the date it closed, YYYY-MM-DD"))
        if not isinstance(note, str) or not note.strip():
            problems.append(_problem(where, "needs 'note': a sentence for readers, e.g. "
                                            "\"This project ended in 2019; the posts stay.\""))
        unknown = [k for k in entry if k not in ("since", "note")]
        if unknown:
            problems.append(_problem(where, f"unknown key {str(unknown[0])[:30]!r}; use since "
                                            "and note"))
        if since is not None and isinstance(note, str) and note.strip() and not unknown:
            found[key.strip().strip("/")] = Closed(key.strip().strip("/"), since, note.strip())
    return found, problems


def closed_for(archive: dict[str, Closed], section: str | None = None,
               programme: str | None = None) -> Closed | None:
    """The archive entry that covers a page of this section or programme, if any."""
    if section and section in archive:
        return archive[section]
    if programme and f"programmes/{programme}" in archive:
        return archive[f"programmes/{programme}"]
    return archive.get(WHOLE_SITE)


def _problem(where: str, message: str) -> ContentProblem:
    return ContentProblem(SETTINGS_FILE, None, where, message)

