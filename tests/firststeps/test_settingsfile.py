"""`invoke init` rewrites settings lines; everything else in the file stays as it was."""

import ast

from shelfcast_sitekit.settingsfile import current_value, set_assignments

CONF = '''"""Settings."""

# The library's name, as readers see it.
SITENAME = "Ørstad Public Library"
CATALOGUE = {
    "system": "dpl-cms",
    "base_url": "https://bibliotek.example.dk",
}
PLUGINS = ["shelfcast_sitekit"]
PLUGINS += ["shelfcast_catalogue"]  # a comment the library wrote
DEFAULT_LANG = "en"
'''


def run(text: str) -> dict:
    names: dict = {}
    exec(compile(text, "pelicanconf.py", "exec"), names)  # noqa: S102 (our own test text)
    return names


def test_values_are_replaced_in_place_and_the_rest_is_kept():
    new = set_assignments(CONF, {"SITENAME": "Malmö stadsbibliotek",
                                 "CATALOGUE": {"system": "koha", "base_url": "https://k.se"}})
    settings = run(new)
    assert settings["SITENAME"] == "Malmö stadsbibliotek"
    assert 'SITENAME = "Malmö stadsbibliotek"\n' in new  # the file's own quoting style
    assert settings["CATALOGUE"] == {"system": "koha", "base_url": "https://k.se"}
    assert settings["PLUGINS"] == ["shelfcast_sitekit", "shelfcast_catalogue"]
    assert "# The library's name, as readers see it.\nSITENAME = " in new
    assert "# a comment the library wrote" in new
    assert new.index("SITENAME") < new.index("CATALOGUE") < new.index("PLUGINS")
    assert "bibliotek.example.dk" not in new


def test_a_missing_setting_is_appended_and_a_rerun_changes_nothing():
    values = {"DEFAULT_LANG": "sv", "LIBRARY": {"name": "Malmö", "email": "info@malmo.se"}}
    once = set_assignments(CONF, values)
    assert run(once)["LIBRARY"] == {"name": "Malmö", "email": "info@malmo.se"}
    assert once.count("DEFAULT_LANG =") == 1
    assert set_assignments(once, values) == once


def test_the_setting_in_force_is_the_one_changed():
    text = 'SITEURL = "http://a"\nFEED = SITEURL\nSITEURL = "http://b"\n'
    new = set_assignments(text, {"SITEURL": "https://c.se"})
    assert run(new)["SITEURL"] == "https://c.se"
    assert new.startswith('SITEURL = "http://a"\n')


def test_long_values_are_wrapped_to_the_line_length():
    hours = {day: "10:00-18:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    new = set_assignments(CONF, {"LIBRARY": {"name": "A library", "opening_hours": hours}})
    assert max(len(line) for line in new.splitlines()) <= 100
    ast.parse(new)
    assert current_value(new, "LIBRARY")["opening_hours"] == hours


def test_current_value_reads_literals_only():
    assert current_value(CONF, "CATALOGUE")["system"] == "dpl-cms"
    assert current_value(CONF, "NOPE") is None
    assert current_value("X = os.environ['Y']\n", "X") is None
