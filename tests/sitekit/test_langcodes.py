from shelfcast_sitekit.langcodes import language_problem


def test_language_codes_a_directory_accepts():
    for code in ("da", "sv", "en", "en-GB", "nb", "nn", "se", "fil", "kl", "de-CH"):
        assert language_problem(code) is None, code


def test_country_codes_suggest_the_language():
    assert "did you mean da?" in language_problem("dk")
    assert "did you mean el?" in language_problem("gr")
    assert "did you mean cs-CZ?" in language_problem("cz-CZ")


def test_not_a_code_at_all():
    for code in ("xx", "english", "en_US", "", "zz"):
        assert language_problem(code), code
