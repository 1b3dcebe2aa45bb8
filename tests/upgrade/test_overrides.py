"""The library's overrides/ folder: its templates replace the theme's, its site.css comes last,
and a warm build (the page cache) sees a changed override as a changed template."""

from lxml import html


def test_a_template_override_and_the_librarys_stylesheet(site):
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-01-05\n---\nHello.\n")
    assert site.build(SEARCH={"INDEX": False}) == 0, site.messages
    assert 'id="ours"' not in site.read("404.html")
    assert not (site.output / "theme" / "site.css").exists()

    templates = site.root / "overrides" / "templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "base.html" %}\n{% block content %}'
                                        '<p id="ours">Not here.</p>{% endblock %}\n')
    (site.root / "overrides" / "site.css").write_text("body { color: #123; }\n")
    assert site.build(SEARCH={"INDEX": False}) == 0, site.messages
    assert 'id="ours"' in site.read("404.html")
    assert site.read("theme/site.css") == "body { color: #123; }\n"
    page = html.fromstring(site.read("posts/2026/a.html"))
    assert page.xpath("//link[@rel='stylesheet']/@href")[-1].endswith("/theme/site.css")
    assert page.xpath("string(//meta[@name='generator']/@content)").startswith("Shelfcast ")
