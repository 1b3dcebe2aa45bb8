"""`pinned: true` (WordPress's "sticky"): pinned posts lead the home page, labelled."""

from __future__ import annotations

from lxml import html


def post(title: str, day: str, pinned: str = "") -> str:
    extra = f"pinned: {pinned}\n" if pinned else ""
    return f"---\ntitle: {title}\ndate: {day}\n{extra}---\nText of {title}.\n"


def write_posts(site) -> None:
    site.write("posts/news/old-pinned.md", post("Library card rules", "2024-01-10", "true"))
    site.write("posts/news/new-pinned.md", post("Summer opening hours", "2025-06-01", "true"))
    site.write("posts/books/newest.md", post("New crime novels", "2026-03-01"))
    site.write("posts/books/newer.md", post("Poetry evening", "2026-02-01"))
    site.write("posts/books/unpinned.md", post("Knitting club", "2026-01-01", "false"))


def cards(page: str) -> list[tuple[str, str]]:
    """(label above the title, title) of each post card, in the order a reader meets them."""
    tree = html.fromstring(page)
    return [(" ".join(card.xpath("string(.//p[contains(@class, 'pinned')])").split()),
             " ".join(card.xpath("string(.//h3 | .//h2)").split()))
            for card in tree.xpath("//article[contains(@class, 'post-summary')]")]


def test_pinned_posts_come_first_on_the_home_page_newest_pinned_first(site):
    write_posts(site)
    assert site.build() == 0, site.messages
    assert cards(site.read("index.html")) == [
        ("Pinned", "Summer opening hours"), ("Pinned", "Library card rules"),
        ("", "New crime novels"), ("", "Poetry evening"), ("", "Knitting club")]


def test_later_pages_keep_their_posts_in_date_order_without_the_label(site):
    write_posts(site)
    assert site.build(DEFAULT_PAGINATION=2) == 0, site.messages
    assert cards(site.read("index.html")) == [
        ("Pinned", "Summer opening hours"), ("Pinned", "Library card rules"),
        ("", "New crime novels"), ("", "Poetry evening")]
    later = [c for name in ("page/2/index.html", "page/3/index.html")
             for c in cards(site.read(name))]
    assert later == [("", "Knitting club"), ("", "Summer opening hours"),
                     ("", "Library card rules")]


def test_the_label_is_translated(site):
    write_posts(site)
    assert site.build(DEFAULT_LANG="da") == 0, site.messages
    assert cards(site.read("index.html"))[0] == ("Fastgjort", "Summer opening hours")
    assert site.build(DEFAULT_LANG="sv") == 0, site.messages
    assert cards(site.read("index.html"))[0] == ("Fäst", "Summer opening hours")


def test_pinned_that_is_not_true_or_false_names_file_line_and_field(site):
    site.write("posts/news/a.md", post("Film night", "2026-03-01", "yes please"))
    assert site.build() == 1
    assert "content/posts/news/a.md:4: pinned: 'yes please' is not true or false" \
        in site.messages
    assert "Traceback" not in site.messages
