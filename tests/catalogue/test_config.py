"""A wrong CATALOGUE setting is one clear line on pelicanconf.py, caught once per build."""

import pytest
from shelfcast_catalogue.config import load_config, parse_config
from shelfcast_sitekit.problems import ContentErrors, problem_log

BAD = [
    ("not a dict", "koha", "CATALOGUE: must be a dict"),
    ("unknown system", {"system": "kohaa"}, "'kohaa' is not a known catalogue system"),
    ("typo in a key", {"system": "worldcat", "sytem": "x"}, "CATALOGUE['sytem']: unknown"),
    ("base_url missing", {"system": "koha"}, "CATALOGUE['base_url']: the 'isbn' template needs"),
    ("base_url not a URL", {"system": "koha", "base_url": "koha.example.org"},
     "must start with https://"),
    ("base_url wrong type", {"system": "koha", "base_url": 42}, "must be a text in quotes"),
    ("primo without vid", {"system": "primo-ve", "base_url": "https://p.org", "tab": "t",
                           "scope": "s"}, "CATALOGUE['vid']: the primo-ve system needs"),
    ("templates not a dict", {"templates": ["https://x"]}, "CATALOGUE['templates']: must be"),
    ("unknown template key", {"templates": {"isbm": "https://x/{isbm}"}}, "'isbm' is not a"),
    ("wrong placeholder", {"templates": {"isbn": "https://x/{isbm}"}}, "uses {isbm}"),
    ("broken braces", {"templates": {"isbn": "https://x/{isbn"}}, "is broken"),
    ("relative template", {"templates": {"isbn": "/search?q={isbn}"}}, "absolute URL"),
    ("empty template", {"templates": {"search": ""}}, "must be a URL text"),
]


@pytest.mark.parametrize("name, raw, message", BAD, ids=[case[0] for case in BAD])
def test_bad_settings_name_the_setting_and_the_fix(name, raw, message):
    config, problems = parse_config(raw)
    assert config is None
    lines = [str(p) for p in problems]
    assert all(line.startswith("pelicanconf.py: CATALOGUE") for line in lines), lines
    assert any(message in line for line in lines), lines


def test_no_setting_is_allowed_until_an_identifier_is_used():
    config, problems = parse_config(None)
    assert problems == [] and dict(config.templates) == {}


def test_load_config_checks_once_and_stops_the_build_on_errors():
    settings = {"CATALOGUE": {"system": "nope"}}
    with pytest.raises(ContentErrors) as caught:
        load_config(settings)
    assert "not a known catalogue system" in str(caught.value.problems[0])
    assert problem_log(settings).errors()


def test_load_config_is_kept_per_build_in_the_settings():
    settings = {"CATALOGUE": {"system": "openlibrary"}}
    first = load_config(settings)
    settings["CATALOGUE"] = {"system": "nope"}  # not read again within one build
    assert load_config(settings) is first
    assert load_config({"CATALOGUE": {"system": "worldcat"}}) is not first
