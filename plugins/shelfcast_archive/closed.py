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
from shelfcast_sitekit.pluginsettings import problem_at, read_block
from shelfcast_sitekit.problems import ContentProblem

from .declarations import SETTINGS

BLOCK = SETTINGS[0]
WHOLE_SITE = "*"


@dataclass(frozen=True)
class Closed:
    """One closed part: since when, and the note shown on each of its pages."""

    key: str
    since: date
    note: str


def read_archive(settings: dict) -> tuple[dict[str, Closed], list[ContentProblem]]:
    """The closed parts CLOSED_PARTS names (declarations.py), and any problems with it."""
    given, problems = read_block(BLOCK, settings)
    found = {}
    for key, entry in given.items():
        since = parse_day(entry["since"])
        if since is None:  # shaped like a date, but no such day (2019-02-30)
            problems.append(problem_at(settings, BLOCK.name, f"{BLOCK.name}[{key!r}]['since']",
                                       f"{entry['since']!r} is not a day; write YYYY-MM-DD"))
            continue
        name = key.strip().strip("/")
        found[name] = Closed(name, since, entry["note"].strip())
    return ({} if problems else found), problems


def closed_for(archive: dict[str, Closed], section: str | None = None,
               programme: str | None = None) -> Closed | None:
    """The archive entry that covers a page of this section or programme, if any."""
    if section and section in archive:
        return archive[section]
    if programme and f"programmes/{programme}" in archive:
        return archive[f"programmes/{programme}"]
    return archive.get(WHOLE_SITE)

