"""Each preset gives the URL its vendor documents, for real identifiers (written by hand from
the documented patterns, not from our templates)."""

import pytest
from shelfcast_catalogue.config import parse_config
from shelfcast_catalogue.identifiers import IdentifierError
from shelfcast_catalogue.links import resolve, search_link

HOBBIT = "isbn:0-261-10334-2"          # The Hobbit, HarperCollins paperback (ISBN-10)
NATURE = "issn:0028-0836"
KIND_OF_BLUE = "ean:5099750442227"

CASES = {
    "koha": ({"base_url": "https://koha.example.org/"}, [
        (HOBBIT, "https://koha.example.org/cgi-bin/koha/opac-search.pl?idx=nb&q=9780261103344"),
        (NATURE, "https://koha.example.org/cgi-bin/koha/opac-search.pl?idx=ns&q=0028-0836"),
        ("record:12345", "https://koha.example.org/cgi-bin/koha/opac-detail.pl?biblionumber=12345"),
    ]),
    "evergreen": ({"base_url": "https://eg.example.org"}, [
        (HOBBIT, "https://eg.example.org/eg/opac/results?query=9780261103344"
                 "&qtype=identifier%7Cisbn"),
        ("record:4711", "https://eg.example.org/eg/opac/record/4711"),
    ]),
    "vufind": ({"base_url": "https://vufind.example.org"}, [
        (HOBBIT, "https://vufind.example.org/Search/Results?lookfor=9780261103344&type=ISN"),
        (NATURE, "https://vufind.example.org/Search/Results?lookfor=0028-0836&type=ISN"),
        ("record:kb.123", "https://vufind.example.org/Record/kb.123"),
    ]),
    "primo-ve": ({"base_url": "https://kb.primo.exlibrisgroup.com", "vid": "45KB_INST:KB",
                  "tab": "Everything", "scope": "MyInst_and_CI"}, [
        (HOBBIT, "https://kb.primo.exlibrisgroup.com/discovery/search?query=isbn,exact,"
                 "9780261103344&vid=45KB_INST:KB&tab=Everything&search_scope=MyInst_and_CI"),
    ]),
    "polaris": ({"base_url": "https://catalog.example.org"}, [
        (HOBBIT, "https://catalog.example.org/polaris/view.aspx?isbn=9780261103344"),
        ("record:13243", "https://catalog.example.org/polaris/view.aspx?cn=13243"),
    ]),
    "sierra": ({"base_url": "https://sierra.example.org"}, [
        (HOBBIT, "https://sierra.example.org/search/i?SEARCH=9780261103344"),
        ("oclc:ocm01037798", "https://sierra.example.org/search/o?SEARCH=1037798"),
    ]),
    "bibliocommons": ({"base_url": "https://ottawa.bibliocommons.com"}, [
        (HOBBIT, "https://ottawa.bibliocommons.com/v2/search?query=9780261103344"
                 "&searchType=smart"),
    ]),
    "aspen": ({"base_url": "https://aspen.example.org"}, [
        (HOBBIT, "https://aspen.example.org/Search/Results?lookfor=9780261103344"
                 "&searchIndex=Keyword"),
        (KIND_OF_BLUE, "https://aspen.example.org/Search/Results?lookfor=5099750442227"
                       "&searchIndex=Keyword"),
    ]),
    "dpl-cms": ({"base_url": "https://bibliotek.example.dk"}, [
        ("faust:50984508", "https://bibliotek.example.dk/work/work-of:870970-basis:50984508"),
        (HOBBIT, "https://bibliotek.example.dk/search?q=9780261103344"),
    ]),
    "bibliotek-dk": ({}, [
        ("faust:50984508", "https://bibliotek.dk/linkme?faust=50984508"),
        (HOBBIT, "https://bibliotek.dk/linkme?isbn=9780261103344"),
    ]),
    "libris": ({}, [
        ("isbn:978-91-1-301408-1", "https://libris.kb.se/hitlist?q=linkisxn:9789113014081"),
        (NATURE, "https://libris.kb.se/hitlist?q=linkisxn:0028-0836"),
    ]),
    "worldcat": ({}, [
        (HOBBIT, "https://search.worldcat.org/search?q=bn:9780261103344"),
        ("oclc:1037798", "https://search.worldcat.org/title/1037798"),
    ]),
    "openlibrary": ({}, [
        (HOBBIT, "https://openlibrary.org/isbn/9780261103344"),
    ]),
}


def config_for(system, extra=None):
    config, problems = parse_config({"system": system, **(extra or {})})
    assert problems == [], problems
    return config


@pytest.mark.parametrize("system, uri, url", [
    (system, uri, url) for system, (_extra, rows) in CASES.items() for uri, url in rows])
def test_preset_gives_documented_url(system, uri, url):
    assert resolve(uri, config_for(system, CASES[system][0])).url == url


def test_every_preset_is_tested():
    from shelfcast_catalogue.presets import PRESETS
    assert set(PRESETS) == set(CASES)


def test_identifier_without_template_falls_back_to_search_with_the_identifier():
    link = resolve("ismn:979-0-2600-0043-8", config_for("koha", {"base_url": "https://k.org"}))
    assert link.url == "https://k.org/cgi-bin/koha/opac-search.pl?q=9790260000438"


def test_preset_template_overridden_one_by_one():
    config = config_for("koha", {"base_url": "https://k.org",
                                 "templates": {"isbn": "https://other.org/isbn/{isbn}"}})
    assert resolve(HOBBIT, config).url == "https://other.org/isbn/9780261103344"
    assert resolve(NATURE, config).url.startswith("https://k.org/cgi-bin/koha/")


def test_upc_uses_an_ean_template_as_ean13():
    config = config_for(None, {"templates": {"ean": "https://x.org/ean/{ean}"}})
    assert resolve("upc:075678164125", config).url == "https://x.org/ean/0075678164125"


def test_values_are_url_encoded():
    config = config_for(None, {"templates": {"record": "https://x.org/rec/{id}",
                                             "search": "https://x.org/s?q={query}"}})
    assert resolve("record:a/b&c?d", config).url == "https://x.org/rec/a%2Fb%26c%3Fd"
    assert search_link("Kind of Blue & more", config).url == \
        "https://x.org/s?q=Kind%20of%20Blue%20%26%20more"


def test_no_template_and_no_search_is_a_clear_error():
    config = config_for(None, {"templates": {"isbn": "https://x.org/{isbn}"}})
    with pytest.raises(IdentifierError, match="no 'faust' template and no 'search' template"):
        resolve("faust:50984508", config)
    with pytest.raises(IdentifierError, match="no 'search' template"):
        search_link("Blue Train", config)


def test_search_link_for_an_album_without_identifier():
    link = search_link("  Blue   Train  John Coltrane ", config_for("bibliotek-dk"))
    assert link.url == "https://bibliotek.dk/find?q.all=Blue%20Train%20John%20Coltrane"
    assert (link.scheme, link.value, link.uri) == ("search", "Blue Train John Coltrane", "")
    with pytest.raises(IdentifierError, match="empty catalogue search"):
        search_link("   ", config_for("bibliotek-dk"))
