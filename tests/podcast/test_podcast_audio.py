"""Audio facts: durations against ffprobe, chapters from the files, and broken files."""

import io
import json
import os
import shutil
import time

import mutagen.mp3
import pytest
from mpegframes import SAMPLES_PER_FRAME, cbr, frame, vbr_without_xing
from podcasttools import FIXTURES, ffprobe_duration
from shelfcast_podcast.audio import AudioError, probe
from shelfcast_podcast.cache import FactsCache
from shelfcast_sitekit.fileprints import FilePrints


@pytest.mark.parametrize("name", ["cbr.mp3", "id3v23.mp3", "chapters.m4a"])
def test_duration_matches_ffprobe(name):
    assert abs(probe(str(FIXTURES / name)).duration - ffprobe_duration(FIXTURES / name)) < 1


def test_vbr_mp3_without_xing_header_is_counted_not_guessed(tmp_path):
    path = tmp_path / "vbr.mp3"
    path.write_bytes(vbr_without_xing(20))
    guessed = mutagen.mp3.MP3(io.BytesIO(path.read_bytes())).info.length
    assert guessed > 100, "the fixture should fool a first-frame bitrate estimate"
    facts = probe(str(path))
    assert abs(facts.duration - ffprobe_duration(path)) < 1
    assert abs(facts.duration - 20) < 0.1


def test_mp3_facts_type_and_size():
    facts = probe(str(FIXTURES / "cbr.mp3"))
    assert (facts.format, facts.mime, facts.size) == ("mp3", "audio/mpeg",
                                                     (FIXTURES / "cbr.mp3").stat().st_size)


def test_id3v23_title_and_chap_frames_in_toc_order():
    facts = probe(str(FIXTURES / "id3v23.mp3"))
    assert facts.title == "Chapters from the file"
    assert [(c.start, c.title, c.url) for c in facts.chapters] == [
        (0.0, "Opening words", None), (2.5, "The main part", "https://library.example.org/main")]


def test_m4a_nero_chapters_and_type():
    facts = probe(str(FIXTURES / "chapters.m4a"))
    assert facts.mime == "audio/x-m4a"
    assert [(c.start, c.title) for c in facts.chapters] == [(0.0, "First poem"),
                                                             (2.0, "Second poem")]


def test_opus_is_recognised():
    # RFC 7845's type for an Ogg Opus file, the one our host rules serve .opus with
    assert probe(str(FIXTURES / "speech.opus")).mime == "audio/ogg; codecs=opus"


BROKEN = {
    "empty.mp3": (b"", "empty (0 bytes)"),
    "text.mp3": (b"This is not audio at all, just some text.\n" * 20, "is not an audio file"),
    "cut.mp3": (cbr(2)[:-100], "truncated"),
    "cut.m4a": ((FIXTURES / "chapters.m4a").read_bytes()[:-3000], "truncated"),
    "mislabelled.mp3": ((FIXTURES / "chapters.m4a").read_bytes(), "rename it to .m4a"),
    "garbage.m4a": (b"\x00\x00\x00\x18ftypM4A " + b"\xff" * 200, "truncated"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_files_raise_a_plain_message(tmp_path, name):
    data, expected = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AudioError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        probe(str(path))


def test_mp3_with_trailing_id3v1_tag_and_junk_between_frames(tmp_path):
    path = tmp_path / "tagged.mp3"
    path.write_bytes(cbr(1) + b"\x00" * 7 + frame(32) * 10 + b"TAG" + bytes(125))
    frames = round(1 * 22050 / SAMPLES_PER_FRAME) + 10
    assert probe(str(path)).duration == pytest.approx(frames * SAMPLES_PER_FRAME / 22050, abs=1e-3)


def test_cache_reads_each_file_once_and_again_after_a_change(tmp_path):
    audio = tmp_path / "a.mp3"
    shutil.copy(FIXTURES / "cbr.mp3", audio)
    reads = []

    def counting_probe(path):
        reads.append(path)
        return probe(path)

    cache_file = tmp_path / "cache" / "facts.json"
    first = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    facts = first.facts(str(audio), "a.mp3", counting_probe)
    first.save()
    second = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    assert second.facts(str(audio), "a.mp3", counting_probe) == facts
    assert len(reads) == 1
    audio.write_bytes(cbr(3))
    third = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    assert third.facts(str(audio), "a.mp3", counting_probe).duration == pytest.approx(3, abs=0.05)
    assert len(reads) == 2


def test_damaged_cache_file_is_ignored(tmp_path):
    cache_file = tmp_path / "facts.json"
    cache_file.write_text("{not json", encoding="utf-8")
    audio = tmp_path / "a.mp3"
    shutil.copy(FIXTURES / "cbr.mp3", audio)
    cache = FactsCache(str(cache_file), FilePrints(tmp_path / "file-prints.json"))
    assert cache.facts(str(audio), "a.mp3").format == "mp3"


def test_audio_new_to_the_file_system_is_digested_ahead_and_only_under_the_content_folder(
        tmp_path):
    """After a checkout every audio file has a new time: the files the cache has entries of
    the same size for are digested first, in threads (both cores), and `facts` reads none of
    them again. The cache's keys come from .cache (untrusted): a planted key leading out of
    the content folder is not read."""
    content = tmp_path / "content"
    (content / "show").mkdir(parents=True)
    outside = tmp_path / "secret.mp3"
    for path in (content / "show/a.mp3", content / "show/b.mp3", outside):
        shutil.copy(FIXTURES / "cbr.mp3", path)
    cache_file = tmp_path / "cache" / "facts.json"
    prints_file = tmp_path / "file-prints.json"
    first = FactsCache(str(cache_file), FilePrints(prints_file))
    for name in ("show/a.mp3", "show/b.mp3"):
        first.facts(str(content / name), name)
    first.save()
    first.prints.save(prune=True)
    data = json.loads(cache_file.read_text("utf-8"))
    data["data"]["entries"]["../secret.mp3"] = data["data"]["entries"]["show/a.mp3"]
    cache_file.write_text(json.dumps(data), "utf-8")
    later = time.time() + 60
    for path in (content / "show/a.mp3", content / "show/b.mp3", outside):
        os.utime(path, (later, later))

    second = FactsCache(str(cache_file), FilePrints(prints_file))
    assert "../secret.mp3" in second.entries
    assert second.digest_ahead(str(content)) == 2
    assert second.prints.read == 2
    assert str(outside) not in second.prints.used
    for name in ("show/a.mp3", "show/b.mp3"):
        second.facts(str(content / name), name)
    assert second.prints.read == 2  # nothing read twice
    assert second.probed == 0
