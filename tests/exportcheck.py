"""Every bad front matter the kit's own tests write is also refused by the JSON Schema export.

`Site.build` calls `export_refuses` after every failed build, so each bad-input test of every
plugin checks the export too (not a hand-picked list): for each error the build reported on a
front-matter field whose value the schema describes (an unknown or missing field, a wrong
type, pattern, value or range), `jsonschema` with the exported JSON Schema of the file's
content type must refuse the file as well. Left out, and named in `checked_by`: values only
code can judge (a check digit, an audio file, a file on disk, a cross-file rule).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import jsonschema
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.frontmatter import parse_yaml, split
from shelfcast_sitekit.schema import json_schemas, schema_for

# An error line of the build's report: content/<file>:<line>: <field>: <message>.
ERROR_LINE = re.compile(r"^content/(?P<file>[^:\s]+\.(?:md|yaml)):\d+: "
                        r"(?P<field>[A-Za-z_][\w.\[\]-]*): (?P<message>.*)$", re.MULTILINE)
# Kinds whose problems are about a file on disk, which a JSON Schema cannot see.
ON_DISK = ("file", "image")


def as_json(value):
    """Front matter as an editor sends it: dates as text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def declared(content_type, dotted: str):
    """(the field `event.start` or `images[2].alt` names, or None when it is not declared;
    True when it or a block on the way is left to code). Plugin code may name a nested field
    by its own name (`alt` for images[2].alt): then the first declared one of that name."""
    path = re.sub(r"\[\d+\]", "", dotted).split(".")
    found = _walk(content_type.fields, path, False)
    if found[0] is None and len(path) == 1:
        found = next((f for f in _nested(content_type.fields, False) if f[0].name == path[0]),
                     found)
    return found


def _walk(fields, path, by_code):
    found = None
    for part in path:
        found = next((f for f in fields if f.name == part), None)
        if found is None:
            return None, by_code
        by_code = by_code or found.checked_by is not None
        fields = _inner(found)
    return found, by_code


def _inner(f):
    return f.fields or (f.item.fields if f.item is not None else ())


def _nested(fields, by_code):
    for f in fields:
        inside = by_code or f.checked_by is not None
        yield from ((g, inside or g.checked_by is not None) for g in _inner(f))
        yield from _nested(_inner(f), inside)


def schema_errors(content_type, dotted: str) -> bool:
    """True when an error on this field is the schema's to find."""
    found, by_code = declared(content_type, dotted)
    if found is None:
        return not by_code  # an unknown name (inside a block code checks, code decides)
    return not by_code and found.kind not in ON_DISK


def about_front_matter(content_type, document, dotted: str) -> bool:
    """Whether a reported field is one of the file's front matter (or a required one it
    lacks), not a body's link or image, nor a translated severity word."""
    top = dotted.split(".")[0].split("[")[0]
    declared_top = content_type.field(top)
    return top in document.meta or (declared_top is not None and declared_top.required)


def export_refuses(content: Path, settings_file: Path, overrides: dict, report: str) -> None:
    """Fail when the build refused a file's front matter on the schema's grounds and the
    exported JSON Schema accepts that file."""
    refused = {}
    for match in ERROR_LINE.finditer(report):
        refused.setdefault(match["file"], []).append((match["field"], match["message"]))
    if not refused:
        return
    schema = schema_for(load_settings(str(settings_file), overrides))
    exported = json_schemas(schema)
    for relative, errors in refused.items():
        path = content / relative
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        document, _ = (split if relative.endswith(".md") else parse_yaml)(relative, text)
        content_type = schema.type_for(relative, document.meta) if document else None
        if content_type is None:
            continue
        ours = [(f, m) for f, m in errors if about_front_matter(content_type, document, f)
                and schema_errors(content_type, f)]
        validator = jsonschema.Draft202012Validator(exported[content_type.name])
        if ours and not list(validator.iter_errors(as_json(document.meta))):
            raise AssertionError(f"the build refuses content/{relative} ({ours[0][0]}: "
                                 f"{ours[0][1]}) but the exported JSON Schema of "
                                 f"{content_type.name} accepts it")
