"""Pictures and chapters inside audio files reach the feed, the pages and the chapters JSON.

Issue 10 §3: an episode without `image:` shows its audio file's cover when that cover passes
as podcast artwork, else the show's; chapter pictures (ID3 CHAP with APIC) become `img` in the
chapters JSON; QuickTime chapter tracks in M4A files are read.
"""

import json
import shutil
import subprocess
import textwrap
from datetime import datetime

import pytest
from lxml import etree, html
from mpegframes import cbr
from mutagen.id3 import APIC, CHAP, CTOC, ID3, TIT2, WXXX, CTOCFlags
from mutagen.mp4 import MP4, MP4Cover
from podcasttools import EPISODE, FIXTURES, ffprobe_duration, image_bytes
from shelfcast_podcast.audio import probe
from shelfcast_podcast.cache import FactsCache
from shelfcast_podcast.scaffold import new_episode
from shelfcast_sitekit.fileprints import FilePrints

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0"}
SHOW = "podcasts/talk/"


def mp3_with_tags(path, *frames) -> None:
    """Two seconds of MP3 with an ID3v2 tag holding the given frames."""
    path.write_bytes(cbr(2))
    tags = ID3()
    for item in frames:
        tags.add(item)
    tags.save(str(path))


def cover(data: bytes, mime: str = "image/jpeg") -> APIC:
    return APIC(encoding=3, mime=mime, type=3, desc="Cover", data=data)


def item(site):
    feed = etree.parse(str(site.output / SHOW / "feed.xml"))
    return feed.find("channel/item"), feed.find("channel")


def output_file(site, url: str):
    """The file in output/ that an absolute URL of the site points to."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    return site.output / path


def og_images(site) -> list[str]:
    page = html.parse(str(site.output / SHOW / "first-episode.html"))
    return page.xpath("//meta[@property='og:image']/@content")


def test_episode_without_image_shows_the_cover_inside_its_mp3(show_site):
    picture = image_bytes((1400, 1400), "JPEG")
    mp3_with_tags(show_site.content / SHOW / "audio/first.mp3", cover(picture))
    assert show_site.build() == 0, show_site.messages
    entry, _channel = item(show_site)
    href = entry.find("itunes:image", NS).get("href")
    assert href.endswith("/podcasts/talk/first-episode.cover.jpg")
    assert output_file(show_site, href).read_bytes() == picture
    assert entry.find("podcast:image", NS).get("href") == href
    assert og_images(show_site) == [href]


BAD_COVERS = {
    "too small": (image_bytes((600, 600), "JPEG"), "image/jpeg", "is 600x600 pixels"),
    "not square": (image_bytes((1400, 1600), "JPEG"), "image/jpeg",
                   "is 1400x1600 pixels, not square"),
    "greyscale": (image_bytes((1400, 1400), "PNG", "L"), "image/png", "is greyscale, not RGB"),
    "PNG labelled JPEG": (image_bytes((1400, 1400), "PNG"), "image/jpeg",
                          "is a PNG picture labelled image/jpeg"),
}


@pytest.mark.parametrize("name", BAD_COVERS)
def test_cover_that_is_no_podcast_artwork_gives_way_to_the_show_artwork(show_site, name):
    picture, mime, reason = BAD_COVERS[name]
    mp3_with_tags(show_site.content / SHOW / "audio/first.mp3", cover(picture, mime))
    assert show_site.build() == 0, show_site.messages
    entry, channel = item(show_site)
    show_art = channel.find("itunes:image", NS).get("href")
    assert entry.find("itunes:image", NS).get("href") == show_art
    assert og_images(show_site) == [show_art]
    assert not list((show_site.output / SHOW).glob("*.cover.*"))
    assert f"first.md: warning: image: the cover inside audio/first.mp3 {reason}" \
        in show_site.messages


def test_m4a_cover_is_the_episode_artwork(show_site):
    picture = image_bytes((1500, 1500), "PNG")
    path = show_site.content / SHOW / "audio/first.m4a"
    shutil.copy(FIXTURES / "qtchapters.m4a", path)
    audio = MP4(str(path))
    audio["covr"] = [MP4Cover(picture, MP4Cover.FORMAT_PNG)]
    audio.save()
    show_site.write(SHOW + "first.md", EPISODE.replace("first.mp3", "first.m4a"))
    assert show_site.build() == 0, show_site.messages
    href = item(show_site)[0].find("itunes:image", NS).get("href")
    assert href.endswith("/podcasts/talk/first-episode.cover.png")
    assert output_file(show_site, href).read_bytes() == picture


def chapters_document(site) -> dict:
    entry, _channel = item(site)
    url = entry.find("podcast:chapters", NS).get("url")
    return json.loads(output_file(site, url).read_text(encoding="utf-8"))


def test_chapter_pictures_and_links_from_id3_reach_the_chapters_json(show_site):
    picture = image_bytes((640, 640), "PNG")
    mp3_with_tags(
        show_site.content / SHOW / "audio/first.mp3",
        CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
             child_element_ids=["a", "b"], sub_frames=[]),
        CHAP(element_id="a", start_time=0, end_time=1000, sub_frames=[
            TIT2(encoding=3, text=["With a picture"]), cover(picture, "image/png"),
            WXXX(encoding=3, url="https://library.example.org/a")]),
        CHAP(element_id="b", start_time=1000, end_time=2000, sub_frames=[
            TIT2(encoding=3, text=["With a bad link"]),
            WXXX(encoding=3, url="javascript:alert(1)")]))
    assert show_site.build() == 0, show_site.messages
    chapters = chapters_document(show_site)["chapters"]
    assert [c["title"] for c in chapters] == ["With a picture", "With a bad link"]
    assert chapters[0]["url"] == "https://library.example.org/a"
    assert output_file(show_site, chapters[0]["img"]).read_bytes() == picture
    assert chapters[0]["img"].startswith(item(show_site)[0].find("enclosure").get("url")
                                         .split("/podcasts/")[0])
    assert "url" not in chapters[1] and "img" not in chapters[1]
    assert "javascript" not in (show_site.output / SHOW / "first-episode.html").read_text()


def test_quicktime_chapter_track_in_the_committed_fixture():
    facts = probe(str(FIXTURES / "qtchapters.m4a"))
    assert [(c.start, c.title) for c in facts.chapters] == [(0.0, "Welcome"),
                                                             (1.5, "Kapitel to: æøå")]
    assert abs(facts.duration - ffprobe_duration(FIXTURES / "qtchapters.m4a")) < 1


FFMETADATA = """\
    ;FFMETADATA1
    [CHAPTER]
    TIMEBASE=1/1000
    START=0
    END=2500
    title=Opening words
    [CHAPTER]
    TIMEBASE=1/1000
    START=2500
    END=6000
    title=Smørrebrød & more
"""


def test_quicktime_chapters_made_by_ffmpeg_reach_the_feed(show_site, tmp_path):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (Debian package ffmpeg; .ci/run installs it)")
    (tmp_path / "chapters.txt").write_text(textwrap.dedent(FFMETADATA), encoding="utf-8")
    target = show_site.content / SHOW / "audio/first.m4a"
    # disable_chpl: only the QuickTime chapter track, as Apple's tools write it.
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
                    "-i", str(tmp_path / "chapters.txt"), "-map", "0", "-map_chapters", "1",
                    "-c:a", "aac", "-b:a", "32k", "-movflags", "disable_chpl", str(target)],
                   check=True, capture_output=True)
    assert MP4(str(target)).chapters is None, "mutagen alone must not see these chapters"
    show_site.write(SHOW + "first.md", EPISODE.replace("first.mp3", "first.m4a"))
    assert show_site.build() == 0, show_site.messages
    chapters = chapters_document(show_site)["chapters"]
    assert [(c["startTime"], c["title"]) for c in chapters] == [
        (0, "Opening words"), (2.5, "Smørrebrød & more")]


def test_facts_cache_keeps_pictures_and_ignores_older_versions(tmp_path):
    audio = tmp_path / "a.mp3"
    mp3_with_tags(audio, cover(image_bytes((1400, 1400), "JPEG")))
    cache_file = tmp_path / "facts.json"
    first = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    facts = first.facts(str(audio), "a.mp3")
    first.save()
    assert facts.cover is not None and facts.cover.problem is None
    reads = []
    second = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    assert second.facts(str(audio), "a.mp3", lambda p: reads.append(p) or probe(p)) == facts
    assert reads == []
    # A cache written by the previous version (facts without pictures) is read again.
    document = json.loads(cache_file.read_text(encoding="utf-8"))
    document["format"] = "podcast-audio 2"
    del document["data"]["entries"]["a.mp3"]["facts"]["cover"]
    cache_file.write_text(json.dumps(document), encoding="utf-8")
    third = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    assert third.facts(str(audio), "a.mp3", lambda p: reads.append(p) or probe(p)) == facts
    assert reads == [str(audio)]


def test_cover_is_carried_over_while_the_audio_file_is_unchanged(show_site):
    audio = show_site.content / SHOW / "audio/first.mp3"
    mp3_with_tags(audio, cover(image_bytes((1400, 1400), "JPEG")))
    assert show_site.build() == 0, show_site.messages
    written = show_site.output / SHOW / "first-episode.cover.jpg"
    first_inode = written.stat().st_ino
    assert show_site.build() == 0, show_site.messages
    assert written.stat().st_ino == first_inode, "an unchanged cover is linked, not rewritten"
    replacement = image_bytes((1600, 1600), "JPEG")
    mp3_with_tags(audio, cover(replacement))
    assert show_site.build() == 0, show_site.messages
    assert written.read_bytes() == replacement


def test_new_episode_leaves_chapters_with_pictures_in_the_file(tmp_path):
    audio = tmp_path / "talk.mp3"
    mp3_with_tags(audio, CHAP(element_id="a", start_time=0, end_time=1000, sub_frames=[
        TIT2(encoding=3, text=["Pictured"]), cover(image_bytes((300, 300)), "image/png")]))
    _name, text = new_episode(probe(str(audio)), "audio/talk.mp3", datetime(2026, 3, 1, 9))
    assert "\nchapters:" not in text
    assert "Pictured" not in text
