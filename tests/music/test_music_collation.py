"""A–Z order of artists as a Danish, Swedish or English reader expects it."""

from shelfcast_music.collation import index_letter, sort_key

NAMES = ["Zebra Zone", "Aase Ørum Trio", "Abba", "Øresund", "Ærø Band", "Åsa Ängström",
         "Östen med Resten", "Sigur Rós", "The Beatles", "Björk", "Émilie Simon"]


def ordered(lang, names=NAMES):
    return sorted(names, key=lambda name: sort_key(name, lang))


def test_danish_puts_ae_oe_aa_after_z_and_reads_aa_as_aa():
    assert ordered("da") == [
        "Abba", "Björk", "Émilie Simon", "Sigur Rós", "The Beatles", "Zebra Zone",
        "Ærø Band", "Øresund", "Östen med Resten", "Åsa Ängström", "Aase Ørum Trio"]


def test_swedish_puts_aa_ae_oe_after_z_but_aa_is_two_as():
    assert ordered("sv") == [
        "Aase Ørum Trio", "Abba", "Björk", "Émilie Simon", "Sigur Rós", "The Beatles",
        "Zebra Zone", "Åsa Ängström", "Ærø Band", "Øresund", "Östen med Resten"]


def test_english_folds_accents_and_ignores_leading_the():
    assert ordered("en") == [
        "Aase Ørum Trio", "Abba", "Ærø Band", "Åsa Ängström", "The Beatles", "Björk",
        "Émilie Simon", "Øresund", "Östen med Resten", "Sigur Rós", "Zebra Zone"]


def test_the_is_kept_where_it_is_the_whole_name_and_in_other_languages():
    assert ordered("en", ["The", "Tharp"]) == ["Tharp", "The"]
    assert ordered("da", ["The Beatles", "Bent Fabric"]) == ["Bent Fabric", "The Beatles"]


def test_artist_sort_wins():
    names = ["Abbey Lincoln", "Bill Evans", "Miles Davis"]
    sort_as = {"Miles Davis": "Davis, Miles", "Bill Evans": "Evans, Bill",
               "Abbey Lincoln": "Lincoln, Abbey"}
    result = sorted(names, key=lambda n: sort_key(n, "en", sort_as.get(n)))
    assert result == ["Miles Davis", "Bill Evans", "Abbey Lincoln"]
    # "The" is not dropped from an explicit artist_sort either
    assert sort_key("The The", "en", "The The") > sort_key("Tharp", "en")


def test_index_letters_follow_the_language():
    assert index_letter("Aase Ørum Trio", "da") == "Å"
    assert index_letter("Aase Ørum Trio", "sv") == "A"
    assert index_letter("Östen med Resten", "da") == "Ø"
    assert index_letter("Östen med Resten", "sv") == "Ö"
    assert index_letter("Øresund", "en") == "O"
    assert index_letter("The Beatles", "en") == "B"
    assert index_letter("Miles Davis", "en", "Davis, Miles") == "D"
    assert index_letter("2Pac", "en") == "0–9"
    assert index_letter("!!!", "en") == "#"


def test_order_does_not_depend_on_input_order():
    assert ordered("da", list(reversed(NAMES))) == ordered("da")
