"""URL templates of the catalogue systems libraries run, one preset per system.

Each template is a str.format pattern. Placeholders: {base_url} (CATALOGUE["base_url"]),
{vid}, {tab}, {scope} (Primo VE), the scheme's own name ({isbn}, {issn}, {ismn}, {ean},
{upc}, {oclc}, {faust}, {libris}), {id} for `record`, {query} for `search`, and {value}
(the normalised identifier) in any of them. Values are URL-encoded before they are put in.
`search` is the fallback for every scheme without a template of its own.
"""

from __future__ import annotations

PRESETS: dict[str, dict[str, str]] = {
    # Koha OPAC: opac-search.pl with the Zebra/Elasticsearch index names nb (ISBN), ns (ISSN);
    # opac-detail.pl?biblionumber= is the record page.
    # https://koha-community.org/manual/latest/en/html/searching.html
    "koha": {
        "isbn": "{base_url}/cgi-bin/koha/opac-search.pl?idx=nb&q={isbn}",
        "issn": "{base_url}/cgi-bin/koha/opac-search.pl?idx=ns&q={issn}",
        "record": "{base_url}/cgi-bin/koha/opac-detail.pl?biblionumber={id}",
        "search": "{base_url}/cgi-bin/koha/opac-search.pl?q={query}",
    },
    # Evergreen TPAC: /eg/opac/results?query=...&qtype=..., record pages /eg/opac/record/<id>.
    # http://docs-testing.evergreen-ils.org/docs/reorg/3.5/opac/_search_url.html
    "evergreen": {
        "isbn": "{base_url}/eg/opac/results?query={isbn}&qtype=identifier%7Cisbn",
        "issn": "{base_url}/eg/opac/results?query={issn}&qtype=identifier%7Cissn",
        "upc": "{base_url}/eg/opac/results?query={upc}&qtype=identifier%7Cupc",
        "record": "{base_url}/eg/opac/record/{id}",
        "search": "{base_url}/eg/opac/results?query={query}&qtype=keyword",
    },
    # VuFind: Search/Results?lookfor=...&type=ISN (the ISBN/ISSN search in searchspecs.yaml);
    # record pages /Record/<id>.  https://vufind.org/wiki/development:architecture:searching
    "vufind": {
        "isbn": "{base_url}/Search/Results?lookfor={isbn}&type=ISN",
        "issn": "{base_url}/Search/Results?lookfor={issn}&type=ISN",
        "record": "{base_url}/Record/{id}",
        "search": "{base_url}/Search/Results?lookfor={query}&type=AllFields",
    },
    # Primo VE deep links: discovery/search?query=<field>,<operator>,<value>&vid=&tab=
    # &search_scope=.  https://developers.exlibrisgroup.com/primo/deeplinks/ and Ex Libris
    # "How do Primo URLs work?" (knowledge.exlibrisgroup.com, Primo VE).
    "primo-ve": {
        "isbn": "{base_url}/discovery/search?query=isbn,exact,{isbn}&vid={vid}&tab={tab}"
                "&search_scope={scope}",
        "issn": "{base_url}/discovery/search?query=issn,exact,{issn}&vid={vid}&tab={tab}"
                "&search_scope={scope}",
        "record": "{base_url}/discovery/fulldisplay?docid=alma{id}&vid={vid}",
        "search": "{base_url}/discovery/search?query=any,contains,{query}&vid={vid}&tab={tab}"
                  "&search_scope={scope}",
    },
    # Polaris PowerPAC deep links: view.aspx?isbn=, ?upc=, ?cn= (control number), ?keyword=.
    # https://documentation.iii.com/polaris/7.6/PolarisStaffHelp/Public_Access_Admin/
    # PDODeepLinks/Deep_Links_to_Polaris_PAC.htm
    "polaris": {
        "isbn": "{base_url}/polaris/view.aspx?isbn={isbn}",
        "issn": "{base_url}/polaris/view.aspx?issn={issn}",
        "upc": "{base_url}/polaris/view.aspx?upc={upc}",
        "oclc": "{base_url}/polaris/view.aspx?oclc={oclc}",
        "record": "{base_url}/polaris/view.aspx?cn={id}",
        "search": "{base_url}/polaris/view.aspx?keyword={query}",
    },
    # Sierra / Millennium WebPAC: /search/<index>?SEARCH=, index i = ISBN/ISSN, o = OCLC
    # number, X = keyword; /record=<bib record number>. OCLC's deep-link syntax table:
    # https://help.oclc.org/Discovery_and_Reference/FirstSearch/WorldCat_Admin/
    # Create_deep_links_to_your_library_catalog_in_the_WorldCat_Services_administrative_module
    "sierra": {
        "isbn": "{base_url}/search/i?SEARCH={isbn}",
        "issn": "{base_url}/search/i?SEARCH={issn}",
        "oclc": "{base_url}/search/o?SEARCH={oclc}",
        "record": "{base_url}/record={id}",
        "search": "{base_url}/search/X?SEARCH={query}",
    },
    # BiblioCommons: the catalogue's keyword search (/v2/search?query=&searchType=smart);
    # identifiers are found by keyword.  https://help.bibliocommons.com/ (Core catalogue
    # search URLs)
    "bibliocommons": {
        "record": "{base_url}/v2/record/{id}",
        "search": "{base_url}/v2/search?query={query}&searchType=smart",
    },
    # Aspen Discovery: Search/Results?lookfor=&searchIndex=Keyword (ISBN/ISSN/UPC are found by
    # keyword too).  https://help.aspendiscovery.org/help/catalog/searchresults
    "aspen": {
        "search": "{base_url}/Search/Results?lookfor={query}&searchIndex=Keyword",
    },
    # DPL CMS (the Danish public libraries' shared site): work pages are addressed by the
    # national bibliography's record id 870970-basis:<faust>; everything else is a search.
    # https://github.com/danskernesdigitalebibliotek/dpl-cms (routes /work/{wid}, /search)
    "dpl-cms": {
        "faust": "{base_url}/work/work-of:870970-basis:{faust}",
        "search": "{base_url}/search?q={query}",
    },
    # bibliotek.dk (DBC, the Danish national union catalogue): linkme.php-style permanent
    # links by faust number or ISBN.  https://bibliotek.dk/ (hjælp: "link til materialer")
    "bibliotek-dk": {
        "faust": "https://bibliotek.dk/linkme?faust={faust}",
        "isbn": "https://bibliotek.dk/linkme?isbn={isbn}",
        "search": "https://bibliotek.dk/find?q.all={query}",
    },
    # Libris (the Swedish union catalogue): hitlist?q=linkisxn:<ISBN/ISSN>; bib/<id> records.
    # https://libris.kb.se/help/search_language_swe.jsp (sökkoder) and KB, "Att söka på ISBN i
    # nya Libris" (kb.se, 2018)
    "libris": {
        "isbn": "https://libris.kb.se/hitlist?q=linkisxn:{isbn}",
        "issn": "https://libris.kb.se/hitlist?q=linkisxn:{issn}",
        "libris": "https://libris.kb.se/bib/{libris}",
        "search": "https://libris.kb.se/hitlist?q={query}",
    },
    # WorldCat: search?q=bn:<ISBN> / n2:<ISSN>; title/<OCLC number> is the record page.
    # https://help.oclc.org/WorldCat/WorldCat_registry/Configure_deep_links/
    # Configure_links_to_your_online_catalog
    "worldcat": {
        "isbn": "https://search.worldcat.org/search?q=bn:{isbn}",
        "issn": "https://search.worldcat.org/search?q=n2:{issn}",
        "oclc": "https://search.worldcat.org/title/{oclc}",
        "search": "https://search.worldcat.org/search?q={query}",
    },
    # Open Library: /isbn/<ISBN> redirects to the edition.  https://openlibrary.org/dev/docs/api/books
    "openlibrary": {
        "isbn": "https://openlibrary.org/isbn/{isbn}",
        "oclc": "https://openlibrary.org/search?q=oclc:{oclc}",
        "search": "https://openlibrary.org/search?q={query}",
    },
}

# Settings a preset's templates need besides base_url, so a missing one is caught up front.
REQUIRED_PARAMETERS = {"primo-ve": ("vid", "tab", "scope")}
