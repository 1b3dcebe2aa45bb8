"""Audio hosted elsewhere (an imported podcast): the enclosure from front matter, checked."""

from __future__ import annotations

import pytest
from shelfcast_podcast.episodes import check_episode

GOOD = {"audio_url": "https://cdn.example.org/ep1.mp3", "audio_length": 1000,
        "audio_type": "audio/mpeg", "duration": "01:02:03", "guid": "old-1"}


def check(tmp_path, **changes):
    meta = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    return check_episode("ep.md", meta, dict.fromkeys(meta, 2), str(tmp_path))


def test_hosted_audio_needs_no_file(tmp_path):
    fields, problems = check(tmp_path)
    assert problems == []
    assert (fields.audio_url, fields.audio_length, fields.duration) == (
        "https://cdn.example.org/ep1.mp3", 1000, 3723)


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"audio_url": "cdn.example.org/ep1.mp3"}, "audio_url", "is not a web address"),
    ({"audio_length": None}, "audio_length", "size in bytes is required"),
    ({"audio_length": "big"}, "audio_length", "size in bytes"),
    ({"audio_type": "mp3"}, "audio_type", "audio_type: audio/mpeg"),
    ({"duration": "an hour"}, "duration", "write seconds or HH:MM:SS"),
    ({"audio": "audio/ep1.mp3"}, "audio", "does not exist"),
])
def test_each_mistake_is_named_with_its_fix(tmp_path, change, field, words):
    _fields, problems = check(tmp_path, **change)
    assert [p.field for p in problems if p.severity == "error"][:1] == [field]
    assert words in problems[0].message
