"""One way to read a plugin's settings dict: defaults in one place, one problem per wrong key.

    EVENTS_SETTINGS = SettingsSpec("EVENTS", {"home_count": (3, int, "a whole number, e.g. 3")})
    options = EVENTS_SETTINGS.load(settings, "SHELFCAST_EVENTS")

A key whose type is WebAddress() or SitePath() is checked like an address in content: a
`javascript:` link or a `//other.host` folder is refused with the key and what to write.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from urllib.parse import urlsplit

from .problems import ContentProblem, problem_log, shorten
from .urls import safe_url, site_path_problem

SETTINGS_FILE = "pelicanconf.py"


@dataclass(frozen=True)
class WebAddress:
    """The type of a setting holding a web address (None allowed when `optional`)."""

    schemes: tuple = ("https", "http")
    optional: bool = True

    def problem(self, value) -> str | None:
        if value is None and self.optional:
            return None
        return web_address_problem(value, self.schemes)


@dataclass(frozen=True)
class SitePath:
    """The type of a setting holding a folder or file path inside the site or content/."""

    def problem(self, value) -> str | None:
        # The plugins strip slashes at both ends of these (`/galleries/` is `galleries`).
        return site_path_problem(value.strip("/") if isinstance(value, str) else value)


def web_address_problem(value, schemes=("https", "http")) -> str | None:
    """Why `value` is not a full address with one of `schemes` (javascript: never is)."""
    safe = safe_url(value)
    split = urlsplit(safe) if safe else None
    if split is None or split.scheme.lower() not in schemes or not split.netloc \
            or any(c.isspace() for c in safe):
        return f"{shorten(value, 60)} is not a full {' or '.join(schemes)} address"
    return None


@dataclass(frozen=True)
class SettingsSpec:
    """A plugin's setting name and, per key, (default, accepted type(s), help text)."""

    name: str
    keys: dict

    def defaults(self) -> dict:
        return {key: default for key, (default, _types, _help) in self.keys.items()}

    def read(self, settings: dict) -> tuple[dict, list[ContentProblem]]:
        given = settings.get(self.name) or {}
        merged = self.defaults()
        if not isinstance(given, dict):
            return merged, [self.problem(f"must be a dict, e.g. {self.name} = {{...}}")]
        problems = []
        for key, value in given.items():
            if key not in self.keys:
                close = difflib.get_close_matches(str(key), list(self.keys), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else \
                    f"; the keys are {', '.join(self.keys)}"
                problems.append(self.problem(f"unknown key {str(key)[:40]!r}{hint}"))
                continue
            _default, types, help_text = self.keys[key]
            if isinstance(types, (WebAddress, SitePath)):
                message = types.problem(value)
                if message:
                    problems.append(ContentProblem(SETTINGS_FILE, None, f"{self.name}[{key!r}]",
                                                   f"{message}; write {help_text}"))
                else:
                    merged[key] = value
                continue
            if isinstance(value, bool) and bool not in _as_tuple(types) \
                    or not isinstance(value, types):
                problems.append(self.problem(f"{key!r} must be {help_text}, not "
                                             f"{str(value)[:40]!r}"))
                continue
            merged[key] = value
        return merged, problems

    def load(self, settings: dict, key: str) -> dict:
        """Read once when the build starts: stop on a wrong setting, else keep the options
        under `key` in the build's settings (where the plugin's generator finds them)."""
        options, problems = self.read(settings)
        log = problem_log(settings)
        log.extend(problems)
        log.raise_if_errors()
        settings[key] = options
        return options

    def problem(self, message: str) -> ContentProblem:
        return ContentProblem(SETTINGS_FILE, None, self.name, message)


def _as_tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)
