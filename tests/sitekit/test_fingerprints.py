"""The page cache's fingerprints: no recursion whose depth content sets (issue 20, case 10)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pelican import contents
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag
from shelfcast_sitekit import contenturls
from shelfcast_sitekit.pagecache import Fingerprints


@dataclass(eq=False)
class Picture:
    name: str
    previous: object = None
    next: object = None


def chain(length: int, name: str = "p") -> Picture:
    first = picture = Picture(f"{name}0")
    for number in range(1, length):
        picture.next = Picture(f"{name}{number}", previous=picture)
        picture = picture.next
    return first


def test_a_chain_of_10000_linked_objects_is_fingerprinted():
    assert Fingerprints().of(chain(10_000)) == Fingerprints().of(chain(10_000))


def test_fingerprints_tell_values_apart():
    prints = Fingerprints()
    assert prints.of(chain(300)) != prints.of(chain(300, "q"))
    assert prints.of({"a": [1, 2], "b": {3}}) == Fingerprints().of({"b": {3}, "a": [1, 2]})
    assert prints.of([1, 2]) != prints.of((1, 2)) != prints.of([2, 1])


class KeyedTag(Tag):
    """A plugin's tag that counts by a key of its own, as a podcast show does."""

    def sitekit_key(self) -> str:
        return "tag:" + self.name


def leaves() -> list:
    settings = {**DEFAULT_CONFIG, "PATH": "/site/content"}
    post = contenturls.Article("Text", metadata={"title": "A", "slug": "a"}, settings=settings,
                               source_path="/site/content/posts/a.md")
    return [[], (), Tag("Books", settings), Category("News", settings),
            Author("Ann", settings), post,
            contents.Page("Text", metadata={"title": "B"}, settings=settings, source_path=None),
            KeyedTag("Music", settings)]


@pytest.mark.parametrize("value", leaves(), ids=lambda value: type(value).__name__)
def test_a_value_with_nothing_to_walk_prints_as_its_plan_says(value):
    """The shortcut for empty lists, tags and posts (Fingerprints._known) gives the print the
    walk gives them, so a warm build's keys keep their meaning."""
    combine, parts = Fingerprints()._plan(value)
    assert parts == []
    assert Fingerprints().of(value) == combine([])


def test_a_renamed_tag_or_a_moved_post_prints_otherwise():
    settings = {**DEFAULT_CONFIG, "PATH": "/site/content"}
    prints = Fingerprints()
    assert prints.of([Tag("Books", settings)]) != prints.of([Tag("Films", settings)])
    assert prints.of(Tag("Books", settings)) != prints.of(Category("Books", settings))
    first, second = (contents.Article("Text", metadata={"title": "A"}, settings=settings,
                                      source_path=f"/site/content/posts/{name}.md")
                     for name in ("a", "b"))
    assert prints.of(first) != prints.of(second)
