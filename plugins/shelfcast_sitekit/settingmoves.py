"""Settings that moved: one table of renamed settings, applied before any plugin reads them.

When the kit renames a setting (or a key inside a settings dict), the old form keeps working
for one more minor version with a warning naming the new form, then becomes an error that
names it. `invoke settings-moves --rewrite` (and `invoke upgrade`, which offers it) rewrites
the library's settings file. Pure functions over plain data; shelfcast_sitekit.build applies them.

A maintainer who renames a setting adds one Move here, changes the reader to the new name,
and writes an "Upgrading" note in CHANGELOG.md (docs/upgrading.md, "Renaming a setting").
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .kitversion import parse_version
from .problems import ERROR, WARNING, ContentProblem
from .settingsfile import assignment_node, current_value, remove_assignment, set_assignments

# Where shelfcast_sitekit.build leaves the moves' warnings for the build's report: (path, line,
# field, message, severity) tuples, plain data, since the read cache digests the settings.
MOVES_KEY = "SHELFCAST_SETTING_MOVES"


@dataclass(frozen=True)
class Move:
    """`old` became `new` in kit version `since`; "NAME" or "NAME.key" (a key in a dict)."""

    old: str
    new: str
    since: str
    why: str


MOVES = (
    # Pelican's own ARCHIVES_SAVE_AS and archives.html are the date archive; ARCHIVE read as
    # the same thing. The setting lists closed parts of the site (sections, programmes, all).
    Move("ARCHIVE", "CLOSED_PARTS", "0.9.0",
         "the closed parts of the site; Pelican's ARCHIVES settings are the date archive"),
    # One key case in every settings dict: lower-case snake_case (docs/design.md, issue 21).
    *(Move(f"{setting}.{key}", f"{setting}.{key.lower()}", "0.9.0",
           "settings keys are lower-case in every plugin's dict")
      for setting, keys in (("SEARCH", ("INDEX", "BUNDLE_DIR", "EXCLUDE_SELECTORS")),
                            ("I18N", ("CATALOGUE_PATH", "DATE_STYLE")),
                            ("SHELFCAST_THEME", ("SHARE_LINKS", "MASTODON_SHARE_URL",
                                                 "DEFAULT_IMAGE", "SEARCH_URL", "MENU",
                                                 "MENU_SHOWN")))
      for key in keys),
    # The build's options were settings of their own, undeclared, so a misspelt one was
    # silently ignored; they are keys of the declared SITEKIT dict now (issue 26).
    *(Move(old, f"SITEKIT.{old.lower()}", "0.9.0", "the build's options are keys of SITEKIT")
      for old in ("READ_CACHE", "PAGE_CACHE", "READ_WORKERS", "RENDER_WORKERS")),
)


def error_from(since: str) -> tuple[int, int]:
    """The first (major, minor) in which the old form stops working: one minor later."""
    major, minor, _patch = parse_version(since)[:3]
    return major, minor + 2


def _split(name: str) -> tuple[str, str | None]:
    setting, _dot, key = name.partition(".")
    return setting, key or None


def _present(settings: dict, name: str) -> bool:
    setting, key = _split(name)
    if key is None:
        return setting in settings
    return isinstance(settings.get(setting), dict) and key in settings[setting]


def _get(settings: dict, name: str):
    setting, key = _split(name)
    return settings[setting] if key is None else settings[setting][key]


def _moved(settings: dict, move: Move) -> dict:
    """settings with the old form's value under the new name (the new form wins if both)."""
    value = _get(settings, move.old)
    old_setting, old_key = _split(move.old)
    new_setting, new_key = _split(move.new)
    result = dict(settings)
    if old_key is None:
        del result[old_setting]
    else:
        result[old_setting] = {k: v for k, v in settings[old_setting].items() if k != old_key}
    if _present(settings, move.new):
        return result
    if new_key is None:
        result[new_setting] = value
    else:
        result[new_setting] = {**(result.get(new_setting) or {}), new_key: value}
    return result


def apply_moves(settings: dict, version: str, source: str,
                moves: tuple[Move, ...] = MOVES) -> tuple[dict, list[ContentProblem]]:
    """The settings with every old form moved to its new name, and one problem per move:
    a warning while the old form still works, an error (value not moved) once it does not."""
    current = parse_version(version)[:2]
    problems = []
    for move in moves:
        if not _present(settings, move.old):
            continue
        ends = error_from(move.since)
        if current >= ends:
            problems.append(ContentProblem(source, None, move.old,
                f"was renamed {move.new} in Shelfcast {move.since} and no longer works; "
                f"write {move.new} instead (`invoke settings-moves --rewrite` does it)", ERROR))
            continue
        settings = _moved(settings, move)
        problems.append(ContentProblem(source, None, move.old,
            f"is now called {move.new} ({move.why}) since Shelfcast {move.since}; the old "
            f"name stops working in {ends[0]}.{ends[1]}.0. Run `invoke settings-moves "
            "--rewrite` to rename it in your settings file", WARNING))
    return settings, problems


def moves_in_text(text: str, moves: tuple[Move, ...] = MOVES) -> list[Move]:
    """The moves whose old form a settings file's text still uses."""
    names = {node.id for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Name)}
    found = []
    for move in moves:
        setting, key = _split(move.old)
        value = current_value(text, setting)
        if (key is None and setting in names) or \
                (key is not None and isinstance(value, dict) and key in value):
            found.append(move)
    return found


def rewrite_text(text: str, moves: list[Move]) -> tuple[str, list[str]]:
    """The file's text with each move made, and the moves it could not make, in words."""
    left = []
    for move in moves:
        setting, key = _split(move.old)
        new_setting, new_key = _split(move.new)
        if key is None and new_key is None:
            text = _rename_name(text, setting, new_setting)
            continue
        if key is None:
            moved = _into_dict(text, setting, new_setting, new_key)
            if moved is None:
                left.append(f"{move.old}: rename it to {move.new} by hand")
            else:
                text = moved
            continue
        value = current_value(text, setting)
        if key is None or new_key is not None and new_setting != setting \
                or not isinstance(value, dict):
            left.append(f"{move.old}: rename it to {move.new} by hand")
            continue
        renamed = {(new_key if k == key else k): v for k, v in value.items()}
        text = set_assignments(text, {setting: renamed})
    return text, left


def _into_dict(text: str, setting: str, new_setting: str, new_key: str) -> str | None:
    """The file with `SETTING = value` removed and `new_key: value` added to the dict
    `new_setting`, or None when that cannot be done safely: the old name is used other than
    in one plain assignment of a literal, or the dict is not a literal dict."""
    uses = [node for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Name) and node.id == setting]
    node = assignment_node(text, setting)
    value = current_value(text, setting)
    target = current_value(text, new_setting)
    if node is None or len(uses) != 1 or value is None:
        return None
    if target is None and assignment_node(text, new_setting) is not None \
            or target is not None and not isinstance(target, dict):
        return None
    merged = dict(target or {})
    merged.setdefault(new_key, value)
    return set_assignments(remove_assignment(text, setting), {new_setting: merged})


def _rename_name(text: str, old: str, new: str) -> str:
    """Every use of the name `old` in the file (assignments, `+=`, `.update`) becomes `new`;
    comments, strings and layout stay as they were."""
    lines = text.splitlines(keepends=True)
    places = sorted(((node.lineno, node.col_offset) for node in ast.walk(ast.parse(text))
                     if isinstance(node, ast.Name) and node.id == old), reverse=True)
    for line, column in places:
        # ast columns count UTF-8 bytes; slice the line as bytes so that "Ø" earlier on the
        # line does not shift the name.
        encoded = lines[line - 1].encode("utf-8")
        start = column
        lines[line - 1] = (encoded[:start] + new.encode("utf-8")
                           + encoded[start + len(old.encode("utf-8")):]).decode("utf-8")
    return "".join(lines)
