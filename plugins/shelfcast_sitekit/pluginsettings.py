"""The one reader of plugin settings dicts, from SettingsBlock declarations (.schema).

    EVENTS_BLOCK = SettingsBlock("EVENTS", (Field("home_count", "integer", default=3,
                                                  minimum=0), ...))
    options = SettingsSpec(EVENTS_BLOCK).load(settings, "SHELFCAST_EVENTS")

Keys are lower-case snake_case in every settings dict (docs/design.md). Each wrong key gives
one line, `pelicanconf.py: EVENTS['home_count']: -5 is too small; write 0 or more`, never a
traceback. A path must stay inside the project; an address must use an allowed scheme (a
`javascript:` link never does). A renamed key is moved to its new name before this reads it
(settingmoves.MOVES: the old key still works, with a warning naming the new one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .problems import ContentProblem, problem_log
from .schema import Field, SettingsBlock
from .schemacheck import (
    Where,
    describe,
    near_miss,
    pattern_problem,
    scalar_problem,
    web_address_problem,
)
from .urls import site_path_problem

SETTINGS_FILE = "pelicanconf.py"
TEXT_KINDS = ("text", "markdown", "email", "lang", "identifier", "colour", "slug")


def setting_problem(f: Field, value, optional: bool = True) -> str | None:
    """Why one setting's value does not fit its declaration; None when it does."""
    if value is None and optional and f.default is None and not f.required:
        return None  # an optional setting left empty
    if f.kind == "file":
        # The plugins strip slashes at both ends of these (`/galleries/` is `galleries`).
        path = value.strip("/") if isinstance(value, str) else value
        return site_path_problem(path) or (f.pattern and pattern_problem(f, path))
    if f.kind == "url":
        return web_address_problem(value, f.schemes or ("https", "http"))
    if f.kind == "list":
        return _list_problem(f, value)
    if f.kind == "block":
        return None if isinstance(value, Mapping) else \
            f"must be a dict like {{...}}, not {describe(value)}"
    if f.kind in TEXT_KINDS and not isinstance(value, str):
        # A settings file is Python: a number where text belongs is a slip, not a year-like
        # title as in front matter.
        return f"must be text in quotes, not {describe(value)}"
    return scalar_problem(f, value, Where(SETTINGS_FILE, {}, "", strict=True))


def _list_problem(f: Field, value) -> str | None:
    if not isinstance(value, (list, tuple)):
        return f"must be a list like {f.example or [1, 2]}, not {describe(value)}"
    if f.max_items is not None and len(value) > f.max_items:
        return f"has {len(value)} items, more than the {f.max_items} allowed"
    for item in value if f.item else ():
        problem = setting_problem(f.item, item, optional=False)
        if problem:
            return problem
    return None


def read_block(block: SettingsBlock, settings: Mapping) -> tuple[dict, list[ContentProblem]]:
    """The block's options (defaults, then what the settings file gives) and its problems."""
    given = settings.get(block.name) or {}
    merged = block.defaults()
    if not isinstance(given, Mapping):
        return merged, [ContentProblem(SETTINGS_FILE, None, block.name,
                                       f"must be a dict, e.g. {block.name} = {{...}}")]
    problems = []
    for key, value in given.items():
        f = block.field(key) if isinstance(key, str) else None
        message = _unknown_key(block, key) if f is None else setting_problem(f, value)
        if message:
            problems.append(_problem(block, key, f, message))
        else:
            merged[key] = value
    return merged, problems


def _unknown_key(block: SettingsBlock, key) -> str:
    names = [f.name for f in block.fields]
    meant = near_miss(str(key), names)
    hint = f"; did you mean {meant!r}?" if meant else f"; the keys are {', '.join(names)}"
    return f"unknown setting{hint}"


def _problem(block: SettingsBlock, key, f: Field | None, message: str) -> ContentProblem:
    name = f"{block.name}[{str(key)[:40]!r}]"
    if f is None:
        return ContentProblem(SETTINGS_FILE, None, name, message)
    example = f.example if f.example is not None else f.default
    hint = f"; write e.g. {example!r}" if example is not None and "write" not in message \
        and "e.g." not in message \
        else ""
    return ContentProblem(SETTINGS_FILE, None, name, message + hint)


@dataclass(frozen=True)
class SettingsSpec:
    """Reads one plugin's settings dict from its declaration."""

    block: SettingsBlock

    @property
    def name(self) -> str:
        return self.block.name

    def defaults(self) -> dict:
        return self.block.defaults()

    def read(self, settings: Mapping) -> tuple[dict, list[ContentProblem]]:
        return read_block(self.block, settings)

    def load(self, settings: dict, key: str) -> dict:
        """Read once when the build starts: stop on a wrong setting, else keep the options
        under `key` in the build's settings (where the plugin's generator finds them)."""
        options, problems = self.read(settings)
        log = problem_log(settings)
        log.extend(problems)
        log.raise_if_errors()
        settings[key] = options
        return options
