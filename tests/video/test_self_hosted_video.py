"""Self-hosted video on a post: the browser's own <video> with captions and a poster, the file
published unchanged; a video without captions (or a reason) is refused; YouTube still works."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from lxml import html
from PIL import Image

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nWelcome to the library.\n"
POST = """
    ---
    title: Our new reading room
    date: 2026-10-01
    {video}
    ---
    Have a look.
"""


def tiny_video(path) -> bytes:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (Debian package: ffmpeg)")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=160x90:rate=10:duration=1.5", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", "-crf", "35", str(path)], check=True, timeout=60)
    return path.read_bytes()


class VideoTags(HTMLParser):
    """The tags inside <video> with their attributes (libxml2 drops <track>, a browser does not)."""

    def __init__(self):
        super().__init__()
        self.inside, self.tags = False, []

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or tag == "video"
        if self.inside:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "video"


def video_tags(source: str) -> list[tuple[str, dict]]:
    parser = VideoTags()
    parser.feed(source)
    return parser.tags


def write_post(site, video: str) -> None:
    site.write("posts/news/reading-room.md", POST.format(video=video.replace("\n", "\n    ")))


def test_a_video_file_plays_in_the_browsers_own_player_with_captions(site, tmp_path):
    data = tiny_video(tmp_path / "tour.mp4")
    site.write("posts/news/tour.mp4", data)
    site.write("posts/news/tour.vtt", VTT)
    write_post(site, "video: tour.mp4")
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("posts/2026/our-new-reading-room.html"))
    video = page.xpath("//main//video")[0]
    assert video.get("preload") == "none" and video.get("controls") is not None
    assert video.xpath("./source/@type") == ["video/mp4"]
    source = video.xpath("./source/@src")[0]
    tracks = [a for tag, a in video_tags(site.read("posts/2026/our-new-reading-room.html"))
              if tag == "track"]
    assert len(tracks) == 1
    assert tracks[0]["kind"] == "captions" and tracks[0]["srclang"] == "en"
    assert tracks[0]["src"].endswith("posts/news/tour.vtt")
    assert (site.output / "posts/news/tour.mp4").read_bytes() == data
    assert source.endswith("posts/news/tour.mp4")
    assert (site.output / "posts/news/tour.vtt").read_text() == VTT
    poster = video.get("poster").split("/", 1)[-1].lstrip("./")
    with Image.open(site.output / "posts/news/tour.poster.jpg") as image:
        assert image.format == "JPEG" and image.size == (160, 90)
    assert poster.endswith("tour.poster.jpg")
    assert not page.xpath("//a[@data-embed]")  # not the YouTube/Vimeo click-to-load


def test_a_video_without_captions_is_refused_unless_a_reason_is_given(site, tmp_path):
    site.write("posts/news/tour.mp4", tiny_video(tmp_path / "tour.mp4"))
    write_post(site, "video: tour.mp4")
    assert site.build() == 1
    assert "content/posts/news/reading-room.md: captions: the video posts/news/tour.mp4 has no " \
        "captions" in site.messages
    write_post(site, "video: tour.mp4\ncaptions: none")
    assert site.build() == 1
    assert "reading-room.md:5: captions: says none but not why" in site.messages
    write_post(site, "video: tour.mp4\ncaptions: 'none: music only, nobody speaks'")
    assert site.build() == 0, site.messages
    tags = [tag for tag, _a in video_tags(site.read("posts/2026/our-new-reading-room.html"))]
    assert tags[:2] == ["video", "source"] and "track" not in tags


def test_a_missing_or_wrong_video_file_is_named(site):
    site.write("posts/news/tour.avi", b"RIFF....AVI ")
    write_post(site, "video: tour.avi")
    assert site.build() == 1
    assert "reading-room.md:4: video: 'tour.avi' is not an MP4 or WebM video" in site.messages
    write_post(site, "video: missing.mp4")
    assert site.build() == 1
    assert "reading-room.md:4: video: 'missing.mp4' does not exist" in site.messages


def test_youtube_addresses_still_get_the_click_to_load_player(site):
    write_post(site, "video: https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert site.build() == 0, site.messages
    page = html.fromstring(site.read("posts/2026/our-new-reading-room.html"))
    assert page.xpath("//a[@data-embed]/@data-embed")[0].startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert not page.xpath("//video")
