"""WordPress bodies -> Markdown: shortcodes become our equivalents, unknown ones stay text."""

from __future__ import annotations

from shelfcast_import.markdown import to_markdown
from shelfcast_import.shortcodes import Media
from shelfcast_import.wordpress import image_sources

UPLOADS = "https://blog.example.org/wp-content/uploads/2019/05"
MEDIA = Media(attachments={"7": (f"{UPLOADS}/a.jpg", "Reading room"),
                           "8": (f"{UPLOADS}/b.jpg", "Book bus"),
                           "9": (f"{UPLOADS}/talk.mp3", "")},
              local={f"{UPLOADS}/a.jpg": "{static}/images/2019/a.jpg",
                     f"{UPLOADS}/talk.mp3": "{static}/images/2019/talk.mp3"},
              children={"100": ["7", "8"]}, item="100")


def test_gallery_without_ids_shows_the_posts_attached_images():
    text = to_markdown("[gallery columns=\"2\"]", MEDIA).markdown
    assert '<img src="{static}/images/2019/a.jpg" alt="Reading room">' in text
    assert f'<a href="{UPLOADS}/b.jpg">Book bus</a>' in text   # not downloaded: a link
    assert text.startswith('<figure class="gallery">')


def test_audio_video_and_playlist_become_players_or_links():
    text = to_markdown(f'[audio mp3="{UPLOADS}/talk.mp3"][/audio]\n\n'
                       '[video src="https://vimeo.com/76979871"]\n\n'
                       '[video mp4="https://cdn.example.org/film.mp4"][/video]\n\n'
                       '[playlist ids="9"]', MEDIA).markdown
    assert '<audio controls preload="none" src="{static}/images/2019/talk.mp3">' in text
    assert "[https://vimeo.com/76979871](https://vimeo.com/76979871)" in text
    assert '<a href="https://cdn.example.org/film.mp4">Watch: film.mp4</a>' in text
    assert text.count("<audio") == 2


def test_unknown_shortcodes_and_gutenberg_comments():
    result = to_markdown("<!-- wp:paragraph -->\n<p>Hi [gravityform id=1] there</p>\n"
                         "<!-- /wp:paragraph -->", MEDIA)
    assert result.markdown.strip() == "Hi [gravityform id=1] there"
    assert result.unknown_shortcodes == ["gravityform"]


def test_headings_lists_tables_quotes_and_image_alt_text_survive():
    text = to_markdown("<h3>Opening hours</h3>\n<ol><li>Mon</li><li>Tue</li></ol>\n"
                       "<table><tr><th>Day</th></tr><tr><td>Mon</td></tr></table>\n"
                       "<blockquote>Read more</blockquote>\n"
                       f'<p><img src="{UPLOADS}/a.jpg" alt="Reading room"></p>', MEDIA).markdown
    assert "### Opening hours" in text and "1. Mon" in text and "| Day |" in text
    assert "> Read more" in text
    assert "![Reading room]({static}/images/2019/a.jpg)" in text


def test_a_picture_linked_from_another_host_is_reported_whatever_its_case():
    media = Media(attachments={"10": (f"{UPLOADS}/CAKE.JPG", "Cake")}, item="100")
    result = to_markdown('[gallery ids="10"]', media)
    assert f'<a href="{UPLOADS}/CAKE.JPG">Cake</a>' in result.markdown
    assert result.foreign_images == [f"{UPLOADS}/CAKE.JPG"]


def test_image_addresses_are_read_as_a_browser_reads_them():
    body = ("<p><img src='https://blog.example.org/a.png?w=300&amp;h=200' alt=x>"
            '[caption]<IMG SRC="https://blog.example.org/b.jpg">Text[/caption]</p>')
    assert image_sources(body) == ["https://blog.example.org/a.png?w=300&h=200",
                                   "https://blog.example.org/b.jpg"]
