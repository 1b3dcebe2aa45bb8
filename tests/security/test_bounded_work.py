"""Cases 13 and 14: work the build does is bounded by the settings, not by what a file holds.

Each case builds a small site in a child process (tests/security/harness.py) and must end
within 5 s and 150 MB with one clear message naming the file, the field and the fix.
"""

from __future__ import annotations

from bombs import png_bomb, sparse_file
from childbuild import build_in_child

GALLERY = """
    title: Big
    date: 2026-07-01
    images:
      - file: {file}
        alt: A very large picture
        caption: Large
"""
PROGRAMME = """
    title: 23 things
    description: Learn a tool a week.
    start: 2027-01-04
"""


def test_a_gigabyte_gallery_yaml_is_refused_before_it_is_read(site):
    sparse_file(site.content / "galleries" / "big" / "gallery.yaml", b"title: Big\n")
    result = build_in_child(site)
    result.assert_contained()
    result.assert_bounded()
    result.assert_refused("content/galleries/big/gallery.yaml: the file is 1073.7 MB",
                          "SITEKIT[\"max_yaml_bytes\"]")


def test_a_gigabyte_programme_yaml_is_refused_before_it_is_read(site):
    sparse_file(site.content / "programmes" / "p" / "programme.yaml", b"title: Big\n")
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/programmes/p/programme.yaml: the file is 1073.7 MB")


def test_a_gigabyte_comment_is_refused_before_it_is_read(site):
    site.write("posts/books/winter.md", "---\ntitle: Winter\ndate: 2026-10-01\n"
                                        "slug: winter\n---\nText.\n")
    sparse_file(site.content / "comments" / "winter" / "big.yaml", b"name: Anna\n")
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/comments/winter/big.yaml: the file is 1073.7 MB")


def test_a_gigabyte_video_is_refused_by_its_size(site):
    sparse_file(site.content / "posts" / "news" / "tour.mp4", b"\0\0\0\x18ftypmp42")
    site.write("posts/news/tour.vtt", "WEBVTT\n\n")
    site.write("posts/news/tour.md", "---\ntitle: Tour\ndate: 2026-07-01\nvideo: tour.mp4\n"
                                     "---\nText.\n")
    result = build_in_child(site)
    result.assert_contained()
    result.assert_bounded()
    result.assert_refused("content/posts/news/tour.md:4: video: posts/news/tour.mp4 is 1,074 MB",
                          "SITEKIT[\"max_video_bytes\"]")


def test_a_169_megapixel_png_in_a_gallery_is_refused_before_decoding(site):
    png_bomb(site.content / "galleries" / "big" / "huge.png", 13_000)
    site.write("galleries/big/gallery.yaml", GALLERY.format(file="huge.png"))
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/galleries/big/gallery.yaml:4: file: huge.png has more than "
                          "100 million pixels", "SITEKIT[\"max_image_pixels\"]")


def test_a_900_megapixel_post_image_names_file_field_and_fix(site):
    """Case 14: Pillow's own refusal used to surface as "Could not process" only."""
    png_bomb(site.content / "images" / "bomb.png", 30_000, real_pixels=False)
    site.write("posts/news/bomb.md", "---\ntitle: Bomb\ndate: 2026-07-01\n"
                                     "image: images/bomb.png\n---\nText.\n")
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("content/posts/news/bomb.md:4: image: 'images/bomb.png' has more than",
                          "million pixels a picture may have",
                          "SITEKIT[\"max_image_pixels\"]")
    assert "Could not process" not in result.output


def test_a_twenty_digit_repeat_interval_is_refused(site):
    """Case 14: `every: 99999999999999999999 days` overflowed the calendar library."""
    site.write("posts/events/forever.md", """
        ---
        title: Forever
        date: 2026-07-01 10:00
        event:
          start: 2026-07-11 10:00
          location: Workshop room
          recurrence:
            every: 99999999999999999999 days
            until: 2027-06-26
        ---
        Text.
    """)
    result = build_in_child(site)
    result.assert_bounded()
    result.assert_refused("forever.md", "recurrence:", "is not a repeat", "at most every 52")


def test_a_pixel_bomb_logo_is_refused_before_the_icons_are_made(site):
    png_bomb(site.content / "images" / "logo.png", 13_000)
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-07-01\n---\nText.\n")
    result = build_in_child(site, LIBRARY={"name": "Test Library", "logo": "images/logo.png"})
    result.assert_bounded()
    result.assert_refused("pelicanconf.py: LIBRARY['logo']: 'images/logo.png' has more than "
                          "100 million pixels")
