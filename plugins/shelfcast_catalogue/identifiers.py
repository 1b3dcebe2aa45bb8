"""Parse, check and normalise the identifiers librarians write: `isbn:978-0-261-10334-4` etc.

Pure functions over strings. A mistake raises IdentifierError with a message a librarian can
act on (the wrong check digit and the right one, the expected length), never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shelfcast_sitekit.problems import shorten
from stdnum import ean, isbn, ismn, issn

# Every scheme an author may write. `record` is the catalogue's own record id.
SCHEMES = ("isbn", "issn", "ismn", "ean", "upc", "oclc", "faust", "libris", "record")

# Spaces and hyphens are how numbers are printed on books and CD sleeves.
SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
OCLC_PREFIX = re.compile(r"^(?:\(ocolc\)|ocm|ocn|on)", re.IGNORECASE)
LIBRIS_ID = re.compile(r"^(?:\d{1,9}|[0-9a-z]{15,16})$")
RECORD_ID = re.compile(r"^[^\s<>\"'`]{1,200}$")


class IdentifierError(ValueError):
    """An identifier that cannot be linked; str() is the message for the librarian."""


@dataclass(frozen=True)
class Identifier:
    """A checked identifier: its scheme, its normalised value and a form for people to read."""

    scheme: str
    value: str
    display: str

    @property
    def uri(self) -> str:
        return f"{self.scheme}:{self.value}"


def split_uri(uri: str) -> tuple[str, str]:
    """Split `scheme:value`; the scheme is case-insensitive, unknown schemes are an error."""
    scheme, colon, value = uri.strip().partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in SCHEMES:
        raise IdentifierError(f"{shorten(uri)} is not an identifier link; write one of "
                              + ", ".join(f"{s}:" for s in SCHEMES) + " followed by the number")
    if not value.strip():
        raise IdentifierError(f"{shorten(uri)} has no number after '{scheme}:'")
    return scheme, value.strip()


def parse(uri: str) -> Identifier:
    """Check one `scheme:value` identifier and return it normalised."""
    scheme, raw = split_uri(uri)
    return PARSERS[scheme](raw, f"{scheme}:{raw}")


def _digits(raw: str) -> str:
    return SEPARATORS.sub("", raw)


def _wrong_digit(shown: str, right: str) -> IdentifierError:
    """The message for a wrong check digit, naming the digit it should be."""
    body = shown.rstrip()[:-1]
    # Echo the end of what was written, so the librarian sees where the digit goes.
    tail = body[-1:] if body[-1:] in "- " else body.split(":", 1)[-1][-3:]
    return IdentifierError(f"{shown} has a wrong check digit (did you mean …{tail}{right}?); "
                           "check the number on the item")


def _isbn10_check(body: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(body))
    digit = (11 - total % 11) % 11
    return "X" if digit == 10 else str(digit)


def parse_isbn(raw: str, shown: str) -> Identifier:
    number = _digits(raw).upper()
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", number):
        raise IdentifierError(f"{shown} is not an ISBN: an ISBN has 10 or 13 digits "
                              f"(this has {sum(c.isdigit() for c in number)})")
    if len(number) == 13:
        if number.startswith("9790"):
            raise IdentifierError(f"{shown} is an ISMN (printed music), not an ISBN; "
                                  f"write ismn:{raw} instead")
        if number[:3] not in ("978", "979"):
            raise IdentifierError(f"{shown} is not an ISBN: a 13-digit ISBN starts with 978 "
                                  "or 979 (for a CD or DVD barcode write ean:)")
        right = ean.calc_check_digit(number[:12])
    else:
        right = _isbn10_check(number[:9])
    if number[-1] != right:
        raise _wrong_digit(shown, right)
    normal = isbn.to_isbn13(number)
    return Identifier("isbn", normal, "ISBN " + isbn.format(normal))


def parse_issn(raw: str, shown: str) -> Identifier:
    number = _digits(raw).upper()
    if not re.fullmatch(r"\d{7}[\dX]", number):
        raise IdentifierError(f"{shown} is not an ISSN: an ISSN has 8 characters, "
                              "like 0317-8471")
    right = issn.calc_check_digit(number[:7])
    if number[-1] != right:
        raise _wrong_digit(shown, right)
    normal = issn.format(number)
    return Identifier("issn", normal, "ISSN " + normal)


def parse_ismn(raw: str, shown: str) -> Identifier:
    number = _digits(raw).upper()
    if re.fullmatch(r"M\d{9}", number):
        number = "9790" + number[1:]
    if not re.fullmatch(r"9790\d{9}", number):
        raise IdentifierError(f"{shown} is not an ISMN: an ISMN has 13 digits starting "
                              "979-0 (or M and 9 digits)")
    right = ean.calc_check_digit(number[:12])
    if number[-1] != right:
        raise _wrong_digit(shown, right)
    return Identifier("ismn", number, "ISMN " + ismn.format(number))


def _gtin(raw: str, shown: str, lengths: tuple[int, ...], kind: str) -> str:
    number = _digits(raw)
    if not number.isdigit() or len(number) not in lengths:
        sizes = " or ".join(str(n) for n in lengths)
        raise IdentifierError(f"{shown} is not a valid {kind}: it needs {sizes} digits "
                              f"(this has {sum(c.isdigit() for c in number)})")
    right = ean.calc_check_digit(number[:-1])
    if number[-1] != right:
        raise _wrong_digit(shown, right)
    return number


def parse_ean(raw: str, shown: str) -> Identifier:
    number = _gtin(raw, shown, (8, 12, 13), "EAN barcode")
    # A 12-digit barcode is a UPC-A: the same number as an EAN-13 with a leading 0.
    if len(number) == 12:
        number = "0" + number
    return Identifier("ean", number, "EAN " + number)


def parse_upc(raw: str, shown: str) -> Identifier:
    number = _gtin(raw, shown, (12,), "UPC-A barcode")
    return Identifier("upc", number, "UPC " + number)


def upc_as_ean(upc: str) -> str:
    """The EAN-13 form of a UPC-A number (a leading zero)."""
    return "0" + upc


def parse_oclc(raw: str, shown: str) -> Identifier:
    number = OCLC_PREFIX.sub("", _digits(raw))
    if not number.isdigit() or not 1 <= len(number.lstrip("0")) <= 12:
        raise IdentifierError(f"{shown} is not an OCLC number: write the digits only, "
                              "like oclc:1037798")
    number = number.lstrip("0")
    return Identifier("oclc", number, "OCLC " + number)


def faust_check_digit(body: str) -> str | None:
    """Check digit of a faust number (modulus 11, weights 2,7,6,5,4,3,2 from the left).

    The rule DBC (the Danish bibliographic centre) uses to validate 001 *a in danMARC2
    records. A body whose check digit would be 10 has no valid number (None).
    """
    weights = [7, 6, 5, 4, 3, 2] * 3
    weights = weights[len(weights) - len(body):]
    remainder = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    digit = 0 if remainder == 0 else 11 - remainder
    return None if digit == 10 else str(digit)


def parse_faust(raw: str, shown: str) -> Identifier:
    number = _digits(raw)
    if not re.fullmatch(r"\d{8}", number):
        raise IdentifierError(f"{shown} is not a faust number: a faust number has 8 digits, "
                              "like faust:23741561")
    right = faust_check_digit(number[:7])
    if right is None:
        raise IdentifierError(f"{shown} is not a faust number (no check digit fits its "
                              "first 7 digits); check the number on bibliotek.dk")
    if number[-1] != right:
        raise _wrong_digit(shown, right)
    return Identifier("faust", number, "faust " + number)


def parse_libris(raw: str, shown: str) -> Identifier:
    number = raw.strip().lower()
    if not LIBRIS_ID.fullmatch(number):
        raise IdentifierError(f"{shown} is not a Libris id: write the number from an old "
                              "Libris link (digits) or the 15-16 letters and digits of a new one")
    return Identifier("libris", number, "Libris " + number)


def parse_record(raw: str, shown: str) -> Identifier:
    if not RECORD_ID.fullmatch(raw):
        raise IdentifierError(f"{shown} is not a record id: write the catalogue's record "
                              "number without spaces or quotes")
    return Identifier("record", raw, "record " + raw)


PARSERS = {
    "isbn": parse_isbn, "issn": parse_issn, "ismn": parse_ismn, "ean": parse_ean,
    "upc": parse_upc, "oclc": parse_oclc, "faust": parse_faust, "libris": parse_libris,
    "record": parse_record,
}


def is_valid(uri: str) -> bool:
    try:
        parse(uri)
    except IdentifierError:
        return False
    return True
