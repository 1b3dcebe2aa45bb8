"""The pure parts: chapter times, transcripts, show.yaml, guids, settings, scaffolding."""

import uuid

import pytest
from lxml import html
from podcasttools import FIXTURES, image_bytes
from shelfcast_podcast.audio import hosted_format, probe
from shelfcast_podcast.chapters import chapters_json, parse_time, read_chapters
from shelfcast_podcast.clashes import EpisodeKey, clashes
from shelfcast_podcast.feed import absolute_links
from shelfcast_podcast.guids import derived_guid, show_guid
from shelfcast_podcast.scaffold import freeze_text, new_episode
from shelfcast_podcast.settings import podcast_settings
from shelfcast_podcast.show import artwork_problems, rrule_problem, show_folder_problem
from shelfcast_podcast.transcripts import TranscriptError, parse_transcript
from shelfcast_podcast.urls import placeholder_address
from shelfcast_sitekit.frontmatter import split


@pytest.mark.parametrize("text, seconds", [("0:00", 0), ("1:30", 90), ("01:02:03", 3723),
                                           ("12:05.5", 725.5), (90, 90)])
def test_chapter_times(text, seconds):
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["1:75", "abc", "1.30", "", "-1:00", None, True, [1]])
def test_malformed_chapter_times(text):
    assert parse_time(text) is None


def test_chapter_list_errors_name_the_chapter():
    _chapters, errors = read_chapters([{"start": "0:00", "title": "A"},
                                       {"start": "1:7x", "title": "B"},
                                       {"start": "0:00"}])
    assert any("chapter 2: start '1:7x' is not a time" in e for e in errors)
    assert any("chapter 3: title: is missing" in e for e in errors)
    assert read_chapters("0:00 Intro")[1][0].startswith("must be a list")


def test_chapters_out_of_order():
    _chapters, errors = read_chapters([{"start": "2:00", "title": "B"},
                                       {"start": "1:00", "title": "A"}])
    assert "list chapters in order" in errors[0]


def test_chapters_json_version_and_times():
    chapters, _ = read_chapters([{"start": "0:00", "title": "Hej"},
                                 {"start": "1:02:03.5", "title": "Slut", "url": "https://x.dk"}])
    import json
    document = json.loads(chapters_json(chapters))
    assert document["version"] == "1.2.0"
    assert document["chapters"] == [{"startTime": 0, "title": "Hej"},
                                    {"startTime": 3723.5, "title": "Slut", "url": "https://x.dk"}]


VTT = b"WEBVTT\n\nNOTE a note\n\nintro\n00:01.000 --> 00:04.000\n<v Anna>Hello &amp; welcome\n"
SRT = ("1\n00:00:01,000 --> 00:00:04,000\nHej <i>og</i> velkommen\n\n"
       "2\n00:00:04,000 --> 00:00:06,000\nTo\n")


def test_vtt_cues_with_speaker():
    cues = parse_transcript(VTT, ".vtt")
    assert [(c.start, c.speaker, c.text) for c in cues] == [(1.0, "Anna", "Hello & welcome")]


def test_srt_cues_with_crlf_and_bom():
    data = ("\ufeff" + SRT).replace("\n", "\r\n").encode("utf-8")
    assert [c.text for c in parse_transcript(data, ".srt")] == ["Hej og velkommen", "To"]


@pytest.mark.parametrize("data, extension, message", [
    (SRT.encode(), ".vtt", "line 1 must be WEBVTT"),
    (VTT, ".srt", "starts with its number"),
    (b"WEBVTT\n\n00:01 --> 00:04\nx\n", ".vtt", "line 3: '00:01 --> 00:04' is not a timing"),
    (b"WEBVTT\n", ".vtt", "holds no cues"),
    (b"1\n00:00:05,000 --> 00:00:01,000\nx\n", ".srt", "ends before it starts"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nSmørrebrød\n".encode("latin-1"), ".vtt", "not UTF-8"),
])
def test_invalid_transcripts(data, extension, message):
    with pytest.raises(TranscriptError, match=message):
        parse_transcript(data, extension)


def test_show_guid_matches_the_podcasting_2_0_spec_example():
    # The spec's own example: this feed URL has this podcast:guid.
    assert show_guid("https://mp3s.nashownotes.com/pc20rss.xml") == \
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert show_guid("http://mp3s.nashownotes.com/pc20rss.xml/") == \
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_derived_guid_ignores_everything_but_show_and_audio_name():
    assert derived_guid("talk", "ep1.mp3") == derived_guid("talk", "ep1.mp3")
    assert derived_guid("talk", "ep1.mp3") != derived_guid("talk", "ep2.mp3")
    assert derived_guid("talk", "ep1.mp3") != derived_guid("other", "ep1.mp3")


@pytest.mark.parametrize("size, kind, mode, message", [
    ((1400, 1000), "PNG", "RGB", "must be square"),
    ((1000, 1000), "PNG", "RGB", "between 1400x1400 and 3000x3000"),
    ((3100, 3100), "JPEG", "RGB", "between 1400x1400 and 3000x3000"),
    ((1400, 1400), "GIF", "L", "JPEG or PNG"),
    ((1400, 1400), "JPEG", "CMYK", "RGB"),
])
def test_artwork_problems(tmp_path, size, kind, mode, message):
    path = tmp_path / "cover.img"
    path.write_bytes(image_bytes(size, kind, mode))
    assert any(message in p for p in artwork_problems(str(path)))


def test_good_artwork_and_unreadable_artwork(tmp_path):
    good, bad = tmp_path / "good.jpg", tmp_path / "bad.jpg"
    good.write_bytes(image_bytes((1400, 1400), "JPEG"))
    bad.write_bytes(b"not an image")
    assert artwork_problems(str(good)) == []
    assert "Pillow can read" in artwork_problems(str(bad))[0]


@pytest.mark.parametrize("given, message", [
    ({"ownr": {}}, "PODCAST['ownr']: unknown setting; did you mean 'owner'?"),
    ({"explicit": "no"}, "PODCAST['explicit']: must be true or false"),
    ({"owner": {"name": "X"}}, "PODCAST['owner']['email']: missing"),
    ({"owner": {"name": "X", "email": "x"}}, "PODCAST['owner']['email']: 'x' is not an e-mail"),
    ({"apps": [["Only a name"]]}, "PODCAST['apps']: must be a list of [\"App name\""),
    ({"apps": [["Evil", "javascript:alert(1)//{feed}"]]}, "PODCAST['apps']: the 'Evil' link"),
])
def test_bad_settings(given, message):
    _config, problems = podcast_settings({"PODCAST": given})
    assert [p.path for p in problems] == ["pelicanconf.py"]
    assert message in str(problems[0])


def test_new_episode_text_reads_back_with_prefilled_fields():
    facts = probe(str(FIXTURES / "id3v23.mp3"))
    from datetime import datetime
    name, text = new_episode(facts, "audio/id3v23.mp3", datetime(2026, 3, 1, 9, 30))
    document, problems = split(name, text)
    assert problems == [] and name == "chapters-from-the-file.md"
    assert document.meta["title"] == "Chapters from the file"
    assert document.meta["audio"] == "audio/id3v23.mp3"
    assert [(c["start"], c["title"]) for c in document.meta["chapters"]] == [
        ("0:00", "Opening words"), ("0:02.5", "The main part")]
    assert uuid.UUID(document.meta["guid"])
    assert "# duration 0:05" in text or "# duration 0:06" in text


def test_freeze_text_adds_guid_at_the_end_of_front_matter():
    text = "---\ntitle: 'A: B'\naudio: audio/a.mp3\n---\nBody\n---\n"
    frozen = freeze_text(text, "abc")
    document, _ = split("x.md", frozen)
    assert document.meta["guid"] == "abc" and document.body == "Body\n---\n"


def test_show_notes_links_resolve_against_the_episode_page():
    page = "https://library.example.org/podcasts/talk/ep.html"
    body = ('<p>Hear <a href="audio/x.mp3">it</a> &amp; <img src="../../images/a.png" alt="">'
            '</p>\n<p>Tail</p>')
    result = html.fromstring(f"<div>{absolute_links(body, page)}</div>")
    assert result.xpath("//a/@href") == ["https://library.example.org/podcasts/talk/audio/x.mp3"]
    assert result.xpath("//img/@src") == ["https://library.example.org/images/a.png"]
    assert result.text_content() == "Hear it & \nTail"
    assert absolute_links("", page) == ""


def test_show_folder_names_must_be_url_parts():
    assert show_folder_problem("book-talk") is None and show_folder_problem("b2") is None
    assert "rename the folder to 'boger-og-snak'" in show_folder_problem("Bøger og snak")
    assert "rename the folder to 'book-talk'" in show_folder_problem("book_talk")


def test_recurrence_rules_as_the_update_frequency_spec_writes_them():
    for rule in ("FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR", "FREQ=YEARLY;BYDAY=+4TH;BYMONTH=11",
                 "FREQ=WEEKLY;UNTIL=2023-12-31T00:00:00.000Z;BYDAY=MO", None):
        assert rrule_problem(rule, None) is None, rule
    assert rrule_problem("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10", "2023-08-28") is None
    assert "needs dtstart" in rrule_problem("FREQ=WEEKLY;COUNT=10", None)
    assert "must start with FREQ=" in rrule_problem("weekly", None)


def test_episode_numbers_clash_only_within_one_show_and_season():
    def key(path, show, season, number, kind="full"):
        return EpisodeKey(path, show, f"guid-{path}", f"https://x/{path}.mp3", season, number,
                          kind)
    fine = [key("a", "one", 1, 1), key("b", "one", 2, 1), key("c", "two", 1, 1),
            key("d", "one", 1, 1, "bonus")]
    assert clashes(fine) == []
    problems = clashes([*fine, key("e", "one", 1, 1)])
    assert sorted(p.path for p in problems) == ["a", "e"]


def test_placeholder_addresses_are_recognised():
    for url in ("https://library.example.org/x", "http://127.0.0.1:8000/x", "http://localhost/",
                "https://example.com", "https://site.test/", "http://192.168.1.5/"):
        assert placeholder_address(url), url
    for url in ("https://bibliotek.orstad.dk/podcasts/", "https://library.example.dk/"):
        assert not placeholder_address(url), url


@pytest.mark.parametrize("enclosure_type, format_name", [
    ("audio/mpeg", "mp3"), ("audio/mp4", "m4a"), ("audio/aac", "m4a"), ("audio/x-m4a", "m4a"),
    ("audio/opus", "opus"), ("audio/ogg; codecs=opus", "opus"), ("audio/ogg", "ogg"),
    ("audio/x-wav", "wav"), ("audio/webm", "webm"),
])
def test_hosted_audio_is_named_by_its_type_through_the_one_media_type_table(enclosure_type,
                                                                            format_name):
    assert hosted_format(enclosure_type) == format_name


def test_an_episode_works_out_its_relative_path_once_and_follows_a_moved_file(monkeypatch,
                                                                              tmp_path):
    """Issue 26: each `url` and `save_as` of an episode asked Pelican for its path relative to
    content/ twice; a warm build asks ten times per episode. The answer is kept per path, and
    a changed source path is answered anew."""
    import datetime
    import os

    from pelican.settings import DEFAULT_CONFIG
    from shelfcast_podcast.generator import Episode

    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content"),
                "EPISODE_URL": "podcast/{show}/{slug}/", "EPISODE_LANG_URL": "x",
                "EPISODE_SAVE_AS": "podcast/{show}/{slug}/index.html",
                "EPISODE_LANG_SAVE_AS": "x"}
    episode = Episode("<p>notes</p>", {"title": "One", "slug": "one",
                                       "date": datetime.datetime(2024, 1, 2)},
                      settings=settings, source_path=str(tmp_path / "content/podcast/main/one.md"))
    asked = []
    real_relpath = os.path.relpath
    monkeypatch.setattr(os.path, "relpath", lambda *a: asked.append(a) or real_relpath(*a))
    for _ in range(5):
        assert (episode.url, episode.save_as) == ("podcast/main/one/",
                                                  "podcast/main/one/index.html")
    assert len(asked) <= 1  # Pelican's __init__ already asked once (before: 20 here)
    episode.source_path = str(tmp_path / "content/podcast/other/one.md")
    assert episode.url == "podcast/other/one/"
