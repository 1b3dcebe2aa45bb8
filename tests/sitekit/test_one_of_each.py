"""The one slug helper and the one HTML fragment writer, as plain functions."""

from __future__ import annotations

from pelican.settings import DEFAULT_CONFIG
from shelfcast_music.slugs import ascii_slug
from shelfcast_sitekit.htmlfragments import inner_html, parse_fragment
from shelfcast_sitekit.slugs import WORDS, slug_for, slug_of_document, word_slug
from shelfcast_sitekit.writeguard import safe_name, safe_slug


def test_slug_for_follows_the_sites_slug_settings():
    assert slug_for("Summer reading, 2026!") == "summer-reading-2026"
    site = {**DEFAULT_CONFIG, "SLUG_REGEX_SUBSTITUTIONS": [
        *DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], (r"-2026$", "")]}
    assert slug_for("Summer reading, 2026!", site) == "summer-reading"
    assert slug_for("Blåbær", {**DEFAULT_CONFIG, "SLUGIFY_USE_UNICODE": True}) == "blåbær"


def test_slug_of_document_follows_slugify_source():
    basename = {**DEFAULT_CONFIG, "SLUGIFY_SOURCE": "basename"}
    assert slug_of_document("A Title", "posts/news/my-file.md") == "a-title"
    assert slug_of_document("A Title", "posts/news/my-file.md", basename) == "my-file"
    assert slug_of_document(None, "posts/news/my-file.md") is None


def test_published_name_slugs_keep_their_rule():
    assert ascii_slug("Sigur Rós") == "sigur-ros"
    assert ascii_slug("AC/DC") == "ac-dc"
    assert ascii_slug("Guns N' Roses & Friends") == "guns-n-roses-and-friends"
    assert slug_for("Space & stars", subs=WORDS) == "space-stars"
    assert slug_for("x<y>z", subs=WORDS) == "x-y-z"       # a name, not HTML
    assert word_slug("Space & stars") == "space-stars"   # event keys, topics, age groups
    assert word_slug("young people") == "young-people"


def test_safe_slug_keeps_the_write_guards_alphabet():
    assert safe_slug("../../etc/passwd") == "etcpasswd"
    assert safe_slug("Caf%C3%A9 au lait") == "cafe-au-lait"
    assert safe_name("../x/Ünïcode name.JPG") == "unicode-name.jpg"


def test_an_edited_fragment_is_written_as_markdown_writes_html5():
    body = ('<p>Tom &amp; Jerry <img alt="A &quot;B&quot;" src="{static}/images/bjørk a.png">'
            '<br></p>\n<!-- note -->\n<pre><code>&lt;x&gt;</code></pre>\n'
            '<video controls src="v.mp4"></video>\n<script>if (a < b && c) {}</script>\n')
    assert inner_html(parse_fragment(body)) == body
