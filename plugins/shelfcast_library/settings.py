"""The LIBRARY setting: the library itself (name, address, hours, branches), checked once.

    LIBRARY = {
        "name": "Ørstad Public Library",
        "logo": "images/logo.svg",                       # relative to content/
        "address": {"street": "Torvet 1", "postal_code": "4000", "city": "Ørstad",
                    "country": "DK"},
        "phone": "+45 12 34 56 78",
        "email": "info@library.example.org",
        "opening_hours": {"regular": {...}, "exceptions": [...]},   # see hours.py
        "map_url": "https://www.openstreetmap.org/...",
        "social": {"Facebook": "https://...", "Instagram": "https://..."},
        "branches": [{"name": "Nørreby Branch", "address": {...}, "opening_hours": {...}}],
        "accent_colour": "#0b5394",                      # links and buttons; WCAG AA checked
        "page_save_as": "visit.html",                    # the "Visit us" page; "" for none
    }

Everything but the name is optional. A branch takes the same keys as a location (name,
address, phone, email, opening_hours, map_url).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shelfcast_sitekit.pluginsettings import problem_at, read_block

from .colours import accent_problem
from .declarations import SETTINGS
from .hours import DAYS, OpeningHours, SpecialHours, parse_intervals

BLOCK = SETTINGS[0]
DEFAULT_PAGE = BLOCK.defaults()["page_save_as"]


@dataclass(frozen=True)
class Location:
    """One building readers can visit: the library itself or one of its branches."""

    name: str
    address: dict | None = None
    phone: str | None = None
    email: str | None = None
    opening_hours: OpeningHours | None = None
    map_url: str | None = None

    @property
    def address_lines(self) -> list[str]:
        if not self.address:
            return []
        place = " ".join(p for p in (self.address.get("postal_code"),
                                     self.address.get("city")) if p)
        return [line for line in (self.address.get("street"), place) if line]


@dataclass(frozen=True)
class Library:
    main: Location
    branches: tuple[Location, ...] = ()
    logo: str | None = None
    social: tuple[tuple[str, str], ...] = ()
    accent_colour: str | None = None
    page_save_as: str = DEFAULT_PAGE

    @property
    def name(self) -> str:
        return self.main.name

    @property
    def locations(self) -> tuple[Location, ...]:
        """Where readers can go: the main library if it has an address or hours, then branches."""
        main = (self.main,) if (self.main.address or self.main.opening_hours
                                or not self.branches) else ()
        return main + self.branches

    @property
    def page_url(self) -> str:
        return self.page_save_as[: -len("index.html")] \
            if self.page_save_as.endswith("index.html") else self.page_save_as


def read_library(raw, site_name: str | None = None,
                 settings: dict | None = None) -> tuple[Library | None, list]:
    """Check a LIBRARY dict (the build's `settings`, if given, say which file set it); the
    Library, or None and every problem found."""
    if raw is None:
        return None, []
    settings = {**(settings or {}), BLOCK.name: raw}
    given, problems = read_block(BLOCK, settings)

    def report(where: str, message: str) -> None:
        problems.append(problem_at(settings, BLOCK.name, where, message))

    main = _location({**given, "name": given["name"] or site_name}, BLOCK.name, report)
    if not main.name:
        report("LIBRARY['name']", "needs the name readers know it by")
    branches = tuple(_location(branch, f"LIBRARY['branches'][{number}]", report)
                     for number, branch in enumerate(given["branches"] or ()))
    accent = given["accent_colour"]
    if accent is not None and (message := accent_problem(accent)):
        report("LIBRARY['accent_colour']", message)
    if problems:
        return None, problems
    return Library(main, branches, given["logo"], tuple((given["social"] or {}).items()),
                   accent, given["page_save_as"] or ""), []


def _location(raw: dict, where: str, report) -> Location:
    return Location(raw.get("name") or "", raw.get("address"), raw.get("phone"),
                    raw.get("email"), _hours(raw.get("opening_hours"), where, report),
                    raw.get("map_url"))


def _hours(raw, where: str, report) -> OpeningHours | None:
    if raw is None:
        return None
    field = f"{where}['opening_hours']"
    if not isinstance(raw, dict) or set(raw) - {"regular", "exceptions"}:
        report(field, "must be {\"regular\": {\"mon\": \"10:00-18:00\", ...}, "
                      "\"exceptions\": [...]}")
        return None
    regular = {}
    week = raw.get("regular") or {}
    for day, text in week.items() if isinstance(week, dict) else ():
        if day not in DAYS:
            report(f"{field}['regular'][{day!r}]", f"not a day; the days are {', '.join(DAYS)}")
            continue
        intervals, message = parse_intervals(text)
        if message:
            report(f"{field}['regular'][{day!r}]", message)
        regular[day] = intervals
    exceptions = [_special(item, f"{field}['exceptions'][{n}]", report)
                  for n, item in enumerate(raw.get("exceptions") or [])]
    return OpeningHours(regular, tuple(e for e in exceptions if e is not None))


def _special(raw, field: str, report) -> SpecialHours | None:
    if not isinstance(raw, dict) or set(raw) - {"date", "from", "to", "hours", "note"}:
        report(field, "must be {\"date\": \"2026-12-24\", \"hours\": \"closed\", \"note\": "
                      "\"Christmas Eve\"} or use \"from\" and \"to\" for several days")
        return None
    first = _date(raw.get("date", raw.get("from")), field, report)
    last = _date(raw.get("date", raw.get("to", raw.get("from"))), field, report)
    intervals, message = parse_intervals(raw.get("hours", "closed"))
    if message:
        report(f"{field}['hours']", message)
    if first is None or last is None or message:
        return None
    if last < first:
        report(field, f"ends ({last}) before it starts ({first})")
        return None
    return SpecialHours(first, last, intervals, str(raw.get("note") or ""))


def _date(value, field: str, report) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        report(field, f"{value!r} is not a date; write YYYY-MM-DD")
        return None
