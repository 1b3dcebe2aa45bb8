"""Turn an identifier (or a free-text query) into a link to the library's catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from shelfcast_sitekit.problems import shorten

from .config import CatalogueConfig
from .identifiers import Identifier, IdentifierError, parse, upc_as_ean

# A scheme may borrow another's template: a UPC-A is an EAN-13 with a leading zero.
BORROWS = {"upc": ("ean", upc_as_ean)}


@dataclass(frozen=True)
class Link:
    """A catalogue link: the identifier it came from and where it points."""

    uri: str        # normalised identifier, e.g. "isbn:9780261103344" ("" for a search)
    scheme: str     # "isbn", …, or "search"
    value: str      # normalised value, e.g. "9780261103344" (the query for a search)
    url: str        # absolute catalogue URL
    label: str      # how people read the identifier, e.g. "ISBN 978-0-261-10334-4"
    template: str   # which template made the URL ("isbn", "ean", "search", …)

    @property
    def identifier(self) -> str:
        """The identifier without URI syntax, e.g. "ISBN 9780261103344" (for CSV and HTML)."""
        return f"{self.scheme.upper()} {self.value}" if self.uri else ""


def _encode(value: str) -> str:
    return quote(value, safe="")


def _fill(template: str, config: CatalogueConfig, values: dict[str, str]) -> str:
    encoded = {name: _encode(value) for name, value in values.items()}
    return template.format_map({**config.parameters, **encoded})


def resolve(uri: str, config: CatalogueConfig) -> Link:
    """Link one `scheme:value` identifier; raise IdentifierError saying what is wrong."""
    ident = parse(uri)
    key, value = ident.scheme, ident.value
    if key not in config.templates and key in BORROWS:
        other, convert = BORROWS[key]
        if other in config.templates:
            key, value = other, convert(value)
    if key in config.templates:
        names = {key: value, "value": value}
        if key == "record":
            names.update(id=value, record=value)
        return _link(ident, _fill(config.templates[key], config, names), key)
    if "search" in config.templates:
        url = _fill(config.templates["search"], config, {"query": value, "value": value})
        return _link(ident, url, "search")
    raise IdentifierError(f"{ident.uri} cannot be linked: the catalogue settings have no "
                          f"'{ident.scheme}' template and no 'search' template; add one to "
                          "CATALOGUE['templates'] in pelicanconf.py")


def _link(ident: Identifier, url: str, template: str) -> Link:
    return Link(ident.uri, ident.scheme, ident.value, url, ident.display, template)


def search_link(query: str, config: CatalogueConfig) -> Link:
    """Link a free-text catalogue search (e.g. "Kind of Blue Miles Davis")."""
    text = " ".join(str(query).split())
    if not text:
        raise IdentifierError("an empty catalogue search; give a title or a name to search for")
    if "search" not in config.templates:
        raise IdentifierError(f"cannot search the catalogue for {shorten(text)}: the catalogue "
                              "settings have no 'search' template; add one to "
                              "CATALOGUE['templates'] in pelicanconf.py")
    url = _fill(config.templates["search"], config, {"query": text, "value": text})
    return Link("", "search", text, url, text, "search")
