"""Identifiers as librarians write them: accepted forms and the message for each mistake."""

import pytest
from shelfcast_catalogue.identifiers import IdentifierError, parse

VALID = [
    # written form, normalised value, readable form
    ("isbn:9780261103344", "9780261103344", "ISBN 978-0-261-10334-4"),
    ("isbn:978-0-261-10334-4", "9780261103344", "ISBN 978-0-261-10334-4"),
    ("isbn:978 0 261 10334 4", "9780261103344", "ISBN 978-0-261-10334-4"),
    ("isbn:0-261-10334-2", "9780261103344", "ISBN 978-0-261-10334-4"),  # ISBN-10 -> 13
    ("ISBN:0141439513", "9780141439518", "ISBN 978-0-14-143951-8"),
    ("issn:0028-0836", "0028-0836", "ISSN 0028-0836"),
    ("issn:00280836", "0028-0836", "ISSN 0028-0836"),
    ("ismn:979-0-2600-0043-8", "9790260000438", "ISMN 979-0-2600-0043-8"),
    ("ismn:M-2600-0043-8", "9790260000438", "ISMN 979-0-2600-0043-8"),
    ("ean:5099750442227", "5099750442227", "EAN 5099750442227"),
    ("ean:724349532120", "0724349532120", "EAN 0724349532120"),  # a UPC-A written as EAN
    ("upc:075678164125", "075678164125", "UPC 075678164125"),
    ("oclc:1037798", "1037798", "OCLC 1037798"),
    ("oclc:ocm01037798", "1037798", "OCLC 1037798"),
    ("oclc:(OCoLC)1037798", "1037798", "OCLC 1037798"),
    ("faust:50984508", "50984508", "faust 50984508"),
    ("faust:5098 4508", "50984508", "faust 50984508"),
    ("libris:tr57vbvg2csxgqs", "tr57vbvg2csxgqs", "Libris tr57vbvg2csxgqs"),
    ("libris:8212795", "8212795", "Libris 8212795"),
    ("record:b1234567", "b1234567", "record b1234567"),
]


@pytest.mark.parametrize("written, value, display", VALID)
def test_valid_identifiers_are_normalised(written, value, display):
    ident = parse(written)
    assert (ident.value, ident.display) == (value, display)


INVALID = [
    ("isbn:978-87-02-17301-6", "isbn:978-87-02-17301-6 has a wrong check digit "
                               "(did you mean …-7?)"),
    ("isbn:0-261-10334-3", "has a wrong check digit (did you mean …-2?)"),
    ("isbn:979-0-2600-0043-8", "is an ISMN (printed music), not an ISBN"),
    ("isbn:97802611033", "an ISBN has 10 or 13 digits (this has 11)"),
    ("isbn:1234567890123", "starts with 978 or 979"),
    ("isbn:978O261103344", "an ISBN has 10 or 13 digits"),
    ("issn:0028-0837", "issn:0028-0837 has a wrong check digit (did you mean …0836?)"),
    ("issn:0028-08", "an ISSN has 8 characters"),
    ("ismn:979-0-2600-0043-9", "has a wrong check digit (did you mean …-8?)"),
    ("ismn:9780261103344", "an ISMN has 13 digits starting 979-0"),
    ("ean:5099750442228", "has a wrong check digit (did you mean …2227?)"),
    ("ean:50997504422", "needs 8 or 12 or 13 digits (this has 11)"),
    ("upc:075678164126", "has a wrong check digit"),
    ("upc:5099750442227", "needs 12 digits (this has 13)"),
    ("oclc:12ab", "is not an OCLC number"),
    ("faust:50984509", "faust:50984509 has a wrong check digit (did you mean …4508?)"),
    ("faust:5098450", "a faust number has 8 digits"),
    ("libris:not a libris id!", "is not a Libris id"),
    ("record:has space", "is not a record id"),
    ("isbn:", "has no number after 'isbn:'"),
    ("isbm:9780261103344", "is not an identifier link"),
]


@pytest.mark.parametrize("written, message", INVALID)
def test_invalid_identifiers_say_what_is_wrong(written, message):
    with pytest.raises(IdentifierError) as caught:
        parse(written)
    assert message in str(caught.value)
