"""The editor's configuration (Decap CMS `admin/config.yml`) as a function of the content
schema, the site's settings and the folders in content/: nothing here describes a field.

A content type becomes one collection per folder its files live in (so each section of
posts/ and each show of podcasts/ is its own collection), a field becomes a widget with its
label, help text (`hint`), required flag, pattern, allowed values and default in the site's
language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from shelfcast_sitekit.schema import field_json_schema

# Decap's own widget for each schema kind (kinds not listed are plain text with a pattern).
WIDGETS = {"text": "string", "markdown": "markdown", "date": "datetime",
           "datetime": "datetime", "boolean": "boolean", "integer": "number",
           "number": "number", "list": "list", "block": "object", "file": "file",
           "image": "image", "enum": "select"}
# Dates are written back the way the build reads them (shelfcast_sitekit.fields.DATE_FORMATS).
DATE_FORMATS = {"date": ("YYYY-MM-DD", False), "datetime": ("YYYY-MM-DD HH:mm", "HH:mm")}
# Interface languages Decap ships that a Shelfcast site may be written in.
UI_LANGS = ("en", "da", "sv")
PATTERN_MESSAGES = {
    "en": "Not in the expected form; for example: {example}",
    "da": "Ikke i den forventede form; for eksempel: {example}",
    "sv": "Inte i den väntade formen; till exempel: {example}",
}
BACKENDS = {"github": "github", "gitlab": "gitlab", "gitea": "gitea", "forgejo": "gitea"}


def site_lang(settings: Mapping) -> str:
    lang = str(settings.get("DEFAULT_LANG") or "en").split("-")[0].lower()
    return lang if lang in UI_LANGS else "en"


def editor_config(schema, settings: Mapping, content_folders, editor: Mapping) -> dict:
    """The whole Decap configuration. `content_folders` maps each folder under content/ (as
    "posts/music") to the file names in it; `editor` is the EDITOR settings dict."""
    lang = site_lang(settings)
    # File names as the build's slugs are: lower-case ASCII, accents dropped (læsning ->
    # laesning is Pelican's own transliteration too).
    config = {"locale": lang, **backend_config(editor),
              "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
              "media_folder": "content/images", "public_folder": "images",
              "collections": collections(schema, settings, content_folders, editor, lang)}
    if editor.get("local"):
        config["local_backend"] = {"url": local_backend_url(editor),
                                   "allowed_hosts": ["127.0.0.1", "localhost"]}
    else:
        config["publish_mode"] = "editorial_workflow"
    return config


def local_backend_url(editor: Mapping) -> str:
    return f"http://127.0.0.1:{int(editor.get('local_port') or 8081)}/api/v1"


def backend_config(editor: Mapping) -> dict:
    """`backend:` for the library's git host; the local editor ignores it."""
    name = BACKENDS[editor.get("backend") or "github"]
    backend = {"name": name, "repo": editor.get("repo") or "library/site",
               "branch": editor.get("branch") or "main"}
    for key in ("base_url", "api_root", "auth_endpoint", "app_id", "auth_type"):
        if editor.get(key):
            backend[key] = editor[key]
    return {"backend": backend}


def collections(schema, settings, content_folders, editor, lang) -> list[dict]:
    """One collection per (content type, folder), in the order of the schema's types."""
    found = folders_by_type(schema, content_folders, editor)
    result = []
    for type_name, content_type in schema.types.items():
        for folder, names in sorted(found.get(type_name, {}).items()):
            result.append(collection(content_type, folder, names, lang))
    return result


def folders_by_type(schema, content_folders, editor) -> dict:
    """{type name: {folder: [file names, or [] for "any file of the type"]}}: the folders
    whose files the schema assigns to a type, plus new post sections named in EDITOR."""
    found: dict = {}
    for folder, names in content_folders.items():
        for name in names:
            content_type = schema.type_for(f"{folder}/{name}" if folder else name)
            if content_type is not None:
                found.setdefault(content_type.name, {}).setdefault(folder, set()).add(name)
    if "post" in schema.types:
        for section in editor.get("sections") or ():
            found.setdefault("post", {}).setdefault(f"posts/{section}", set())
    return found


def collection(content_type, folder: str, names, lang: str) -> dict:
    """A folder collection, or a files collection for a type whose file has a fixed name."""
    label = f"{content_type.label.get(lang) or content_type.name}: {folder}"
    fields = [widget(f, lang) for f in content_type.fields]
    if content_type.body and content_type.format == "markdown":
        # Raw Markdown first: the rich-text mode would escape catalogue links [x](isbn:...).
        fields.append({"name": "body", "label": body_label(lang), "widget": "markdown",
                       "modes": ["raw", "rich_text"], "required": False})
    base = {"name": collection_name(content_type.name, folder), "label": label}
    fixed = fixed_name(content_type, folder, names)
    if fixed:
        return {**base, "files": [{"name": "file", "label": label, "file":
                                   f"content/{folder}/{fixed}", "fields": fields}]}
    extension = "yaml" if content_type.format == "yaml" else "md"
    entry = {**base, "folder": f"content/{folder}", "create": True, "extension": extension,
             "format": "yaml" if extension == "yaml" else "yaml-frontmatter",
             "slug": "{{slug}}", "fields": fields}
    if any(f.name == "title" for f in content_type.fields):
        entry["identifier_field"] = "title"
    return entry


def fixed_name(content_type, folder: str, names) -> str | None:
    """`show.yaml` when every pattern of the type that fits this folder names one file."""
    literal = [p.rsplit("/", 1)[-1] for p in content_type.where if not
               any(c in p.rsplit("/", 1)[-1] for c in "*?[")]
    fitting = [name for name in literal if not names or name in names]
    return fitting[0] if fitting and len(content_type.where) == len(literal) else None


def collection_name(type_name: str, folder: str) -> str:
    return f"{type_name}-" + folder.replace("/", "-").replace(".", "-")


def body_label(lang: str) -> str:
    return {"da": "Tekst", "sv": "Text"}.get(lang, "Text")


def widget(f, lang: str) -> dict:
    """One schema field as a Decap field."""
    entry = {"name": f.name, "label": f.text("label", lang),
             "widget": WIDGETS.get(f.kind, "string"), "required": bool(f.required)}
    if f.help:
        entry["hint"] = f.text("help", lang)
    if f.default is not None:
        entry["default"] = f.default
    return {**entry, **kind_options(f, lang)}


def kind_options(f, lang: str) -> dict:
    """What a kind adds to its widget: formats, options, nested fields, a pattern."""
    if f.allowed:
        return {"widget": "select", "options": [str(v) for v in f.allowed]}
    if f.kind in DATE_FORMATS:
        stored, time_format = DATE_FORMATS[f.kind]
        return {"format": stored, "date_format": "YYYY-MM-DD", "time_format": time_format}
    if f.kind == "block" and not f.fields:
        # A block the schema leaves open (what an import recorded): kept as it is, not shown;
        # Decap's own config check refuses an object widget without fields.
        return {"widget": "hidden"}
    if f.kind == "block":
        # Decap checks a block's required fields even when the block is left empty, so in an
        # optional block (album:, event:) they are optional here; the build still requires
        # them once the block is written (shelfcast_sitekit.schemacheck).
        fields = [widget(nested, lang) for nested in f.fields]
        if not f.required:
            fields = [{**nested, "required": False} for nested in fields]
        return {"fields": fields, "collapsed": True}
    if f.kind == "list":
        return list_options(f, lang)
    if f.kind in ("integer", "number"):
        return number_options(f)
    if f.kind in ("file", "image") and f.upload_folder:
        # Uploads land in the folder beside the entry (a show's audio/), and the field holds
        # the path as the build reads it (audio/episode-1.mp3).
        return {"media_folder": f.upload_folder, "public_folder": f.upload_folder}
    return pattern_option(f, lang)


def list_options(f, lang: str) -> dict:
    options = {"max": f.max_items} if f.max_items is not None else {}
    item = f.item
    if item is None:
        return options
    if item.kind == "block":
        fields = [widget(nested, lang) for nested in item.fields]
        if f.default is None and any("default" in nested for nested in fields):
            # Decap starts a new entry's list with one item made of its fields' defaults (a
            # person with role host and no name), which its own required check then refuses
            # from inside the collapsed list, so the entry cannot be saved: start empty.
            options["default"] = []
        return {**options, "fields": fields}
    return {**options, "field": widget(item, lang)}


def number_options(f) -> dict:
    options = {"value_type": "int" if f.kind == "integer" else "float"}
    if f.minimum is not None:
        options["min"] = f.minimum
    if f.maximum is not None:
        options["max"] = f.maximum
    return options


def pattern_option(f, lang: str) -> dict:
    """The schema's pattern for the field (the JSON Schema export's, so the build, the export
    and the editor agree), with a message that shows the field's example."""
    pattern = field_json_schema(f, lang).get("pattern")
    if not pattern:
        return {}
    example = f.example if f.example is not None else ""
    return {"pattern": [pattern, PATTERN_MESSAGES[lang].format(example=example)]}


def content_folders(content_root: str) -> dict[str, list[str]]:
    """{folder relative to content/: [file names]} for every folder under content/."""
    found = {}
    for folder, dirs, files in os.walk(content_root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = os.path.relpath(folder, content_root).replace(os.sep, "/")
        found["" if relative == "." else relative] = sorted(
            name for name in files if not name.startswith("."))
    return found
