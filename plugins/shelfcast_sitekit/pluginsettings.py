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
from datetime import date

from .librarysettings import LIBRARY_FILE, LIBRARY_VALUES_KEY
from .problems import ContentProblem, problem_log, shorten
from .schema import Field, SettingsBlock, schema_for
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
    """Why one scalar setting's value does not fit its declaration; None when it does."""
    if value is None and optional and f.default is None and not f.required:
        return None  # an optional setting left empty
    if "empty" in f.aliases and value == "":
        return None  # "" for none (LIBRARY["page_save_as"]: no "Visit us" page)
    if "text" in f.aliases and isinstance(value, str) and value.strip():
        return None  # one line of text where a dict is declared (a title for every language)
    if "boolean" in f.aliases and isinstance(value, bool):
        return None  # True/False: the default form of it, or none (PODCAST["alternates"])
    if f.kind == "date" and isinstance(value, date):
        return None  # date(2019, 6, 30) in a settings file, as well as "2019-06-30"
    if f.kind == "file":
        # The plugins strip slashes at both ends of these (`/galleries/` is `galleries`).
        path = value.strip("/") if isinstance(value, str) else value
        outside = site_path_problem(path)
        return f"{shorten(value)} {outside}" if outside else \
            (f.pattern and pattern_problem(f, path)) or None
    if f.kind == "url":
        return web_address_problem(value, f.schemes or ("https", "http"))
    if f.kind == "list":
        return f"must be a list like {f.example or [1, 2]}, not {describe(value)}"
    if f.kind == "block":
        return f"must be a dict like {{...}}, not {describe(value)}"
    if f.kind in TEXT_KINDS and not isinstance(value, str):
        # A settings file is Python: a number where text belongs is a slip, not a year-like
        # title as in front matter.
        return f"must be text in quotes, not {describe(value)}"
    return scalar_problem(f, value, Where(SETTINGS_FILE, {}, "", strict=True))


def value_problems(f: Field, value, name: str, optional: bool = True) -> list[tuple]:
    """(name, message) for each thing wrong with one value, at every level of a dict or list
    (`LIBRARY['branches'][0]['name']`)."""
    if value is None and ("none" in f.aliases or optional and not f.required
                          and f.default is None):
        return []
    if f.checked_by is not None:
        return []  # what a declaration cannot say: that code checks it (and names the key)
    if f.kind == "block" and isinstance(value, Mapping):
        return _dict_problems(f, value, name)
    if f.kind == "list" and isinstance(value, (list, tuple)):
        return _list_problems(f, value, name)
    message = setting_problem(f, value, optional)
    return [(name, message, f)] if message else []


def _dict_problems(f: Field, value: Mapping, name: str) -> list[tuple]:
    if f.item is not None:  # names the library chooses, each value one item
        return [p for key, item in value.items()
                for p in (_key_problem(key, f"{name}[{_shown(key)}]")
                          or value_problems(f.item, item, f"{name}[{_shown(key)}]", False))]
    if not f.fields:
        return []
    return fields_problems(f.fields, value, name)


def fields_problems(fields, value: Mapping, name: str) -> list[tuple]:
    """Unknown keys (with a "did you mean"), missing required ones and wrong values."""
    problems = [p for key, item in value.items() for p in key_problems(fields, key, item, name)]
    for f in fields:
        if f.required and value.get(f.name) is None:
            example = f" e.g. {f.example!r}" if f.example is not None else ""
            problems.append((f"{name}[{f.name!r}]", f"missing; add {f.name!r}:{example}", f))
    return problems


def key_problems(fields, key, value, name: str) -> list[tuple]:
    """What is wrong with one key of a dict of `fields` and its value."""
    f = next((f for f in fields if f.name == key), None) if isinstance(key, str) else None
    where = f"{name}[{_shown(key)}]"
    if f is None:
        return [(where, unknown_key([f.name for f in fields], key), None)]
    return value_problems(f, value, where)


def _list_problems(f: Field, value, name: str) -> list[tuple]:
    if f.max_items is not None and len(value) > f.max_items:
        return [(name, f"has {len(value)} items, more than the {f.max_items} allowed", f)]
    if f.item is None:
        return []
    return [p for number, item in enumerate(value)
            for p in value_problems(f.item, item, f"{name}[{number}]", optional=False)]


def _key_problem(key, where: str) -> list[tuple]:
    if isinstance(key, str) and key.strip():
        return []
    return [(where, "must be a name in quotes", None)]


def _shown(key) -> str:
    return repr(key[:40] if isinstance(key, str) else key)


def read_block(block: SettingsBlock, settings: Mapping) -> tuple[dict, list[ContentProblem]]:
    """The block's options (defaults, then what the settings file gives) and its problems.

    A key whose value is wrong keeps its default; each problem is one line naming the file
    the value came from (library.py or pelicanconf.py) and the key, e.g. EVENTS['path']."""
    given = settings.get(block.name)
    merged = block.defaults()
    if given is None:
        return merged, []
    if not isinstance(given, Mapping):
        return merged, [ContentProblem(source_file(settings, block.name), None, block.name,
                                       f"must be a dict, e.g. {block.name} = {{...}}")]
    if block.item is not None:
        found = _dict_problems(Field(block.name, "block", item=block.item), given, block.name)
        return ({} if found else dict(given)), _problems(block, settings, found)
    problems = []
    for key, value in given.items():
        found = key_problems(block.fields, key, value, block.name)
        problems += _problems(block, settings, found)
        if not found:
            merged[key] = value
    return merged, problems


def every_block_problem(settings: Mapping) -> list[ContentProblem]:
    """The problems of every settings dict the build's plugins declare, read at once when the
    build starts: a library that got three settings wrong reads three lines in one build,
    not one a build (each plugin reads its own again, and its own code checks more)."""
    return [problem for block in schema_for(settings).settings.values()
            for problem in read_block(block, settings)[1]]


def unknown_key(names, key) -> str:
    meant = near_miss(str(key), names) if isinstance(key, str) else None
    hint = f"; did you mean {meant!r}?" if meant else f"; the keys are {', '.join(names)}"
    return f"unknown setting{hint}"


def _problems(block: SettingsBlock, settings: Mapping, found) -> list[ContentProblem]:
    return [_problem(source_file(settings, block.name, where), where, f, message)
            for where, message, f in found]


def _problem(path: str, name: str, f: Field | None, message: str) -> ContentProblem:
    example = None if f is None else f.example if f.example is not None else f.default
    hint = f"; write e.g. {example!r}" if example is not None and "write" not in message \
        and "e.g." not in message and "missing" not in message else ""
    return ContentProblem(path, None, name, message + hint)


def problem_at(settings: Mapping, setting: str, where: str, message: str) -> ContentProblem:
    """A problem a plugin's own code found in one key of its settings dict (`where` is
    `SETTING['key']...`), on the file that value came from."""
    return ContentProblem(source_file(settings, setting, where), None, where, message)


def source_file(settings: Mapping, setting: str, where: str = "") -> str:
    """library.py when the library's own file set this value (`where` is
    `SETTING['key']...`, the first key decides), else the kit's pelicanconf.py."""
    values = settings.get(LIBRARY_VALUES_KEY) or {}
    if setting not in values:
        return SETTINGS_FILE
    mine, theirs = values[setting], settings.get(setting)
    key = where[len(setting) + 2:].split("']", 1)[0] if where.startswith(f"{setting}['") \
        else None
    if key is not None and isinstance(mine, Mapping) and isinstance(theirs, Mapping):
        same = key in mine and mine[key] == theirs.get(key)
    else:
        same = mine == theirs
    return LIBRARY_FILE if same else SETTINGS_FILE


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
