"""Spot contact details (e-mail addresses, phone numbers) in text readers sent in.

Questions and comments are published under a first name only; a surname, an address or a
phone number copied from an e-mail is the mistake a busy moderator makes. These are warnings:
the moderator decides, the build names the file and field.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Eight to twelve digits with spaces, dots, dashes or brackets between them, optionally +45...
PHONE = re.compile(r"(?<![\w:/.-])\+?\(?\d[\d ().-]{6,16}\d(?![\w/-])")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IDENTIFIER_BEFORE = re.compile(r"(isbn|issn|ean|faust|oclc|record)[:\s]*$", re.IGNORECASE)


def contact_details(text: str) -> list[str]:
    """What in `text` looks like an e-mail address or a phone number, in plain words."""
    found = []
    if EMAIL.search(text):
        found.append("an e-mail address")
    for match in PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group(0))
        if not 8 <= digits <= 12 or ISO_DATE.match(match.group(0).strip()):
            continue
        if IDENTIFIER_BEFORE.search(text[: match.start()]):
            continue
        found.append("a phone number")
        break
    return found


def scan_fields(values: dict) -> list[tuple[str, str]]:
    """(field, what was found) for every text value of a front matter dict, nested included."""
    hits = []
    for name, value in values.items():
        for text in _texts(value):
            hits += [(str(name), what) for what in contact_details(text)]
    return list(dict.fromkeys(hits))


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []
