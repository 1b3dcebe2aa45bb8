"""Cache files hold typed data only: what encode() writes, decode() gives back exactly, and
anything else is refused (shelfcast_sitekit.cachefile)."""

from __future__ import annotations

import datetime
import json
import os

import pytest
from shelfcast_sitekit import cachefile
from shelfcast_sitekit.cachefile import NotCacheable, decode, encode

PLAIN = {"title": "Å", "n": 3, "x": 1.5, "ok": True, "none": None,
         "tags": ["a", "b"], "pair": ("a", 1), 2024: b"\x89PNG",
         "day": datetime.date(2024, 1, 2), "at": datetime.datetime(2024, 1, 2, 10, 30),
         "zoned": datetime.datetime(2024, 1, 2, 10, 30, tzinfo=datetime.timezone(
             datetime.timedelta(hours=2))), "nested": {"album": {"tracks": [{"t": "x"}]}}}


def test_plain_values_come_back_exactly():
    again = decode(json.loads(json.dumps(encode(PLAIN))))
    assert again == PLAIN
    assert [type(v) for v in again.values()] == [type(v) for v in PLAIN.values()]


class Text(str):
    """A subclass (like Markup) behaves otherwise: never cached as plain text."""


def deep(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize("value", [Text("x"), {1, 2}, float("nan"), object(),
                                   datetime.time(10, 0), deep(70)])
def test_other_values_are_not_cached(value):
    with pytest.raises(NotCacheable):
        encode(value)


@pytest.mark.parametrize("data", [{"pickle": "gASV"}, {"list": "abc"}, {"dict": [[1]]},
                                  {"date": "2024-13-01"}, {"bytes": "zz"}, {"a": 1, "b": 2},
                                  {"dict": [[{"list": []}, 1]]}, float("inf"), [1, 2]])
def test_data_encode_never_writes_is_refused(data):
    with pytest.raises(NotCacheable):
        decode(data)


def test_a_file_of_another_kind_a_link_or_a_fifo_reads_as_nothing(tmp_path):
    path = tmp_path / "entry"
    cachefile.save(path, "kind 1", {"a": 1})
    assert cachefile.load(path, "kind 1") == {"a": 1}
    assert cachefile.load(path, "kind 2") is None
    (tmp_path / "link").symlink_to(path)
    assert cachefile.load(tmp_path / "link", "kind 1") is None
    os.mkfifo(tmp_path / "fifo")
    assert cachefile.load(tmp_path / "fifo", "kind 1") is None  # returns, never waits
    (tmp_path / "deep").write_text("[" * 100_000, "utf-8")
    assert cachefile.load(tmp_path / "deep", "kind 1") is None
    assert cachefile.load(path, "kind 1", max_bytes=4) is None


def test_prune_keeps_only_what_was_used(tmp_path):
    used, unused = tmp_path / "ab/used", tmp_path / "cd/unused"
    for path in (used, unused):
        cachefile.save(path, "kind 1", 1)
    (tmp_path / "ab/link").symlink_to(tmp_path / "cd")
    cachefile.prune(tmp_path, {used})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "ab", "ab/used"]
