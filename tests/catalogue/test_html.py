"""Rewriting rendered HTML: links, readable autolinks, items in order, problems with lines."""

import xml.etree.ElementTree as etree

from lxml import html as lxml_html
from markdown import Markdown
from shelfcast_catalogue.config import parse_config
from shelfcast_catalogue.html import rewrite

CONFIG = parse_config({"system": "openlibrary"})[0]


def render(markdown_text: str) -> str:
    return Markdown(extensions=["shelfcast_catalogue.autolinks"]).convert(markdown_text)


def anchors(fragment: str):
    return lxml_html.fragment_fromstring(fragment, create_parent="div").xpath("//a")


def test_links_point_to_the_catalogue_with_class_and_identifier():
    source = "Read [The *Hobbit*](isbn:0261103342) and [it again](isbn:978-0-261-10334-4).\n"
    result = rewrite(render(source), CONFIG, source, "post.md")
    links = anchors(result.html)
    assert [a.get("href") for a in links] == ["https://openlibrary.org/isbn/9780261103344"] * 2
    assert all(a.get("class") == "catalogue-link" for a in links)
    assert links[0].get("data-identifier") == "ISBN 9780261103344"
    assert links[0].text_content() == "The Hobbit"
    assert [item.title for item in result.items] == ["The Hobbit"]  # each item once
    assert result.items[0].title_html == "The <em>Hobbit</em>"


def test_autolink_shows_the_identifier_readably():
    source = "Find it: <isbn:9780261103344>\n"
    result = rewrite(render(source), CONFIG, source, "post.md")
    (link,) = anchors(result.html)
    assert link.text_content() == "ISBN 978-0-261-10334-4"
    assert "isbn:" not in result.html


def test_items_keep_order_of_first_mention():
    source = "[B](isbn:9780141439518) [A](isbn:9780261103344) [B again](isbn:0141439513)"
    result = rewrite(render(source), CONFIG, source, "post.md")
    assert [item.title for item in result.items] == ["B", "A"]


def test_problem_names_file_line_and_link_text():
    source = "Intro.\n\nSee also\n[Ingen kender dagen](isbn:978-87-02-17301-6) today.\n"
    result = rewrite(render(source), CONFIG, source, "content/posts/books/x.md", first_line=5)
    (problem,) = result.problems
    assert str(problem) == ("content/posts/books/x.md:8: link 'Ingen kender dagen': "
                            "isbn:978-87-02-17301-6 has a wrong check digit (did you mean …-7?); "
                            "check the number on the item")


def test_other_links_are_untouched():
    fragment = '<p><a href="https://example.org/isbn:1">x</a> <a href="../b.html">y</a></p>'
    assert rewrite(fragment, CONFIG).html == fragment


def test_markdown_extension_leaves_web_autolinks_alone():
    element = etree.fromstring(render("<https://example.org>"))
    assert element.find("a").get("href") == "https://example.org"
