"""Change `NAME = value` lines in a settings file (pelicanconf.py) without touching the rest.

`invoke init` writes a library's name, address and language this way: comments, other settings
and the order of the file stay as the library left them; a setting not in the file yet is
added at the end.
"""

from __future__ import annotations

import ast
import json

WIDTH = 100  # ruff's line length for the project, pelicanconf.py included


def _assignments(tree: ast.Module) -> dict[str, ast.stmt]:
    """The last top-level plain assignment of each name: the one Python leaves in force."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = node
    return found


def literal(value, level: int = 0, column: int = 0) -> str:
    """Python source for a literal, in the file's style: double quotes, one line if it fits
    (from `column` on), else one item a line, indented from `level`, with a trailing comma."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string
    if not isinstance(value, dict | list | tuple):
        return repr(value)
    pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    items = [(literal(k) + ": " if k is not None else "", v) for k, v in pairs]
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    flat = opening + ", ".join(key + literal(v) for key, v in items) + closing
    if column + len(flat) < WIDTH or not items:
        return flat
    inner = level + 4
    lines = [f"{' ' * inner}{key}{literal(v, inner, inner + len(key))}," for key, v in items]
    return opening + "\n" + "\n".join(lines) + "\n" + " " * level + closing


def assignment_text(name: str, value) -> str:
    """`NAME = <literal>`, wrapped to the line length when the value is long."""
    return f"{name} = {literal(value, 0, len(name) + 3)}"


def current_value(text: str, name: str):
    """The literal value `name` is set to in the file, or None (unset or not a plain literal)."""
    node = _assignments(ast.parse(text)).get(name)
    if node is None:
        return None
    try:
        return ast.literal_eval(node.value)
    except ValueError:
        return None


def assignment_node(text: str, name: str) -> ast.stmt | None:
    """The plain `NAME = ...` statement in force in the file, or None."""
    return _assignments(ast.parse(text)).get(name)


def remove_assignment(text: str, name: str) -> str:
    """The file without the `NAME = ...` statement in force (its lines, comments above kept)."""
    node = assignment_node(text, name)
    if node is None:
        return text
    lines = text.splitlines(keepends=True)
    del lines[node.lineno - 1:node.end_lineno]
    return "".join(lines)


def set_assignments(text: str, values: dict) -> str:
    """Rewrite each `NAME = ...` statement in force to the new value; append the missing ones."""
    lines = text.splitlines(keepends=True)
    found = _assignments(ast.parse(text))
    # From the bottom up, so that earlier line numbers stay right while lines are replaced.
    replacements = sorted(((found[name].lineno, found[name].end_lineno, name)
                           for name in values if name in found), reverse=True)
    for first, last, name in replacements:
        lines[first - 1:last] = [assignment_text(name, values[name]) + "\n"]
    missing = [name for name in values if name not in found]
    if missing:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += [assignment_text(name, values[name]) + "\n" for name in missing]
    return "".join(lines)
