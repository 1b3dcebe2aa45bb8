"""Smaller copies of each episode (PODCAST["alternates"]): made by ffmpeg once, published beside
the original, announced in the feed as podcast:alternateEnclosure and offered on the page.

The feed is read by podcast-partytime (npm), an independent Podcasting 2.0 parser; sizes and
durations are measured with ffprobe; ffmpeg runs are counted by a wrapper on PATH.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import html
from podcasttools import EPISODE, ROOT, SHOW_YAML, episode, ffprobe_duration, image_bytes

PARTYTIME = ROOT / "tests" / "podcast" / "partytime"
FEED = "podcasts/talk/feed.xml"
ALTERNATES = {"alternates": ["opus"]}


def speech_like_mp3(path: Path, seconds: float, frequency: int) -> None:
    """A 128 kbit/s MP3 (the usual podcast export) of a tone, made with ffmpeg."""
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={frequency}:duration={seconds}", "-ac", "1", "-ar", "44100",
                    "-c:a", "libmp3lame", "-b:a", "128k", str(path)], check=True)


@pytest.fixture
def counted_ffmpeg(tmp_path, monkeypatch):
    """ffmpeg on PATH is a wrapper that writes one line per run, then runs the real one."""
    real = shutil.which("ffmpeg")
    folder, runs = tmp_path / "bin", tmp_path / "ffmpeg-runs.txt"
    folder.mkdir()
    wrapper = folder / "ffmpeg"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{runs}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return lambda: len(runs.read_text().splitlines()) if runs.exists() else 0


@pytest.fixture
def two_episodes(site, request):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (Debian package ffmpeg; .ci/run installs it)")
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    site.write("podcasts/talk/cover.png", image_bytes())
    (site.content / "podcasts/talk/audio").mkdir(parents=True)
    speech_like_mp3(site.content / "podcasts/talk/audio/first.mp3", 6, 300)
    speech_like_mp3(site.content / "podcasts/talk/audio/second.mp3", 4.5, 440)
    site.write("podcasts/talk/first.md", EPISODE)
    site.write("podcasts/talk/second.md", episode(title="Second episode", guid="test-guid-2",
                                                  date="2026-01-12 10:00",
                                                  audio="audio/second.mp3"))
    site.runs = request.getfixturevalue("counted_ffmpeg")   # counts the build's runs only
    return site


def partytime(feed: Path) -> dict:
    if not (shutil.which("node") and (PARTYTIME / "node_modules/podcast-partytime").is_dir()):
        pytest.skip("podcast-partytime is not installed: with node (Debian packages: nodejs npm) "
                    "run `npm ci --prefix tests/podcast/partytime` (.ci/run does)")
    done = subprocess.run(["node", str(PARTYTIME / "parse.cjs"), str(feed)], check=True,
                          capture_output=True, text=True, timeout=60)
    parsed = json.loads(done.stdout)[str(feed)]
    assert parsed is not None, "podcast-partytime could not parse the feed"
    return parsed


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_each_episode_gets_an_opus_copy_a_quarter_the_size_and_as_long(two_episodes):
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    for name in ("first", "second"):
        mp3 = site.output / f"podcasts/talk/audio/{name}.mp3"
        opus = site.output / f"podcasts/talk/audio/{name}.opus"
        assert opus.stat().st_size < 0.35 * mp3.stat().st_size
        assert abs(ffprobe_duration(opus) - ffprobe_duration(mp3)) <= 0.1
        codec = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                                "-of", "csv=p=0", str(opus)], capture_output=True, text=True)
        assert codec.stdout.strip() == "opus"
        assert opus.stat().st_mode & 0o444 == 0o444    # readable by the web server


def test_partytime_reads_each_alternate_with_type_length_bitrate_and_integrity(two_episodes):
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    feed = partytime(site.output / FEED)
    assert len(feed["items"]) == 2
    for item in feed["items"]:
        original, smaller = item["alternativeEnclosures"]
        mp3 = site.output / item["enclosure"]["url"].split("/", 3)[3]
        opus = mp3.with_suffix(".opus")
        assert original["default"] is True and original["type"] == "audio/mpeg"
        assert original["length"] == mp3.stat().st_size == item["enclosure"]["length"]
        assert original["source"][0]["uri"] == item["enclosure"]["url"]
        assert original["integrity"] == {"type": "sri", "value": sri(mp3)}
        assert 120_000 <= original["bitrate"] <= 140_000
        assert smaller["default"] is False and smaller["type"] == "audio/ogg; codecs=opus"
        assert smaller["length"] == opus.stat().st_size
        assert smaller["bitrate"] == 32_000
        assert smaller["integrity"] == {"type": "sri", "value": sri(opus)}
        assert smaller["source"][0]["uri"] == item["enclosure"]["url"][:-4] + ".opus"


def test_a_second_build_runs_ffmpeg_not_once(two_episodes):
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    first = site.runs()
    assert first == 2
    feed = site.read(FEED)
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    assert site.runs() == first
    assert "ffmpeg made 0 smaller file(s); 2 came from the cache" in site.messages
    assert site.read(FEED) == feed
    # A renamed file is the same audio: its copy comes from the cache as well.
    (site.content / "podcasts/talk/audio/first.mp3").rename(
        site.content / "podcasts/talk/audio/opening.mp3")
    site.write("podcasts/talk/first.md", episode(audio="audio/opening.mp3"))
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    assert site.runs() == first
    assert (site.output / "podcasts/talk/audio/opening.opus").is_file()


def test_the_page_plays_the_smaller_file_first_and_offers_it_for_download(two_episodes):
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    page = html.fromstring(site.read("podcasts/talk/first-episode.html"))
    # lxml's HTML 4 parser does not know <source> is empty: it nests each in the one before.
    sources = page.xpath('//audio[@id="episode-player"]//source')
    assert [s.get("src").rsplit("/", 1)[-1] for s in sources] == ["first.opus", "first.mp3"]
    assert sources[0].get("type") == "audio/ogg; codecs=opus"
    link = page.xpath('//p[contains(@class, "download-smaller")]/a')[0]
    size = (site.output / "podcasts/talk/audio/first.opus").stat().st_size
    assert link.get("href").endswith("/podcasts/talk/audio/first.opus")
    assert link.text_content() == f"Smaller file ({size / 1000:.1f} kB)"


def test_the_smaller_file_link_is_translated(two_episodes):
    site = two_episodes
    site.write("podcasts/talk/show.yaml", SHOW_YAML.replace("language: en", "language: da"))
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    page = html.fromstring(site.read("podcasts/talk/first-episode.html"))
    link = page.xpath('//p[contains(@class, "download-smaller")]/a')[0]
    assert link.text_content().startswith("Mindre fil (")


def test_feeds_with_alternates_still_pass_podcastparser_and_feedparser(two_episodes):
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    data = (site.output / FEED).read_bytes()
    with (site.output / FEED).open("rb") as stream:
        parsed = podcastparser.parse("http://127.0.0.1:8000/" + FEED, stream)
    # Apple reads the one <enclosure>: still the MP3, alone.
    assert [[x["mime_type"] for x in e["enclosures"]] for e in parsed["episodes"]] == \
        [["audio/mpeg"]] * 2
    result = feedparser.parse(data)
    assert not result.bozo and len(result.entries) == 2


def test_without_ffmpeg_the_build_says_what_it_skipped_and_succeeds(two_episodes, monkeypatch,
                                                                    tmp_path):
    site = two_episodes
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    assert "ffmpeg is not installed: 2 episode(s) have no smaller file" in site.messages
    assert not (site.output / "podcasts/talk/audio/first.opus").exists()
    assert "alternateEnclosure" not in site.read(FEED)


def test_alternates_true_means_opus(two_episodes):
    site = two_episodes
    assert site.build(PODCAST={"alternates": True}) == 0, site.messages
    assert sorted(p.name for p in (site.output / "podcasts/talk/audio").iterdir()) == \
        ["first.mp3", "first.opus", "second.mp3", "second.opus"]


def test_alternates_are_off_by_default(two_episodes):
    site = two_episodes
    assert site.build() == 0, site.messages
    assert site.runs() == 0
    assert "alternateEnclosure" not in site.read(FEED)
    page = html.fromstring(site.read("podcasts/talk/first-episode.html"))
    assert page.xpath('//audio[@id="episode-player"]/@src')


@pytest.mark.parametrize(("value", "message"), [
    (["ogg"], "'alternates' ['ogg'] must list each of opus, aac at most once"),
    ("opus", "'alternates' must be a list [...] or True or False, not 'opus'"),
])
def test_a_wrong_alternates_setting_is_one_clear_message(two_episodes, value, message):
    site = two_episodes
    assert site.build(PODCAST={"alternates": value}) == 1
    assert "pelicanconf.py" in site.messages and message in site.messages


PICKS = """
<script>
window.addEventListener("load", function () {
  var player = document.getElementById("episode-player");
  player.addEventListener("loadstart", function () {
    document.body.setAttribute("data-playing", player.currentSrc);
  });
  player.load();
});
</script>
"""


def test_chromium_plays_the_smaller_file(two_episodes, tmp_path):
    from test_podcast_browser import chromium

    browser = chromium()
    site = two_episodes
    assert site.build(PODCAST=ALTERNATES) == 0, site.messages
    page = site.output / "podcasts/talk/first-episode.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", PICKS + "</body>"),
                    encoding="utf-8")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                          f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
                          "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    body = html.fromstring(dom).find("body")
    assert body is not None, "Chromium printed no page"
    assert body.get("data-playing", "").endswith("/podcasts/talk/audio/first.opus")
