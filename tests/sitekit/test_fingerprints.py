"""The page cache's fingerprints: no recursion whose depth content sets (issue 20, case 10)."""

from __future__ import annotations

from dataclasses import dataclass

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
