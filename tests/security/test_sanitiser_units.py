"""The raw-HTML policy and the one URL rule, called without Pelican (shelfcast_sitekit.sanitise,
.urls)."""

from __future__ import annotations

import pytest
from lxml import html
from shelfcast_sitekit.sanitise import HtmlPolicy, build_policy, sanitise
from shelfcast_sitekit.urls import is_other_host, safe_url

OWN = frozenset({"library.example.org"})


def clean(fragment: str, **policy) -> str:
    return sanitise(fragment, HtmlPolicy(own_hosts=OWN, **policy)).html


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html,<script>x</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "isbn:9780261103344",
])
def test_only_web_mail_and_relative_addresses_are_written(url):
    assert safe_url(url) is None


@pytest.mark.parametrize("url", [
    "https://example.org/a?b=1&c=2", "http://example.org", "mailto:ask@library.example.org",
    "/images/a.png", "images/a.png", "../a.html", "#notes", "?q=1", "{static}/images/a.png",
])
def test_web_mail_and_relative_addresses_are_kept(url):
    assert safe_url(url) == url


def test_a_plugin_may_add_a_scheme_it_rewrites_later():
    assert safe_url("isbn:9780261103344", {"isbn"}) == "isbn:9780261103344"
    assert safe_url("javascript:alert(1)", {"isbn"}) is None


@pytest.mark.parametrize("url, other", [
    ("https://evil.example/x.png", True), ("//evil.example/x.png", True),
    ("https:evil.example/x.png", True), ("HTTPS://user@evil.example/x.png", True),
    ("https://library.example.org/images/x.png", False), ("/images/x.png", False),
    ("images/x.png", False),
])
def test_other_hosts_are_recognised_however_written(url, other):
    assert is_other_host(url, OWN) is other


@pytest.mark.parametrize("fragment", [
    "<script>window.__pwned=1</script>",
    "<img src=/a.png onerror=alert(1) onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&#x3a;alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name=q><button>go</button></form>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<div style="background: url(https://evil.example/x.png)">x</div>',
    '<div style="background-image: u\\rl(https://evil.example/x.png)">x</div>',
    '<a href="#" data-embed="https://evil.example/">fake video</a>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    "<style>body{background:url(https://evil.example/)}</style>",
])
def test_nothing_that_runs_loads_or_submits_survives(fragment):
    out = clean(fragment)
    doc = html.fragment_fromstring(out or "<div></div>", create_parent="div")
    assert not doc.xpath("//script | //style | //meta | //base | //iframe | //object | //embed"
                         " | //form | //input | //svg"), out
    for element in doc.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), out
            assert name != "data-embed", out
            assert "url(" not in value.replace(" ", ""), out
            assert not value.strip().lower().startswith(("javascript", "data:")), out


def test_what_markdown_writes_is_kept():
    fragment = ('<h2 id="notes">Notes</h2><p><em>a</em> <strong>b</strong> <code>c</code>'
                '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
                '<table><thead><tr><th style="text-align: left;">h</th></tr></thead>'
                '<tbody><tr><td style="text-align: left;">d</td></tr></tbody></table>'
                '<div class="highlight"><pre><span class="k">def</span></pre></div>'
                '<p><img alt="a" src="{static}/images/a.png"> <a href="{filename}/b.md">b</a>'
                ' <a href="https://example.org/?a=1&amp;b=2" title="t">c</a></p>')
    out = clean(fragment)
    doc = html.fragment_fromstring(out, create_parent="div")
    assert doc.xpath("//h2[@id='notes']") and doc.xpath("//a[@class='footnote-ref']")
    assert doc.xpath("//th[@style]/@style") == ["text-align:left"]
    assert doc.xpath("//img/@src") == ["{static}/images/a.png"]
    assert doc.xpath("//a/@href") == ["#fn:1", "{filename}/b.md", "https://example.org/?a=1&b=2"]
    assert doc.xpath("//span[@class='k']")


def test_text_that_looks_like_markup_stays_text():
    out = clean("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>")
    doc = html.fragment_fromstring(out, create_parent="div")
    assert doc.text_content() == "<script>alert(1)</script> & more"
    assert not doc.xpath("//script")


def test_images_from_other_hosts_are_listed_and_removed():
    result = sanitise('<img src="https://evil.example/x.png"><img src="/images/ok.png">'
                      '<video poster="//evil.example/p.jpg"><source src="https:evil.example/a">'
                      "</video>", HtmlPolicy(own_hosts=OWN))
    assert result.foreign_media == ["https://evil.example/x.png", "//evil.example/p.jpg",
                                    "https:evil.example/a"]
    assert "evil.example" not in result.html
    assert "/images/ok.png" in result.html


def test_widening_adds_tags_and_attributes_and_is_announced():
    settings = {"SITEURL": "https://library.example.org",
                "SITEKIT": {"html_allow": {"tags": ["kbd", "abbr"],
                                           "attributes": {"abbr": ["title"], "p": ["hidden"]}}}}
    policy, problems = build_policy(settings)
    assert "kbd" in policy.tags and "hidden" in policy.attributes["p"]
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "widened" in str(problems[0]) and "kbd" in str(problems[0])
    assert "hidden" in str(problems[0])
    assert sanitise('<p hidden>x</p>', policy).html == '<p hidden="">x</p>'


@pytest.mark.parametrize("allow", [
    {"tags": ["script"]}, {"tags": ["iframe"]}, {"attributes": {"img": ["onerror"]}},
    {"attributes": {"a": ["data-embed"]}}, {"tags": "kbd"}, {"colour": ["red"]},
])
def test_dangerous_or_malformed_widening_is_refused(allow):
    policy, problems = build_policy({"SITEURL": "https://x.org",
                                     "SITEKIT": {"html_allow": allow}})
    assert [p.severity for p in problems] == ["error"]
    assert problems[0].field == "SITEKIT['html_allow']"
    assert "script" not in policy.tags and "iframe" not in policy.tags
