"""Group reviews and playlists into the shelves a music reader browses: artists A–Z,
genres and decades. Plain data in, plain data out; the generator writes the pages.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import collation
from .slugs import ascii_slug, assign_slugs, collisions


@dataclass
class Shelf:
    """One artist, genre or decade page: its name, address and what is on it (newest first)."""

    name: str
    slug: str
    url: str = ""
    save_as: str = ""
    reviews: list = field(default_factory=list)
    playlists: list = field(default_factory=list)
    letter: str = ""
    sort_key: tuple = ()

    @property
    def items(self) -> list:
        return self.reviews + [p for p in self.playlists if p not in self.reviews]


@dataclass
class Letter:
    letter: str
    artists: list[Shelf]


@dataclass
class MusicShelves:
    artists: list[Shelf]
    letters: list[Letter]
    genres: list[Shelf]
    decades: list[Shelf]
    by_artist: dict[str, Shelf]
    by_genre: dict[str, Shelf]  # by genre_key()
    slug_clashes: list[list[str]]


def clean_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def shelve(reviews, playlists, lang: str, various: frozenset, patterns: dict) -> MusicShelves:
    """reviews: [(item, Album)], playlists: [(item, Playlist)], both newest first.

    patterns: {"artist": (url, save_as), "genre": ..., "decade": ...} with {slug}.
    """
    artists = _artists(reviews, playlists, lang, various, patterns["artist"])
    genres = _genres(reviews, patterns["genre"])
    decades = _decades(reviews, patterns["decade"])
    letters = defaultdict(list)
    for shelf in artists.values():
        letters[shelf.letter].append(shelf)
    ordered_artists = sorted(artists.values(), key=lambda s: s.sort_key)
    letter_list = [Letter(letter, sorted(group, key=lambda s: s.sort_key))
                   for letter, group in sorted(letters.items(),
                                               key=lambda kv: collation.heading_order(kv[0], lang))]
    return MusicShelves(ordered_artists, letter_list,
                        sorted(genres.values(), key=lambda s: collation.sort_key(s.name, lang)),
                        sorted(decades.values(), key=lambda s: s.slug),
                        artists, genres,
                        collisions({name: "" for name in artists}))


def genre_key(genre: str) -> str:
    return ascii_slug(clean_name(genre)) or "genre"


def _place(shelf: Shelf, pattern: tuple[str, str]) -> Shelf:
    shelf.url, shelf.save_as = (p.format(slug=shelf.slug) for p in pattern)
    return shelf


def _artists(reviews, playlists, lang, various, pattern) -> dict[str, Shelf]:
    featured = defaultdict(lambda: ([], []))
    sort_names = {}
    for item, album in reviews:
        names = [album.artist] + album.track_artists
        for name in dict.fromkeys(clean_name(n) for n in names):
            if name not in various:
                featured[name][0].append(item)
        if album.artist_sort:
            sort_names.setdefault(clean_name(album.artist), album.artist_sort)
    for item, playlist in playlists:
        for name in dict.fromkeys(clean_name(n) for n in playlist.artists):
            featured[name][1].append(item)
    slugs = assign_slugs(featured)
    shelves = {}
    for name, (on_reviews, on_playlists) in featured.items():
        shelf = _place(Shelf(name, slugs[name], reviews=on_reviews, playlists=on_playlists),
                       pattern)
        shelf.sort_key = collation.sort_key(name, lang, sort_names.get(name))
        shelf.letter = collation.index_letter(name, lang, sort_names.get(name))
        shelves[name] = shelf
    return shelves


def _genres(reviews, pattern) -> dict[str, Shelf]:
    """Genres spelt alike (Hip hop, hip-hop) share a page, named by the commonest spelling."""
    spellings = defaultdict(Counter)
    items = defaultdict(list)
    for item, album in reviews:
        for genre in dict.fromkeys(clean_name(g) for g in album.genres):
            key = genre_key(genre)
            spellings[key][genre] += 1
            if item not in items[key]:
                items[key].append(item)
    shelves = {}
    for key, counts in spellings.items():
        name = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        shelves[key] = _place(Shelf(name, key, reviews=items[key]), pattern)
    return shelves


def _decades(reviews, pattern) -> dict[int, Shelf]:
    shelves = {}
    for item, album in reviews:
        if album.decade is None:
            continue
        shelf = shelves.get(album.decade)
        if shelf is None:
            shelf = shelves[album.decade] = _place(Shelf(f"{album.decade}s",
                                                         f"{album.decade}s"), pattern)
        shelf.reviews.append(item)
    return shelves
