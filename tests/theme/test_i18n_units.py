"""Catalogue compilation, language fallback and per-locale dates, without Pelican."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from shelfcast_i18n.catalogues import Catalogues, compile_po, load_catalogues
from shelfcast_i18n.dates import local_date, local_period
from shelfcast_i18n.languages import language_name, og_locale
from shelfcast_i18n.settings import read_settings

GOOD_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Archive"
msgstr "Arkiv"

#, python-format
msgid "Posts by %(author)s"
msgstr "Indlæg af %(author)s"
'''


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_a_po_file_compiles_and_translates(tmp_path):
    translations, problems = compile_po(str(write(tmp_path, "da.po", GOOD_PO)))
    assert problems == []
    assert translations.gettext("Archive") == "Arkiv"
    assert translations.gettext("Posts by %(author)s") % {"author": "Karen"} == "Indlæg af Karen"
    assert translations.gettext("Not translated") == "Not translated"


@pytest.mark.parametrize("name, text, words", [
    ("da.po", 'msgid "Archive"\nmsgstr "Arkiv', "da.po:2: is not a .po line"),
    ("da.po", GOOD_PO.replace('msgstr "Indlæg af %(author)s"', 'msgstr "Indlæg af %(navn)s"'),
     "placeholder"),
    ("da.po", GOOD_PO.replace('msgid "Archive"', 'msgid Archive'), "da.po:6"),
    ("da.po", GOOD_PO.encode("latin-1", errors="replace").replace(b"Indl\xe6g", b"Indl\xe6g"),
     "UTF-8"),
    ("klingon-xx.po", GOOD_PO, "not a language code"),
])
def test_a_broken_po_file_is_named_with_the_fix(tmp_path, name, text, words):
    translations, problems = compile_po(str(write(tmp_path, name, text)))
    assert translations is None
    assert len(problems) == 1
    assert name in problems[0].path and words in str(problems[0])


def test_an_empty_po_file_translates_nothing_but_is_not_an_error(tmp_path):
    translations, problems = compile_po(str(write(tmp_path, "sv.po", "")))
    assert problems == [] and translations.gettext("Archive") == "Archive"


def test_catalogues_fall_back_from_region_to_language_to_english(tmp_path):
    write(tmp_path, "da.po", GOOD_PO)
    catalogues, problems = load_catalogues(str(tmp_path))
    assert problems == [] and catalogues.languages() == ["da"]
    assert catalogues.for_lang("da-DK").gettext("Archive") == "Arkiv"
    assert catalogues.for_lang("da_dk").gettext("Archive") == "Arkiv"
    assert catalogues.for_lang("fr").gettext("Archive") == "Archive"
    assert catalogues.for_lang(None).gettext("Archive") == "Archive"
    assert catalogues.has("da") and not catalogues.has("en")


def test_a_missing_catalogue_folder_means_english_only(tmp_path):
    catalogues, problems = load_catalogues(str(tmp_path / "nowhere"))
    assert problems == [] and catalogues == Catalogues()


@pytest.mark.parametrize("lang, expected", [
    ("en", "November 2, 2026"), ("da", "2. november 2026"), ("sv", "2 november 2026"),
    ("en-GB", "2 November 2026"), ("xx-nonsense", "November 2, 2026"), (None, "November 2, 2026"),
])
def test_dates_follow_the_language(lang, expected):
    assert local_date(datetime(2026, 11, 2, 9, 0), lang) == expected


def test_date_styles():
    assert local_date(date(2026, 3, 1), "da", "short") == "01.03.2026"
    assert local_date(date(2026, 3, 1), "sv", "full") == "söndag 1 mars 2026"


def test_archive_periods_per_language():
    assert local_period((2026,), "da") == "2026"
    assert local_period((2026, 10), "da") == "oktober 2026"
    assert local_period((2026, 10), "en") == "October 2026"
    assert local_period((2026, 10, 5), "da") == "5. oktober 2026"


def test_languages_are_named_in_their_own_words():
    assert [language_name(code) for code in ("da", "sv", "en")] == ["Dansk", "Svenska", "English"]


@pytest.mark.parametrize("given, field", [
    ("yes", "I18N"), ({"date_style": 3}, "date_style"), ({"catalogue": "x"}, "catalogue"),
    ({"catalogue_path": ["a"]}, "catalogue_path"),
])
def test_bad_settings_name_pelicanconf_and_the_setting(given, field):
    options, problems = read_settings({"THEME": "themes/shelfcast", "I18N": given})
    assert problems and problems[0].path == "pelicanconf.py" and field in problems[0].field
    assert options["date_style"] in ("long",) and options["catalogue_path"]


def test_the_old_upper_case_keys_still_work_with_a_warning_naming_the_new_key():
    from shelfcast_sitekit.settingmoves import apply_moves

    moved, problems = apply_moves({"THEME": "themes/shelfcast", "I18N": {"DATE_STYLE": "short"}},
                                  "0.9.0", "library.py")
    options, read_problems = read_settings(moved)
    assert options["date_style"] == "short" and read_problems == []
    assert [(p.field, p.severity) for p in problems] == [("I18N.DATE_STYLE", "warning")]


@pytest.mark.parametrize("lang, expected", [
    ("da", "da_DK"), ("sv", "sv_SE"), ("sv-FI", "sv_FI"), ("en", "en_US"), ("nb", "nb_NO"),
])
def test_open_graph_locales_name_a_territory(lang, expected):
    assert og_locale(lang) == expected
