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

from shelfcast_sitekit.addresses import email_problem, https_url_problem
from shelfcast_sitekit.problems import ContentProblem

from .colours import accent_problem
from .hours import DAYS, OpeningHours, SpecialHours, parse_intervals

SETTINGS_FILE = "pelicanconf.py"
LOCATION_KEYS = ("name", "address", "phone", "email", "opening_hours", "map_url")
LIBRARY_KEYS = (*LOCATION_KEYS, "logo", "social", "branches", "accent_colour", "page_save_as")
ADDRESS_KEYS = ("street", "postal_code", "city", "region", "country")
DEFAULT_PAGE = "visit.html"


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


def _problem(where: str, message: str) -> ContentProblem:
    return ContentProblem(SETTINGS_FILE, None, where, message)


def read_library(raw, site_name: str | None = None) -> tuple[Library | None, list]:
    """Check a LIBRARY dict; the Library, or None and every problem found."""
    if raw is None:
        return None, []
    if not isinstance(raw, dict):
        return None, [_problem("LIBRARY", "must be a dict like LIBRARY = {\"name\": \"...\", "
                                          "\"email\": \"...\"}")]
    problems = [_problem(f"LIBRARY[{key!r}]", f"unknown setting; the settings are "
                                              f"{', '.join(LIBRARY_KEYS)}")
                for key in raw if key not in LIBRARY_KEYS]
    main = _location({**raw, "name": raw.get("name") or site_name}, "LIBRARY", problems)
    branches = raw.get("branches") or []
    if not isinstance(branches, list | tuple):
        problems.append(_problem("LIBRARY['branches']", "must be a list of dicts, one a branch"))
        branches = []
    found = []
    for number, branch in enumerate(branches):
        where = f"LIBRARY['branches'][{number}]"
        if not isinstance(branch, dict):
            problems.append(_problem(where, "must be a dict like {\"name\": \"...\"}"))
            continue
        problems += [_problem(f"{where}[{key!r}]", f"unknown setting; a branch has "
                                                   f"{', '.join(LOCATION_KEYS)}")
                     for key in branch if key not in LOCATION_KEYS]
        found.append(_location(branch, where, problems))
    social = _social(raw.get("social"), problems)
    accent = raw.get("accent_colour")
    if accent is not None and (message := accent_problem(accent)):
        problems.append(_problem("LIBRARY['accent_colour']", message))
    page = raw.get("page_save_as", DEFAULT_PAGE)
    if page and (not isinstance(page, str) or page.startswith("/") or ".." in page.split("/")):
        problems.append(_problem("LIBRARY['page_save_as']", "must be a path inside the site, "
                                                            "e.g. \"visit.html\""))
    logo = raw.get("logo")
    if logo is not None and not isinstance(logo, str):
        problems.append(_problem("LIBRARY['logo']", "must be a path under content/, e.g. "
                                                    "\"images/logo.svg\""))
    if problems:
        return None, problems
    return Library(main, tuple(found), logo, social, accent, page or ""), []


def _location(raw: dict, where: str, problems: list) -> Location:
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_problem(f"{where}['name']", "needs the name readers know it by"))
        name = ""
    for key in ("phone",):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            problems.append(_problem(f"{where}[{key!r}]", "must be text in quotes, e.g. "
                                                          "\"+45 12 34 56 78\""))
    email = raw.get("email")
    if email is not None and (message := email_problem(email)):
        problems.append(_problem(f"{where}['email']", message))
    map_url = raw.get("map_url")
    if map_url is not None and (message := https_url_problem(map_url)):
        problems.append(_problem(f"{where}['map_url']", message))
    return Location(name, _address(raw.get("address"), where, problems), raw.get("phone"),
                    email, _hours(raw.get("opening_hours"), where, problems), map_url)


def _address(raw, where: str, problems: list) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(_problem(f"{where}['address']", "must be a dict like {\"street\": "
                                 "\"Torvet 1\", \"postal_code\": \"4000\", \"city\": \"Ørstad\"}"))
        return None
    problems += [_problem(f"{where}['address'][{key!r}]",
                          f"unknown part; an address has {', '.join(ADDRESS_KEYS)}")
                 for key in raw if key not in ADDRESS_KEYS]
    problems += [_problem(f"{where}['address'][{key!r}]", "must be text in quotes")
                 for key, value in raw.items() if not isinstance(value, str)]
    return dict(raw)


def _hours(raw, where: str, problems: list) -> OpeningHours | None:
    if raw is None:
        return None
    field = f"{where}['opening_hours']"
    if not isinstance(raw, dict) or set(raw) - {"regular", "exceptions"}:
        problems.append(_problem(field, "must be {\"regular\": {\"mon\": \"10:00-18:00\", ...}, "
                                        "\"exceptions\": [...]}"))
        return None
    regular = {}
    week = raw.get("regular") or {}
    for day, text in week.items() if isinstance(week, dict) else ():
        if day not in DAYS:
            problems.append(_problem(f"{field}['regular'][{day!r}]",
                                     f"not a day; the days are {', '.join(DAYS)}"))
            continue
        intervals, message = parse_intervals(text)
        if message:
            problems.append(_problem(f"{field}['regular'][{day!r}]", message))
        regular[day] = intervals
    exceptions = [_special(item, f"{field}['exceptions'][{n}]", problems)
                  for n, item in enumerate(raw.get("exceptions") or [])]
    return OpeningHours(regular, tuple(e for e in exceptions if e is not None))


def _special(raw, field: str, problems: list) -> SpecialHours | None:
    if not isinstance(raw, dict) or set(raw) - {"date", "from", "to", "hours", "note"}:
        problems.append(_problem(field, "must be {\"date\": \"2026-12-24\", \"hours\": "
                                        "\"closed\", \"note\": \"Christmas Eve\"} or use "
                                        "\"from\" and \"to\" for several days"))
        return None
    first = _date(raw.get("date", raw.get("from")), field, problems)
    last = _date(raw.get("date", raw.get("to", raw.get("from"))), field, problems)
    intervals, message = parse_intervals(raw.get("hours", "closed"))
    if message:
        problems.append(_problem(f"{field}['hours']", message))
    if first is None or last is None or message:
        return None
    if last < first:
        problems.append(_problem(field, f"ends ({last}) before it starts ({first})"))
        return None
    return SpecialHours(first, last, intervals, str(raw.get("note") or ""))


def _date(value, field: str, problems: list) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(_problem(field, f"{value!r} is not a date; write YYYY-MM-DD"))
        return None


def _social(raw, problems: list) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.append(_problem("LIBRARY['social']", "must be a dict like {\"Facebook\": "
                                                      "\"https://facebook.com/...\"}"))
        return ()
    for name, url in raw.items():
        if message := https_url_problem(url):
            problems.append(_problem(f"LIBRARY['social'][{name!r}]", message))
    return tuple(raw.items())
