"""Every bad front matter the kit's own tests write is also refused by the JSON Schema export.

`Site.build` calls `export_refuses` after every failed build, so each bad-input test of every
plugin checks the export too (not a hand-picked list): each file the build named in an error
whose front matter the build's schema check refuses (an unknown or missing field, a wrong
type, pattern, value or range: shelfcast_sitekit.schemacheck, the same schema) must be refused
by `jsonschema` with the exported JSON Schema of the file's content type as well. What only
code can judge (a check digit, an audio file, a file on disk, a rule across files, fields
named in `checked_by`) is not the export's to refuse.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import jsonschema
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.frontmatter import parse_yaml, split
from shelfcast_sitekit.problems import ERROR
from shelfcast_sitekit.schema import json_schemas, schema_for
from shelfcast_sitekit.schemacheck import check_document

# The file of an error line of the build's report: content/<file>:<line>: ...
ERROR_FILE = re.compile(r"^content/(?P<file>[^:\s]+\.(?:md|yaml))(?::\d+)?: ", re.MULTILINE)


def as_json(value):
    """Front matter as an editor sends it: dates as text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def export_refuses(content: Path, settings_file: Path, overrides: dict, report: str) -> None:
    """Fail when the build refused a file's front matter on the schema's grounds and the
    exported JSON Schema accepts that file."""
    named = sorted(set(ERROR_FILE.findall(report)))
    if not named:
        return
    schema = schema_for(load_settings(str(settings_file), overrides))
    exported = json_schemas(schema)
    for relative in named:
        path = content / relative
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            continue  # refused before any field is read
        document, _ = (split if relative.endswith(".md") else parse_yaml)(relative, text)
        content_type = schema.type_for(relative, document.meta) if document else None
        if content_type is None:
            continue
        refused = [p for p in check_document(content_type, document.meta, document.lines,
                                             relative) if p.severity == ERROR]
        validator = jsonschema.Draft202012Validator(exported[content_type.name])
        if refused and not list(validator.iter_errors(as_json(document.meta))):
            raise AssertionError(f"the build refuses content/{relative} ({refused[0]}) but "
                                 f"the exported JSON Schema of {content_type.name} accepts it")
