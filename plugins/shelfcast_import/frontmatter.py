"""Write a content file: YAML front matter between --- lines, then the Markdown body."""

from __future__ import annotations

import yaml


def dump_value(value) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=None, width=10_000,
                          sort_keys=False).strip()
    return text[:-4].rstrip() if text.endswith("\n...") else text


def document(fields: dict, body: str) -> str:
    """Fields in the given order, empty ones left out; `date` unquoted, as librarians write it."""
    lines = ["---"]
    for name, value in fields.items():
        if value is None or value == [] or value == "" or value is False:
            continue
        if name == "date":
            lines.append(f"date: {value}")
        elif isinstance(value, dict) or (isinstance(value, list) and any(
                isinstance(v, dict) for v in value)):
            block = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False,
                                   width=10_000, default_flow_style=False)
            lines.append(block.rstrip())
        else:
            lines.append(f"{name}: {dump_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body.strip() + "\n"


def yaml_file(fields: dict) -> str:
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
