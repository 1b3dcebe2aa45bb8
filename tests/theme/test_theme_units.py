"""Video addresses, image sizes and share links, without Pelican."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from shelfcast_theme.images import image_size, size_images
from shelfcast_theme.settings import read_settings
from shelfcast_theme.sharing import share_links
from shelfcast_theme.videos import parse_video_url, replace_video_links


@pytest.mark.parametrize("url, provider, ident", [
    ("https://www.youtube.com/watch?v=M7lc1UVf-VE", "YouTube", "M7lc1UVf-VE"),
    ("https://youtube.com/watch?feature=share&v=M7lc1UVf-VE", "YouTube", "M7lc1UVf-VE"),
    ("https://youtu.be/M7lc1UVf-VE?t=42", "YouTube", "M7lc1UVf-VE"),
    ("https://m.youtube.com/shorts/M7lc1UVf-VE", "YouTube", "M7lc1UVf-VE"),
    ("https://www.youtube-nocookie.com/embed/M7lc1UVf-VE", "YouTube", "M7lc1UVf-VE"),
    ("https://vimeo.com/76979871", "Vimeo", "76979871"),
    ("https://player.vimeo.com/video/76979871", "Vimeo", "76979871"),
])
def test_video_addresses_are_recognised(url, provider, ident):
    video = parse_video_url(url)
    assert (video.provider, video.id) == (provider, ident)
    embed = urlsplit(video.embed_url)
    assert embed.netloc in ("www.youtube-nocookie.com", "player.vimeo.com")
    if provider == "Vimeo":
        assert parse_qs(embed.query)["dnt"] == ["1"]


def test_a_youtube_start_time_is_kept():
    assert "start=42" in parse_video_url("https://youtu.be/M7lc1UVf-VE?t=42s").embed_url


@pytest.mark.parametrize("url", [
    "https://example.org/watch?v=M7lc1UVf-VE", "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/@library", "javascript:alert(1)", "ftp://vimeo.com/1",
    "https://vimeo.com/channels/staff", "", None, 42,
])
def test_other_addresses_are_not_videos(url):
    assert parse_video_url(url) is None


def test_only_a_lone_video_link_becomes_a_player():
    body = ('<p><a href="https://youtu.be/M7lc1UVf-VE">Author talk</a></p>\n'
            '<p>See <a href="https://youtu.be/M7lc1UVf-VE">this</a> too.</p>\n'
            '<p><a href="https://example.org/">video</a></p>\n'
            '<p><a href="https://vimeo.com/76979871">video</a></p>')
    seen = []
    result = replace_video_links(body, lambda v, t: seen.append((v.id, t)) or "[PLAYER]")
    assert seen == [("M7lc1UVf-VE", "Author talk"), ("76979871", None)]
    assert result.count("[PLAYER]") == 2
    assert "See <a" in result and "https://example.org/" in result


def test_local_images_get_their_size_and_lazy_loading(tmp_path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (64, 48)).save(tmp_path / "images" / "a.png")
    body = ('<img alt="A" src="{static}/images/a.png"><img alt="B" src="{static}/images/b.png">'
            '<img alt="C" src="{static}/images/a.png" width="10" loading="eager"/>')
    result = size_images(body, str(tmp_path))
    assert '<img alt="A" src="{static}/images/a.png" width="64" height="48" loading="lazy"' \
        in result
    assert 'src="{static}/images/b.png" loading="lazy"' in result
    # Left as it was; written as HTML5 writes a void element (the body is edited as a tree).
    assert '<img alt="C" src="{static}/images/a.png" width="10" loading="eager">' in result


def test_image_size_of_a_broken_or_missing_file_is_none(tmp_path):
    (tmp_path / "x.png").write_bytes(b"not a png")
    assert image_size(str(tmp_path / "x.png")) is None
    assert image_size(str(tmp_path / "missing.png")) is None


def test_share_links_carry_the_address_and_title():
    links = dict(share_links("https://lib.example/a.html", "Ørstad & more",
                             ["email", "bluesky", "mastodon"], "https://social.example/share"))
    assert list(links) == ["email", "bluesky", "mastodon"]
    assert links["email"].startswith("mailto:?subject=%C3%98rstad%20%26%20more&body=")
    text = parse_qs(urlsplit(links["mastodon"]).query)["text"][0]
    assert text == "Ørstad & more https://lib.example/a.html"
    assert urlsplit(links["mastodon"]).netloc == "social.example"


@pytest.mark.parametrize("given, field", [
    ("no", "SHELFCAST_THEME"), ({"SHARE_LINKS": ["myspace"]}, "SHARE_LINKS"),
    ({"SHARE_LINKS": "email"}, "SHARE_LINKS"), ({"DEFAULT_IMAGE": None}, "DEFAULT_IMAGE"),
    ({"SEARCH_URL": 3}, "SEARCH_URL"), ({"SHARE": []}, "SHARE"),
])
def test_bad_theme_settings_are_named(given, field):
    options, problems = read_settings({"SHELFCAST_THEME": given})
    assert problems and problems[0].path == "pelicanconf.py" and field in problems[0].field
    assert options["SHARE_LINKS"] and options["DEFAULT_IMAGE"]
