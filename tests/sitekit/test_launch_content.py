"""Issue 23's smaller content mistakes: a picture without alt text in a post stops the build
with file and line (as in a gallery); an author in typographic quotes is one author, not two."""

from __future__ import annotations

from sitetools import KIT_SITE, Site


def test_an_image_without_alt_text_in_a_post_stops_the_build_naming_file_and_line(tmp_path):
    site = Site(tmp_path)
    (site.content / "images" / "room.png").write_bytes(
        (KIT_SITE / "content" / "images" / "reading-room.png").read_bytes())
    site.write("posts/news/room.md", """
        ---
        title: The new room
        date: 2026-01-05
        ---
        Look at it:

        ![](../../images/room.png)
    """)
    assert site.build() == 1
    assert "content/posts/news/room.md:7: image: ../../images/room.png has no alt text" \
        in site.messages
    assert "![What the picture shows](../../images/room.png)" in site.messages


def test_an_author_in_typographic_quotes_is_the_same_author(tmp_path):
    site = Site(tmp_path)
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-01-05\nauthor: Anna Svensson\n"
                                  "---\nOne.\n")
    site.write("posts/news/b.md", "---\ntitle: B\ndate: 2026-01-06\nauthor: ’Anna Svensson’\n"
                                  "---\nTwo.\n")
    assert site.build() == 0, site.messages
    assert sorted(p.name for p in (site.output / "author").iterdir()) == [
        "anna-svensson", "index.html"]
    assert "content/posts/news/b.md:4: warning: author: ’Anna Svensson’ is in typographic " \
           "quotes" in site.messages


def test_build_messages_follow_the_sites_language(tmp_path):
    site = Site(tmp_path)
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-13-45\n---\n![](x.png)\n")
    site.write("posts/news/b.md", "---\ntitle: B\ndate: 2026-01-06\nauthor: ’Anna’\n---\nB.\n")
    assert site.build(DEFAULT_LANG="sv") == 1
    assert "content/posts/news/a.md:3: date: '2026-13-45' är inte ett datum" in site.messages
    assert "x.png saknar alt-text" in site.messages
    assert "content/posts/news/b.md:4: varning: author:" in site.messages
    assert " fel: inget publicerades; rätta raderna ovan och bygg igen." in site.messages
    assert site.build(DEFAULT_LANG="da") == 1
    assert " fejl: intet blev udgivet" in site.messages and "advarsel: author" in site.messages
