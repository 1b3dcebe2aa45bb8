"""Every bad input a librarian can give: one clear line, no traceback, output/ untouched."""

import hashlib

import feedparser
import pytest
from mpegframes import cbr
from podcasttools import FIXTURES, SHOW_YAML, episode, image_bytes
from shelfcast_podcast.scaffold import freeze_guids


def digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


SHOW = "podcasts/talk/"
VALID_VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"

BAD = {
    "missing audio file": ({"first.md": episode(audio="audio/nope.mp3")},
                           "first.md:4: audio: 'audio/nope.mp3' does not exist"),
    "no audio field": ({"first.md": episode(audio=None)}, "first.md: audio: missing"),
    "zero-byte audio": ({"audio/first.mp3": b""}, "first.md:4: audio: audio/first.mp3 the file "
                                                  "is empty (0 bytes)"),
    "truncated audio": ({"audio/first.mp3": cbr(2)[:-50]}, "truncated"),
    "text named .mp3": ({"audio/first.mp3": b"<html>not audio</html>\n" * 30},
                        "audio/first.mp3 is not an audio file"),
    "artwork not square": ({"cover.png": image_bytes((1400, 1500))},
                           "show.yaml:6: image: is 1400x1500 pixels; podcast artwork must be "
                           "square"),
    "artwork too small": ({"cover.png": image_bytes((600, 600))}, "between 1400x1400"),
    "artwork too big": ({"cover.png": image_bytes((3200, 3200), "JPEG")}, "between 1400x1400"),
    "artwork not jpeg or png": ({"cover.png": image_bytes((1400, 1400), "GIF", "L")},
                                "need JPEG or PNG"),
    "unknown category": ({"show.yaml": SHOW_YAML.replace("Arts > Books", "Arts > Bookz")},
                         "show.yaml:5: categories: 'Arts > Bookz' is not an Apple Podcasts "
                         "category; did you mean 'Arts > Books'?"),
    "missing owner email": ({"show.yaml": SHOW_YAML.replace(", email: podcast@test.example.org",
                                                            "")},
                            "show.yaml:4: owner: email: missing"),
    "bad owner email": ({"show.yaml": SHOW_YAML.replace("podcast@test.example.org", "podcast")},
                        "'podcast' is not an e-mail address"),
    "malformed chapter time": ({"first.md": episode(chapters='[{start: "1:7x", title: Intro}]')},
                               "first.md:6: chapters: chapter 1: start '1:7x' is not a time"),
    "chapter after the end": ({"first.md": episode(chapters='[{start: "9:00", title: Late}]')},
                              "starts at 9:00 but the audio is only 0:02 long"),
    "invalid vtt": ({"first.md": episode(transcript="audio/first.vtt"),
                     "audio/first.vtt": "1\n00:00:00,000 --> 00:00:01,000\nHello\n"},
                    "first.md:6: transcript: audio/first.vtt is not a valid VTT transcript: "
                    "line 1 must be WEBVTT"),
    "invalid srt": ({"first.md": episode(transcript="audio/first.srt"),
                     "audio/first.srt": "1\n00:00:00.000 -> 00:00:01.000\nHello\n"},
                    "is not a valid SRT transcript: line 2"),
    "transcript of another type": ({"first.md": episode(transcript="audio/first.txt"),
                                    "audio/first.txt": "Hello\n"},
                                   "is not a .vtt or .srt file"),
    "duplicate guid": ({"second.md": episode(title="Second", **{"audio": "audio/second.mp3"}),
                        "audio/second.mp3": cbr(1)},
                       "'test-guid-1' is also the guid of content/podcasts/talk/first.md"),
    "no show.yaml": ({"show.yaml": None}, "podcasts/talk/: a show folder needs a show.yaml"),
    "empty show.yaml": ({"show.yaml": ""}, "show.yaml: the file is empty"),
    "broken show.yaml": ({"show.yaml": "title: [unclosed\n"},
                         "show.yaml:1: title: show.yaml is not valid YAML"),
    "show.yaml not utf-8": ({"show.yaml": "title: Smørrebrød\n".encode("latin-1")},
                            "show.yaml:1: the file is not UTF-8"),
    "missing artwork": ({"cover.png": None}, "image: 'cover.png' does not exist"),
    "episode number not a number": ({"first.md": episode(episode="first")},
                                    "episode: 'first' is not a number"),
    "bad episode type": ({"first.md": episode(episode_type="special")},
                         "'special' is not an episode type"),
    "two episodes with one URL": ({"second.md": episode(guid="other", audio="audio/second.mp3"),
                                   "audio/second.mp3": cbr(1)}, "has the same URL"),
}


def apply(site, changes):
    for name, value in changes.items():
        path = site.content / SHOW / name
        if value is None:
            path.unlink()
        else:
            site.write(SHOW + name, value)


@pytest.mark.parametrize("name", BAD)
def test_bad_input_stops_the_build_with_one_clear_line(show_site, name):
    assert show_site.build() == 0, show_site.messages
    before = digest(show_site.output)
    changes, expected = BAD[name]
    apply(show_site, changes)
    assert show_site.build() == 1
    assert expected in show_site.messages
    assert "Traceback" not in show_site.messages
    assert digest(show_site.output) == before


def test_bad_podcast_setting_names_pelicanconf(show_site):
    assert show_site.build(PODCAST={"feed_path": "x.xml"}) == 1
    assert "pelicanconf.py: PODCAST: unknown key 'feed_path'" in show_site.messages


def test_opus_only_episode_warns_and_builds(show_site):
    show_site.write(SHOW + "audio/first.opus", (FIXTURES / "speech.opus").read_bytes())
    show_site.write(SHOW + "first.md", episode(audio="audio/first.opus"))
    assert show_site.build() == 0, show_site.messages
    assert "warning: audio: audio/first.opus is OPUS audio, which Apple Podcasts does not " \
           "accept" in show_site.messages
    parsed = feedparser.parse(show_site.read("podcasts/talk/feed.xml"))
    assert parsed.entries[0].enclosures[0].type == "audio/ogg; codecs=opus"


def test_drafts_and_future_episodes_are_left_out(show_site):
    show_site.write(SHOW + "draft.md", episode(title="Draft one", guid="d", status="draft",
                                               audio="audio/missing-is-fine-for-drafts.mp3"))
    show_site.write(SHOW + "future.md", episode(title="Future one", guid="f",
                                                date="2999-01-01 10:00"))
    assert show_site.build() == 0, show_site.messages
    parsed = feedparser.parse(show_site.read("podcasts/talk/feed.xml"))
    assert [e.title for e in parsed.entries] == ["First episode"]
    pages = [p.name for p in (show_site.output / "podcasts/talk").glob("*.html")]
    assert sorted(pages) == ["first-episode.html", "index.html"]


def published_guids(site):
    return [e.id for e in feedparser.parse(site.read("podcasts/talk/feed.xml")).entries]


def test_guid_survives_rename_retitle_and_redate(show_site):
    show_site.write(SHOW + "first.md", episode(guid=None))
    assert show_site.build() == 0
    assert "guid: not frozen yet" in show_site.messages and "invoke freeze-guids" in \
        show_site.messages
    before = published_guids(show_site)
    (show_site.content / SHOW / "first.md").unlink()
    show_site.write(SHOW + "renamed.md", episode(guid=None, title="A new title",
                                                 date="2026-02-01 08:00", slug="new-slug"))
    assert show_site.build() == 0, show_site.messages
    assert published_guids(show_site) == before


def test_freeze_guids_writes_the_published_guid(show_site):
    show_site.write(SHOW + "first.md", episode(guid=None))
    assert show_site.build() == 0
    before = published_guids(show_site)
    changed = freeze_guids(str(show_site.content / "podcasts"))
    assert [g for _path, g in changed] == before
    assert freeze_guids(str(show_site.content / "podcasts")) == []
    # Now the audio file can be renamed without moving the guid.
    (show_site.content / SHOW / "audio/first.mp3").rename(show_site.content / SHOW /
                                                          "audio/renamed.mp3")
    text = (show_site.content / SHOW / "first.md").read_text(encoding="utf-8")
    (show_site.content / SHOW / "first.md").write_text(
        text.replace("audio/first.mp3", "audio/renamed.mp3"), encoding="utf-8")
    assert show_site.build() == 0, show_site.messages
    assert "first.md: warning: guid: not frozen" not in show_site.messages
    assert published_guids(show_site) == before


def test_episode_files_outside_a_show_folder_are_named(show_site):
    show_site.write("podcasts/loose.md", episode())
    show_site.write(SHOW + "2025/nested.md", episode())
    assert show_site.build() == 0, show_site.messages
    for path in ("content/podcasts/loose.md", "content/podcasts/talk/2025/nested.md"):
        assert f"{path}: warning: is in no feed" in show_site.messages


def test_misspelt_episode_field_is_an_error(show_site):
    """One slip away from an episode field: the transcript would silently go missing."""
    show_site.write(SHOW + "first.md", episode(trancript="audio/first.vtt"))
    assert show_site.build() == 1, show_site.messages
    assert "first.md:6: trancript: unknown field, so its value would be ignored; did you mean " \
        "'transcript'?" in show_site.messages
