"""A UI string ({{ _("Text") }}) costs one call through the template context, and reads as
Jinja's own newstyle gettext would have it (issue 26: UI strings are a cold build's most
frequent template call, about 35 a page)."""

from __future__ import annotations

import types

import jinja2
import jinja2.runtime
import pytest
from shelfcast_i18n import STATE_KEY, install, template_functions
from shelfcast_i18n.catalogues import Catalogues, compile_po

DANISH = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Archive"
msgstr "Arkiv"

#, python-format
msgid "Posts by %(author)s"
msgstr "Indlæg af %(author)s"

msgid "Fish & <chips>"
msgstr "Fisk & <pomfritter>"
'''

TEMPLATES = [
    '{{ _("Archive") }}',
    '{{ gettext("Archive") }}',
    '{{ _("Posts by %(author)s", author="<b>Karen</b>") }}',
    '{{ _("Fish & <chips>") }}',
    '{{ _("100%% sure") }}',
    '{{ _("Not in the catalogue") }}',
    '{% trans %}Archive{% endtrans %}',
    '{% trans author="Ole" %}Posts by {{ author }}{% endtrans %}',
    '{% for n in [1, 2] %}{% set ui_lang = "en" if n == 2 else ui_lang %}'
    '{{ _("Archive") }} {% endfor %}',
    '{% macro m() %}{{ _("Archive") }}{% endmacro %}{{ m() }}',
]


def catalogues(tmp_path) -> tuple[Catalogues, dict]:
    po = tmp_path / "da.po"
    po.write_text(DANISH, encoding="utf-8")
    translations, problems = compile_po(str(po))
    assert problems == []
    return (Catalogues({"da": translations}, {"da": str(po)}),
            {"catalogue_path": str(tmp_path), "date_style": "long"})


def environment(context_class=jinja2.runtime.Context) -> jinja2.Environment:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.context_class = context_class
    return env


def with_plugin(tmp_path, context_class=jinja2.runtime.Context) -> jinja2.Environment:
    """As a build's generator gets it: the i18n plugin's `install`."""
    env = environment(context_class)
    state = catalogues(tmp_path)
    install(types.SimpleNamespace(env=env, settings={STATE_KEY: (state[1], state[0])}))
    return env


def with_jinja_only(tmp_path) -> jinja2.Environment:
    """The same functions installed as Jinja's own newstyle gettext, nothing bound directly."""
    env = environment()
    callables, _filters = template_functions(*catalogues(tmp_path))
    env.install_gettext_callables(newstyle=True, **callables)
    return env


@pytest.mark.parametrize("source", TEMPLATES)
@pytest.mark.parametrize("lang", ["da", "da-DK", "en", None])
def test_a_ui_string_reads_as_jinjas_own_gettext_gives_it(tmp_path, source, lang):
    names = {"ui_lang": lang, "DEFAULT_LANG": "da"}
    expected = with_jinja_only(tmp_path).from_string(source).render(names)
    assert with_plugin(tmp_path).from_string(source).render(names) == expected
    if lang == "da" and "Archive" in source:
        assert "Arkiv" in expected  # the catalogue is really used


def test_a_ui_string_is_one_call_through_the_template_context(tmp_path):
    calls = []

    class CountingContext(jinja2.runtime.Context):
        def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
            calls.append(getattr(__obj, "__name__", __obj))
            return super().call(__obj, *args, **kwargs)

    env = with_plugin(tmp_path, CountingContext)
    page = env.from_string('{{ _("Archive") }} {{ _("Posts by %(author)s", author="Ole") }}'
                           ' {% for n in [1, 2] %}{{ _("Archive") }}{% endfor %}')
    assert page.render(ui_lang="da") == "Arkiv Indlæg af Ole ArkivArkiv"
    # Jinja's `_` looked up `gettext` and called it through the context, which called the
    # translation through the context again: three calls (and three recordings) a string.
    assert len(calls) == 4
