"""The content schema: every content type's fields, and every plugin's settings, as data.

One description drives the build's front-matter checks (.schemacheck), the docs' field
tables (.schemadocs), the JSON Schema export (`invoke schema`) and the web editor's
configuration. Pure data and pure functions: no Pelican import.

A plugin declares what it owns in its `declarations` module:

    CONTENT_TYPES = (ContentType("event", ...),)          # types it adds
    EXTENSIONS = {"post": (Field("event", "block", ...),)}  # fields it adds to others' types
    SETTINGS = (SettingsBlock("EVENTS", (Field("path", "folder"...),)),)

`schema_for(settings)` collects them from the plugins in settings["PLUGINS"].
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

KINDS = ("text", "markdown", "date", "datetime", "boolean", "integer", "number", "list",
         "block", "file", "image", "url", "email", "lang", "identifier", "colour", "enum",
         "slug")
LANGS = ("en", "da", "sv")
FORMATS = ("markdown", "yaml")
DECLARATIONS_MODULE = "declarations"
# The site kit's own declarations (post, page) come first whatever the order of PLUGINS.
CORE_PLUGIN = "shelfcast_sitekit"


def _words(name: str) -> dict:
    words = name.replace("_", " ")
    return {lang: words[:1].upper() + words[1:] for lang in LANGS}


@dataclass(frozen=True)
class Field:
    """One front matter field (or one settings key): its name, kind and what is allowed."""

    name: str
    kind: str
    required: bool = False
    default: object = None
    allowed: tuple = ()
    pattern: str | None = None
    help: Mapping[str, str] = field(default_factory=dict, hash=False)
    example: object = None
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    schemes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_items: int | None = None
    max_length: int | None = None      # characters of a text
    folder: str | None = None
    label: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Where the web editor puts an uploaded file, relative to the entry's own folder (a show's
    # audio/); the field then holds "audio/<name>", as the build reads it.
    upload_folder: str | None = None
    # Also accepted (a single value where a list is declared, a date where a datetime is):
    # the forms librarians write and the build has always read.
    aliases: tuple[str, ...] = ()
    # What the build says after a wrong value, when the field's own words help more than the
    # kind's ("is more than a first name; write only the first name..."); for a list, what
    # to do when it has more than max_items.
    hint: str | None = None
    # Where code checks this field's value (what a schema cannot say: a check digit, an
    # audio file, a branch key); the schema's own value check leaves it to that code.
    checked_by: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind {self.kind!r} is not one of {KINDS}")
        # The label shown in the editor, by language: what is not given is the name in words.
        object.__setattr__(self, "label", {**_words(self.name), **(self.label or {})})

    def field(self, name: str) -> Field | None:
        """The nested field `name` of a block, or None."""
        return next((f for f in self.fields if f.name == name), None)

    def text(self, attribute: str, lang: str = "en") -> str:
        """help or label in `lang`, falling back to English."""
        words = getattr(self, attribute)
        return words.get(lang) or words.get("en", "")


@dataclass(frozen=True)
class ContentType:
    """A kind of content file: where its files are, their format and their fields.

    `where` holds glob patterns relative to content/; a placeholder `{plugin_key}` is the
    value of settings[PLUGIN]["key"] (e.g. `{podcast_path}` is PODCAST["path"]), else the
    default in `where_defaults`.
    """

    name: str
    label: Mapping[str, str] = field(hash=False, default_factory=dict)
    where: tuple[str, ...] = ()
    format: str = "markdown"
    fields: tuple[Field, ...] = ()
    body: bool = True
    where_defaults: Mapping[str, str] = field(hash=False, default_factory=dict)
    help: Mapping[str, str] = field(hash=False, default_factory=dict)
    # A type that shares its files with another (an album review is a post with an album:
    # block) is told apart by this field being in the front matter.
    requires: str | None = None
    # The type whose fields (with every plugin's extensions) come first: an event is a post.
    base: str | None = None

    def __post_init__(self):
        if self.format not in FORMATS:
            raise ValueError(f"{self.name}: format {self.format!r} is not one of {FORMATS}")
        if not self.label:
            object.__setattr__(self, "label", _words(self.name))

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def files(self, settings: Mapping) -> list[str]:
        """The glob patterns (relative to content/) of this type's files for these settings."""
        return [resolve_placeholders(p, settings, self.where_defaults) for p in self.where]


@dataclass(frozen=True)
class SettingsBlock:
    """One plugin's settings dict (e.g. EVENTS = {...}): its keys as fields."""

    name: str
    fields: tuple[Field, ...]
    help: Mapping[str, str] = field(hash=False, default_factory=dict)
    # A dict of names the library chooses (CLOSED_PARTS = {"events": {...}}): each value is
    # one `item`; `fields` is then empty.
    item: Field | None = None

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def defaults(self) -> dict:
        return {f.name: f.default for f in self.fields}


PLACEHOLDER = re.compile(r"\{([a-z0-9]+)_([a-z0-9_]+)\}")


def resolve_placeholders(pattern: str, settings: Mapping, defaults: Mapping) -> str:
    """`{podcast_path}/*/*.md` -> `podcasts/*/*.md` from settings["PODCAST"]["path"]."""
    def value(match: re.Match) -> str:
        block = settings.get(match.group(1).upper())
        given = block.get(match.group(2)) if isinstance(block, Mapping) else None
        return str(given or defaults.get(match.group(0)[1:-1], match.group(0)))
    return PLACEHOLDER.sub(value, pattern).strip("/")


@dataclass(frozen=True)
class Schema:
    """Every content type of one site (with the fields plugins add) and its settings blocks."""

    types: Mapping[str, ContentType] = field(hash=False, default_factory=dict)
    settings: Mapping[str, SettingsBlock] = field(hash=False, default_factory=dict)
    site_settings: Mapping = field(hash=False, default_factory=dict)

    def type_for(self, relative_path: str, meta: Mapping | None = None) -> ContentType | None:
        """The content type of a file (path relative to content/), most specific pattern
        first; a type that `requires` a field only when `meta` has it. None for a file no
        type claims."""
        path = relative_path.replace("\\", "/").lstrip("./")
        for _order, pattern, content_type in self._patterns():
            if content_type.requires and content_type.requires not in (meta or {}):
                continue
            if fnmatch.fnmatchcase(path, pattern):
                return content_type
        return None

    def _patterns(self) -> list[tuple[tuple, str, ContentType]]:
        found = [((-_specificity(p), t.requires is None), p, t) for t in self.types.values()
                 for p in t.files(self.site_settings)]
        return sorted(found, key=lambda entry: (entry[0], entry[1]))


def _specificity(pattern: str) -> int:
    """Literal characters in a glob pattern: `podcasts/*/show.yaml` beats `*/*.yaml`."""
    return len(re.sub(r"[*?\[\]]", "", pattern))


def plugin_declarations(plugin: str):
    """The declarations module of a plugin, or None when it declares nothing."""
    module_name = f"{plugin}.{DECLARATIONS_MODULE}"
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name in (module_name, plugin):
            return None
        raise


def plugin_names(settings: Mapping) -> list[str]:
    """The plugins of a build, the site kit first, by their import name."""
    names = [str(p).rsplit(".", 1)[-1] if not isinstance(p, str) else p
             for p in settings.get("PLUGINS") or ()]
    return [CORE_PLUGIN] + [n for n in names if n != CORE_PLUGIN]


def schema_for(settings: Mapping) -> Schema:
    """Collect the content types, extensions and settings blocks of the build's plugins."""
    modules = [m for m in map(plugin_declarations, plugin_names(settings)) if m is not None]
    types = {t.name: t for m in modules for t in getattr(m, "CONTENT_TYPES", ())}
    for module in modules:
        for type_name, fields in getattr(module, "EXTENSIONS", {}).items():
            if type_name in types:
                types[type_name] = extend(types[type_name], fields)
    types = {name: _with_base(t, types) for name, t in types.items()}
    blocks = {b.name: b for m in modules for b in getattr(m, "SETTINGS", ())}
    return Schema(types, blocks, settings)


def _with_base(content_type: ContentType, types: Mapping) -> ContentType:
    """A variant type's fields: its base type's (as extended), then its own."""
    base = types.get(content_type.base) if content_type.base else None
    if base is None:
        return content_type
    return extend(replace(content_type, fields=base.fields), content_type.fields)


def extend(content_type: ContentType, fields) -> ContentType:
    """The type with `fields` added (a field of the same name is replaced)."""
    added = {f.name for f in fields}
    kept = tuple(f for f in content_type.fields if f.name not in added)
    return replace(content_type, fields=kept + tuple(fields))


# --- JSON Schema (draft 2020-12) ---------------------------------------------------------

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COLOUR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# What YAML gives for a date written bare (2026-03-01) is a date object; the JSON form is text.
SCALAR = {"text": ["string", "number", "integer"], "markdown": ["string"],
          "integer": ["integer"], "number": ["number", "integer"], "boolean": ["boolean"]}


def to_json_schema(content_type: ContentType, lang: str = "en") -> dict:
    """A JSON Schema (draft 2020-12) for one content type's front matter (or YAML file)."""
    document = _object_schema(content_type.fields, lang)
    document.update({"$schema": DRAFT, "$id": f"shelfcast:{content_type.name}",
                     "title": content_type.label.get(lang) or content_type.name})
    if content_type.help:
        document["description"] = content_type.help.get(lang) or content_type.help.get("en")
    return document


def _object_schema(fields, lang: str) -> dict:
    document = {"type": "object",
                "properties": {f.name: field_json_schema(f, lang) for f in fields},
                "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        document["required"] = required
    return document


def field_json_schema(f: Field, lang: str = "en") -> dict:
    """One field as a JSON Schema (with title, description and example for editors)."""
    document = _with_aliases(f, _kind_schema(f, lang))
    document["title"] = f.text("label", lang)
    if f.help:
        document["description"] = f.text("help", lang)
    if f.example is not None:
        document["examples"] = [f.example]
    if f.default is not None:
        document["default"] = f.default
    return document


def _kind_schema(f: Field, lang: str) -> dict:
    if f.allowed:
        return {"enum": list(f.allowed)}
    if f.kind == "block" and f.item is not None:  # free names, each value an item
        return {"type": "object", "additionalProperties": field_json_schema(f.item, lang)}
    if f.kind == "block":
        return _object_schema(f.fields, lang)
    if f.kind == "list":
        return _list_schema(f, lang)
    if f.kind in SCALAR:
        return _scalar_schema(f)
    return {"type": "string", **_string_constraints(f)}


def _with_aliases(f: Field, document: dict) -> dict:
    """A block that also takes one line of text (license: CC-BY-4.0) accepts both forms."""
    if "any" in f.aliases:  # kept as it came (an import's leftovers): not checked
        return {}
    if "text" in f.aliases:
        return {"anyOf": [document, {"type": ["string", "number"]}]}
    if "dates" in f.aliases:  # recurrence: [2026-12-03, 2027-01-07]
        return {"anyOf": [document, {"type": "array",
                                     "items": {"type": "string", "pattern": DATE_PATTERN}}]}
    return document


def _list_schema(f: Field, lang: str) -> dict:
    items = field_json_schema(f.item, lang) if f.item else {}
    document = {"type": "array", "items": items}
    if f.max_items is not None:
        document["maxItems"] = f.max_items
    if "single" in f.aliases:  # one value alone is read as a list of one
        return {"anyOf": [document, items]} if items else document
    return document


def _scalar_schema(f: Field) -> dict:
    document = {"type": SCALAR[f.kind][0] if len(SCALAR[f.kind]) == 1 else SCALAR[f.kind]}
    if f.minimum is not None:
        document["minimum"] = f.minimum
    if f.maximum is not None:
        document["maximum"] = f.maximum
    if f.max_length is not None:
        document["maxLength"] = f.max_length
    if f.pattern:
        document["pattern"] = f.pattern
    elif f.required and f.kind in ("text", "markdown"):
        document["pattern"] = r"\S"  # a required text is not blank
    return document


def _string_constraints(f: Field) -> dict:
    pattern = f.pattern or {"date": DATE_PATTERN, "datetime": DATETIME_PATTERN,
                            "slug": SLUG_PATTERN, "colour": COLOUR_PATTERN,
                            "email": EMAIL_PATTERN, "lang": LANG_PATTERN}.get(f.kind)
    document = {"pattern": pattern} if pattern else {}
    if f.kind == "url":
        schemes = f.schemes or ("https", "http")
        document["pattern"] = "^(" + "|".join(schemes) + "):"
        document["format"] = "uri"
    return document


def json_schemas(schema: Schema, lang: str = "en") -> dict[str, dict]:
    """Every content type's JSON Schema, by type name (what `invoke schema` writes)."""
    return {name: to_json_schema(t, lang) for name, t in sorted(schema.types.items())}


def checked_in_code(where: str, fields) -> tuple[Field, ...]:
    """`fields` marked as checked by the code at `where` (module.function)."""
    return tuple(replace(f, checked_by=where) for f in fields)
