"""Case 11: front matter never sets Pelican's own attributes of a page.

`url:` and `save_as:` used to pass through to Pelican: the page's links and the redirect
rules for its aliases (_redirects, .htaccess, the nginx include) then pointed at
//evil.example/landing.html.
"""

from __future__ import annotations

import pytest
from childbuild import build_in_child

POST = """
    ---
    title: Moved
    date: 2026-07-01
    aliases: [/old-news.html]
    {field}: {value}
    ---
    Text.
"""
HOST_FILES = ("_redirects", ".htaccess", "nginx-shelfcast.conf")


@pytest.mark.parametrize(("field", "value"), [
    ("url", "//evil.example/landing.html"),
    ("save_as", "../../escaped.html"),
    ("path", "https://evil.example/"),
    ("override_url", "//evil.example/"),
    ("template", "../../../etc/passwd"),
])
def test_pelican_own_fields_are_refused_with_the_line(site, field, value):
    site.write("posts/news/moved.md", POST.format(field=field, value=value))
    result = build_in_child(site)
    result.assert_contained()
    result.assert_refused(f"content/posts/news/moved.md:5: {field}:")
    found = [p for p in site.root.rglob("*") if p.is_file() and "evil.example" in
             p.read_bytes().decode("utf-8", "replace") and "content" not in p.parts]
    assert not found, found


def test_a_known_field_still_builds_and_the_redirects_stay_home(site):
    site.write("posts/news/moved.md", POST.format(field="slug", value="moved"))
    result = build_in_child(site)
    assert result.code == 0, result.output
    rules = "".join((site.output / name).read_text(encoding="utf-8")
                    for name in HOST_FILES if (site.output / name).exists())
    assert "old-news.html" in rules and "//" not in rules.replace("://", "")


@pytest.mark.parametrize(("value", "refused"), [
    ("visit/index.html", False), ("//evil.example/landing.html", True),
    ("https://evil.example/", True), ("../outside.html", True), ("/root.html", True),
])
def test_a_declared_address_field_must_be_a_path_inside_the_site(value, refused):
    from shelfcast_sitekit.declarations import PAGE
    from shelfcast_sitekit.fields import check_common
    from shelfcast_sitekit.frontmatter import Document
    from shelfcast_sitekit.schema import Field, extend

    document = Document(meta={"title": "T", "url": value}, lines={"title": 2, "url": 3})
    _meta, problems = check_common("content/pages/t.md", document, "page", "content",
                                   extend(PAGE, (Field("url", "text"),)))
    assert any(p.field == "url" for p in problems) is refused, problems
