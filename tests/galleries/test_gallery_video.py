"""A gallery may hold self-hosted videos next to its photos: player page, poster thumbnail,
captions required."""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import html
from test_galleries_site import GALLERY, photo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "video"))
from test_self_hosted_video import VTT, tiny_video, video_tags  # noqa: E402

VIDEO_ENTRY = """
  - video: talk.mp4
    caption: The author's talk in the tent
"""


def write_video_gallery(site, tmp_path, entry=VIDEO_ENTRY, captions=True) -> None:
    site.write("galleries/summer-party/gallery.yaml",
               GALLERY.rstrip() + "\n" + entry.replace("\n  ", "\n      ")
               .replace("\n      - video", "\n      - video"))
    site.write("galleries/summer-party/garden.jpg", photo("green"))
    site.write("galleries/summer-party/cake.png", photo("orange", (300, 400), fmt="PNG"))
    site.write("galleries/summer-party/prize.jpg", photo("blue"))
    site.write("galleries/summer-party/talk.mp4", tiny_video(tmp_path / "talk.mp4"))
    if captions:
        site.write("galleries/summer-party/talk.vtt", VTT)


def test_a_video_in_a_gallery_gets_a_player_page_and_a_poster_thumbnail(site, tmp_path):
    write_video_gallery(site, tmp_path)
    assert site.build() == 0, site.messages
    grid = html.fromstring(site.read("galleries/summer-party/index.html"))
    items = grid.xpath("//ul[@class='gallery-grid']/li")
    assert len(items) == 4
    assert items[3].xpath(".//img/@alt") == ["The author's talk in the tent"]
    source = site.read("galleries/summer-party/talk.html")
    tags = video_tags(source)
    assert tags[0][0] == "video" and tags[0][1]["preload"] == "none"
    assert [a["kind"] for tag, a in tags if tag == "track"] == ["captions"]
    assert (site.output / "galleries/summer-party/talk.mp4").is_file()
    assert (site.output / "galleries/summer-party/talk.vtt").read_text() == VTT
    page = html.fromstring(source)
    assert page.xpath("//a[@rel='prev']/@href")[0].endswith("prize.html")


def test_a_gallery_video_without_captions_is_refused(site, tmp_path):
    write_video_gallery(site, tmp_path, captions=False)
    assert site.build() == 1
    assert "content/galleries/summer-party/gallery.yaml:17: captions: the video " \
        "galleries/summer-party/talk.mp4 has no captions" in site.messages
