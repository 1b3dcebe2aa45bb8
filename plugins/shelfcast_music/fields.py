"""Read the fields of one `album:` or `playlist:` block into plain values, collecting problems.

The schema has checked the blocks' fields (unknown, missing, wrong kind) when the post was
read; what is checked here is what it leaves to code (check digits, a release URL, lengths).

Problems name the file, the line of the block and the field path (album.tracks[3].length),
so a librarian can find the mistake without reading Python.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from shelfcast_sitekit.fields import describe, list_too_long
from shelfcast_sitekit.problems import ContentProblem, shorten
from stdnum import ean as stdnum_ean
from stdnum.exceptions import ValidationError


@dataclass
class BlockChecker:
    """Collects problems for one block of one file."""

    path: str
    line: int | None
    problems: list[ContentProblem] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.path, self.line, name, message))

    def text(self, data: dict, key: str, name: str) -> str | None:
        """A single line of text as written, spaces tidied (the schema has checked that it
        is one, and that a required one is there)."""
        value = data.get(key)
        return None if value is None else " ".join(str(value).split()) or None

    def text_list(self, data: dict, key: str, name: str) -> list[str]:
        """A list of short texts; one text alone is a list of one."""
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            self.error(name, f"must be a list like [Jazz, Modal jazz], not {describe(value)}")
            return []
        too_long = list_too_long(len(value))  # each genre is a page
        if too_long:
            self.error(name, too_long)
            return []
        return [" ".join(str(v).split()) for v in value if str(v).strip()]

    def mapping(self, value, name: str, example: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.error(name, f"must be a block of fields like {example}, not {describe(value)}")
        return None

    def ean(self, data: dict, key: str, name: str) -> str | None:
        """An EAN-13/EAN-8 or UPC-A barcode number with a correct check digit."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(name, f"must be the barcode number, not {describe(value)}")
            return None
        try:
            number = stdnum_ean.validate(str(value))
        except ValidationError:
            hint = " (write it in quotes if it starts with 0)" if isinstance(value, int) else ""
            self.error(name, f"{value!s} is not a valid {key.upper()} (the barcode number under "
                       f"the bars, 13 digits; check for a typo){hint}")
            return None
        if key == "upc" and len(number) != 12:
            self.error(name, f"{number} is not a UPC (12 digits); an EAN goes under 'ean:'")
            return None
        return number

    def identifier(self, data: dict, key: str, name: str) -> str | None:
        """A catalogue identifier (faust number...): digits, checked by the catalogue plugin."""
        value = data.get(key)
        return None if value is None else "".join(str(value).split()) or None

    def musicbrainz(self, data: dict, key: str, name: str) -> str | None:
        value = self.text(data, key, name)
        if value is None:
            return None
        candidate = value.rstrip("/").rsplit("/", 1)[-1]
        try:
            return str(uuid.UUID(candidate))
        except ValueError:
            self.error(name, f"{shorten(value)} is not a MusicBrainz release ID; copy the ID "
                       "(like 0c6ba27a-...) or the release URL from musicbrainz.org")
            return None

    def links(self, data: dict, key: str, name: str) -> dict[str, str]:
        """Label -> http(s) URL, e.g. {Bandcamp: https://...} (the schema has checked each)."""
        return {str(label): url.strip() for label, url in (data.get(key) or {}).items()}
