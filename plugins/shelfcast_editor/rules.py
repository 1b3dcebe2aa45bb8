"""The checks the editor's script (static/shelfcast-editor.js) makes before saving, per
collection, derived from the schema: dates in the build's form, alt text beside each picture,
ISBN check digits, an end not before its start. Decap's field options cannot say these."""

from __future__ import annotations

from shelfcast_sitekit.schema import field_json_schema

MESSAGES = {
    "en": {"date": "{field}: not a date the site can read; write it like {example}.",
           "alt": "{field}: a picture needs a text that says what it shows (alt text).",
           "isbn": "ISBN {isbn}: the check digit is wrong; copy the number again from the book.",
           "order": "{end} is before {start}; the end must come after the start.",
           "scheduled": "Scheduled: appears on the site from {date} (the first build after)."},
    "da": {"date": "{field}: ikke en dato, sitet kan læse; skriv den som {example}.",
           "alt": "{field}: et billede skal have en tekst, der siger, hvad det viser "
                  "(alt-tekst).",
           "isbn": "ISBN {isbn}: kontrolcifferet er forkert; skriv nummeret af fra bogen igen.",
           "order": "{end} er før {start}; slutningen skal komme efter starten.",
           "scheduled": "Planlagt: vises på sitet fra {date} (første byg derefter)."},
    "sv": {"date": "{field}: inte ett datum som webbplatsen kan läsa; skriv det som {example}.",
           "alt": "{field}: en bild behöver en text som säger vad den visar (alt-text).",
           "isbn": "ISBN {isbn}: kontrollsiffran är fel; skriv av numret från boken igen.",
           "order": "{end} är före {start}; slutet måste komma efter starten.",
           "scheduled": "Schemalagt: visas på webbplatsen från {date} (första bygget därefter)."},
}
ALT_NAMES = ("{name}_alt", "alt")


def editor_rules(config: dict, schema, lang: str) -> dict:
    """{"messages": ..., "collections": {collection name: rules}} for the editor's script."""
    by_name = {}
    for collection in config["collections"]:
        type_name = collection["name"].split("-", 1)[0]
        by_name[collection["name"]] = type_rules(schema.types[type_name], lang)
    return {"messages": MESSAGES[lang], "collections": by_name}


def type_rules(content_type, lang: str) -> dict:
    fields = content_type.fields
    return {"dates": date_rules(fields, lang), "alt": alt_rules(fields, lang),
            "isbn": [{"field": f.name} for f in fields if is_isbn(f)],
            "order": order_rules(fields, lang),
            "preview": content_type.name}


def date_rules(fields, lang: str) -> list[dict]:
    return [{"field": f.name, "label": f.text("label", lang),
             "pattern": field_json_schema(f, lang)["pattern"],
             "example": str(f.example or "2026-06-01")}
            for f in fields if f.kind in ("date", "datetime")]


def alt_rules(fields, lang: str, holder: str | None = None) -> list[dict]:
    """Each picture field with its alt text field: siblings, or inside a list of blocks."""
    names = {f.name for f in fields}
    found = []
    for f in fields:
        if f.kind == "image":
            alt = next((a.format(name=f.name) for a in ALT_NAMES
                        if a.format(name=f.name) in names), None)
            if alt:
                found.append({"image": f.name, "alt": alt, "list": holder,
                              "label": f.text("label", lang)})
        if f.kind == "list" and f.item is not None and f.item.kind == "block" and not holder:
            found += alt_rules(f.item.fields, lang, holder=f.name)
    return found


def order_rules(fields, lang: str) -> list[dict]:
    """start/end pairs, at the top level or in a block (the event: block)."""
    found = []
    for block_name, members in [(None, fields)] + [(f.name, f.fields) for f in fields
                                                   if f.kind == "block"]:
        named = {f.name: f for f in members}
        if "start" in named and "end" in named:
            found.append({"block": block_name, "start": "start", "end": "end",
                          "start_label": named["start"].text("label", lang),
                          "end_label": named["end"].text("label", lang)})
    return found


def is_isbn(f) -> bool:
    return f.kind == "identifier" and f.name == "isbn"
