"""Every settings dict of every plugin is read by the one reader, from its declaration (issue 21).

The cases are made from the registry (plugins/*/declarations.py), so a new settings block is
tried without a new test; a settings dict in the kit's defaults or the fixture library that
no plugin declares fails here.
"""

from __future__ import annotations

import os

import pytest
from measured_build import build_measured
from pelican.settings import DEFAULT_CONFIG
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.librarysettings import LIBRARY_VALUES_KEY, site_settings
from shelfcast_sitekit.pluginsettings import read_block
from shelfcast_sitekit.schemadocs import kit_schema
from shelfcast_sitekit.settingmoves import MOVES, apply_moves
from sitetools import KIT_SITE, ROOT

PLUGINS = ROOT / "plugins"
SCHEMA = kit_schema(str(PLUGINS))


def valid(f):
    """A value a field takes: its example, or for a block its required fields' examples."""
    if f.kind == "block" and f.fields:
        return {sub.name: valid(sub) for sub in f.fields if sub.required}
    return f.example if f.example is not None else f.default


def bad_values(block) -> list[tuple[str, dict]]:
    """(what, the block's dict) for each mistake the block can hold: an unknown key, a wrong
    type, and where it has such keys a number out of range, a path that leaves the project and
    a javascript: address."""
    item = block.item
    fields = item.fields if item is not None else block.fields

    def placed(key, value) -> dict:  # a dict of free names holds the mistake in one item
        if item is None:
            return {key: value}
        return {"x": {**valid(item), key: value}} if key is not None else {"x": value}

    checked = [f for f in fields if f.checked_by is None]
    cases = [("wrong type", placed(checked[0].name, object()) if checked
              else placed(None, object()))]
    if fields:
        cases.append(("unknown key", placed("no_such_key", 1)))
    ranged = next((f for f in checked if f.minimum is not None), None)
    if ranged:
        cases.append(("out of range", placed(ranged.name, ranged.minimum - 1000)))
    path = next((f for f in checked if f.kind == "file"), None)
    if path:
        cases.append(("path outside", placed(path.name, "../../escape")))
    url = next((f for f in checked if f.kind == "url"), None)
    if url:
        cases.append(("javascript url", placed(url.name, "javascript:alert(1)")))
    return cases


CASES = [pytest.param(block, given, id=f"{name}-{what}")
         for name, block in sorted(SCHEMA.settings.items())
         for what, given in bad_values(block)]


@pytest.mark.parametrize("block, given", CASES)
def test_each_wrong_setting_is_one_clean_line_naming_the_key(block, given):
    options, problems = read_block(block, {block.name: given})
    assert len(problems) == 1, problems
    line = str(problems[0])
    assert line.startswith(f"pelicanconf.py: {block.name}["), line
    assert "Traceback" not in line and "\n" not in line
    assert ("; write" in line or "did you mean" in line or "the keys are" in line
            or "write one of" in line or "must be" in line), line


def test_the_cases_try_every_kind_of_mistake_somewhere():
    names = {case.id.split("-", 1)[1] for case in CASES}
    assert names == {"wrong type", "unknown key", "out of range", "path outside",
                     "javascript url"}
    for name in ("EVENTS", "QUESTIONS", "PODCAST", "LIBRARY", "SHELFCAST_THEME"):
        assert any(case.id.startswith(f"{name}-") for case in CASES), name


def the_fixture_settings() -> dict:
    cwd = os.getcwd()
    os.chdir(KIT_SITE)
    try:
        return load_settings(str(KIT_SITE / "pelicanconf.py"), {
            "THEME": str(ROOT / "themes" / "shelfcast"), "PLUGIN_PATHS": [str(PLUGINS)]})
    finally:
        os.chdir(cwd)


def test_every_settings_dict_of_the_kit_and_the_fixture_library_is_declared():
    """Every dict in the fixture site's settings (the kit's defaults and a library.py that
    sets what a library sets) that is not one of Pelican's own is a declared settings block,
    read by the one reader; so is each dict the issue names."""
    settings = the_fixture_settings()
    dicts = {name for name, value in settings.items() if isinstance(value, dict)
             and name not in DEFAULT_CONFIG and name != LIBRARY_VALUES_KEY}
    undeclared = sorted(dicts - set(SCHEMA.settings))
    assert undeclared == [], f"settings dicts no plugin declares: {undeclared}"
    assert {"PODCAST", "PUBLISH", "LIBRARY", "CATALOGUE", "SHELFCAST_THEME", "CLOSED_PARTS",
            "SITEKIT", "EVENTS", "QUESTIONS", "COMMENTS", "GALLERIES", "PROGRAMMES", "SEARCH",
            "I18N", "MUSIC", "SECTION_TITLES"} <= set(SCHEMA.settings)


def test_the_kit_defaults_never_hide_a_librarys_old_key():
    """A key moves to its new name only when the new name is not there already: a kit
    default under the new name would silently win over the library's old key."""
    site = site_settings(str(KIT_SITE / "pelicanconf.py"))
    for move in MOVES:
        setting, _dot, key = move.new.partition(".")
        if key and isinstance(site.get(setting), dict):
            assert key not in site[setting], f"kitdefaults.py sets {move.new}"


def test_an_old_upper_case_theme_key_still_works_with_a_warning(site):
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-01-05\n---\nText.\n")
    assert site.build(SHELFCAST_THEME={"SHARE_LINKS": ["email"]}) == 0, site.messages
    assert "SHELFCAST_THEME.SHARE_LINKS: is now called SHELFCAST_THEME.share_links" \
        in site.messages
    page = site.read("posts/2026/a.html")
    assert "mailto:" in page and "mastodon.social/share" not in page


def test_an_old_key_in_library_py_wins_over_the_kits_default(tmp_path):
    """library.py's I18N = {"DATE_STYLE": ...} layered over the kit's defaults, then moved."""
    (tmp_path / "pelicanconf.py").write_text("", encoding="utf-8")
    (tmp_path / "library.py").write_text(
        'I18N = {"DATE_STYLE": "short"}\nSHELFCAST_THEME = {"MENU_SHOWN": 3}\n',
        encoding="utf-8")
    layered = site_settings(str(tmp_path / "pelicanconf.py"))
    moved, problems = apply_moves(layered, "0.9.0", "library.py")
    assert moved["I18N"]["date_style"] == "short"
    assert moved["SHELFCAST_THEME"]["menu_shown"] == 3
    assert {p.field for p in problems} == {"I18N.DATE_STYLE", "SHELFCAST_THEME.MENU_SHOWN"}


def test_the_issues_examples_in_library_py_stop_a_real_build_with_one_line_each(site):
    """A child process builds the site (as `make build` does): every wrong setting of the
    library's own file is named in one build, on library.py, and nothing is published."""
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-01-05\n---\nText.\n")
    with open(site.root / "library.py", "a", encoding="utf-8") as handle:
        handle.write('\nEVENTS = {"path": "../escape"}\nEVENTS["home_count"] = -5\n'
                     'QUESTIONS["ask_form_url"] = "javascript:alert(1)"\n'
                     'PODCAST["websub_hub"] = "javascript:alert(1)"\n')
    result = build_measured(site.root)
    assert result.code == 1, result.messages
    assert "Traceback" not in result.messages
    lines = [line for line in result.messages.splitlines() if line.startswith("library.py: ")]
    assert lines == [
        "library.py: EVENTS['home_count']: -5 is too small; write 0 or more",
        "library.py: EVENTS['path']: '../escape' is not a path inside the site (it has a "
        "scheme, a leading / or a ..); write e.g. 'events'",
        "library.py: PODCAST['websub_hub']: 'javascript:alert(1)' is not a full https or "
        "http address; write e.g. 'https://pubsubhubbub.appspot.com/'",
        "library.py: QUESTIONS['ask_form_url']: 'javascript:alert(1)' is not a full https "
        "or http address; write e.g. 'https://library.example.org/ask'",
    ], result.messages
    assert not (site.output / "index.html").exists()


def test_invoke_upgrades_settings_moves_rewrite_the_old_theme_keys():
    from shelfcast_sitekit.settingmoves import moves_in_text, rewrite_text

    text = ('SITENAME = "X"\n'
            'SHELFCAST_THEME = {"SHARE_LINKS": ["email"], "MENU": ["sections"]}\n')
    new, left = rewrite_text(text, moves_in_text(text))
    assert left == []
    namespace = {}
    exec(new, namespace)  # noqa: S102 (the file a library's build runs)
    assert namespace["SHELFCAST_THEME"] == {"share_links": ["email"], "menu": ["sections"]}
    assert moves_in_text(new) == []
