"""Case 7: a path field names a file outside content/; it is refused, never published.

A gallery's `file:`, a post's `image:`, a video's `video:`, `captions:` and `video_poster:`
each go through the one containment check (shelfcast_sitekit.boundaries.outside_folder).
"""

from __future__ import annotations

import io

import pytest
from childbuild import build_in_child
from PIL import Image

GALLERY = """
    title: Outside
    date: 2026-07-01
    images:
      - file: {file}
        alt: A picture from somewhere else
        caption: Elsewhere
"""


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "purple").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def secret(tmp_path):
    """A picture beside the site, outside content/: the home folder's photo."""
    path = tmp_path / "private" / "holiday.jpg"
    path.parent.mkdir()
    path.write_bytes(jpeg())
    return path


def published_pictures(site) -> list:
    return sorted(p for p in site.output.rglob("*.jpg")) if site.output.exists() else []


@pytest.mark.parametrize("how", ["absolute", "dotdot"])
def test_a_gallery_file_outside_content_is_refused(site, secret, how):
    name = str(secret) if how == "absolute" else "../../../private/holiday.jpg"
    site.write("galleries/outside/gallery.yaml", GALLERY.format(file=name))
    result = build_in_child(site)
    result.assert_contained()
    result.assert_refused("content/galleries/outside/gallery.yaml:4: file:",
                          "points outside the gallery's folder")
    assert not published_pictures(site)


def test_a_post_image_outside_content_is_refused(site, secret):
    site.write("posts/news/elsewhere.md", """
        ---
        title: Elsewhere
        date: 2026-07-01
        image: ../private/holiday.jpg
        ---
        Text.
    """)
    result = build_in_child(site)
    result.assert_refused("content/posts/news/elsewhere.md:4: image:", "points outside content/")
    assert not published_pictures(site)


@pytest.mark.parametrize("field", ["video", "captions", "video_poster"])
def test_a_video_file_outside_content_is_refused(site, tmp_path, field):
    outside = {"video": "clip.mp4", "captions": "clip.vtt", "video_poster": "clip.jpg"}[field]
    (tmp_path / outside).write_bytes(b"WEBVTT\n\n" if field == "captions" else jpeg())
    site.write("posts/news/clip.mp4", b"\x00\x00\x00\x18ftypmp42")
    site.write("posts/news/clip.vtt", "WEBVTT\n\n")
    values = {"video": "clip.mp4", "captions": "clip.vtt", "video_poster": None,
              field: f"../../../{outside}"}
    lines = "\n".join(f"        {k}: {v}" for k, v in values.items() if v)
    site.write("posts/news/clip.md", f"""
        ---
        title: A clip
        date: 2026-07-01
{lines}
        ---
        Text.
    """)
    result = build_in_child(site)
    result.assert_refused(f"{field}:", "points outside content/")


def test_a_library_logo_outside_content_is_refused(site, secret):
    png = secret.with_suffix(".png")
    Image.new("RGB", (64, 64), "red").save(png)
    library = {"name": "Test Library", "logo": f"../{png.parent.name}/{png.name}"}
    site.write("posts/news/a.md", "---\ntitle: A\ndate: 2026-07-01\n---\nText.\n")
    result = build_in_child(site, LIBRARY=library)
    result.assert_contained()
    result.assert_refused("pelicanconf.py: LIBRARY['logo']:", "points outside content/")
