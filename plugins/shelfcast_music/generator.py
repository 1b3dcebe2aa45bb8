"""The music pages: /music/, artists A–Z, one page per artist, genre and decade, genre feeds.

A Pelican Generator (from get_generators): generate_context groups the posts the reading
step checked and prepares each post's album or playlist card; generate_output writes the
covers and pages through Pelican's Writer, so the sitemap and URL settings see them.
"""

from __future__ import annotations

import os

from markupsafe import Markup
from pelican.generators import Generator
from shelfcast_sitekit import resized as covers
from shelfcast_sitekit.fileprints import file_prints
from shelfcast_sitekit.problems import WARNING, ContentProblem, problem_log

from .borrowing import Borrower
from .cards import AlbumCard, NamedLink, PlaylistCard, PlaylistRow
from .config import MusicConfig, load_config
from .reading import music_state
from .schema import ReviewFacts, album_jsonld, coins_title, script_json
from .shelves import MusicShelves, clean_name, genre_key, shelve
from .slugs import ascii_slug

# Rendered by the theme's Jinja environment, so the site's translations apply to it.
GENRE_FEED_TITLE = '{{ _("Music: %(genre)s", genre=genre) }}'


class MusicGenerator(Generator):
    """Writes the music pages of one build; holds that build's shelves and cards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Artist and album names are plain text ("Bjørn & Bølgerne"): escape everything on
        # the music pages. This Environment is this generator's own.
        self.env.autoescape = True

    def generate_context(self):
        self.config: MusicConfig = load_config(self.settings)[0]
        state = music_state(self.settings)
        articles = {id(a) for a in self.context.get("articles", [])}
        listed = [item for item in state.items if id(item) in articles]
        reviews = [(item, item.album) for item in listed if item.album is not None]
        playlists = [(item, item.playlist) for item in listed if item.playlist is not None]
        self.shelves = shelve(reviews, playlists, self.config.collation,
                              self.config.various_artists, self._patterns())
        self._warn_clashes()
        borrower = Borrower(self.settings)
        self.cover_stems = cover_stems(state.items)
        for item in state.items:
            if item.album is not None:
                item.album_card = self._album_card(item, borrower)
            else:
                item.playlist_card = self._playlist_card(item, borrower)
        self.newest = listed[: self.config.newest]
        self.context["music_shelves"] = self.shelves
        self.context["music_index_url"] = self.config.url_of(self.config.index_save_as)
        self.context["music_artists_url"] = self.config.url_of(self.config.artists_save_as)

    def _patterns(self) -> dict:
        c = self.config
        return {"artist": (c.artist_url, c.artist_save_as), "genre": (c.genre_url, c.genre_save_as),
                "decade": (c.decade_url, c.decade_save_as)}

    def _warn_clashes(self) -> None:
        log = problem_log(self.settings)
        for group in self.shelves.slug_clashes:
            names = " and ".join(repr(n) for n in group)
            log.add(ContentProblem("content/music", None, "artist",
                f"{names} are spelt differently, so each gets its own page; if they are the "
                "same artist, write the name the same way everywhere", WARNING))

    def _artist_link(self, name: str) -> NamedLink:
        shelf = self.shelves.by_artist.get(clean_name(name))
        return NamedLink(name, shelf.url if shelf else None)

    def _album_card(self, item, borrower: Borrower) -> AlbumCard:
        album = item.album
        artists = [self._artist_link(n) for n in dict.fromkeys([album.artist,
                                                               *album.track_artists])]
        genres = [NamedLink(g, self.shelves.by_genre[genre_key(g)].url)
                  for g in album.genres if genre_key(g) in self.shelves.by_genre]
        decade = None
        if album.decade is not None:
            url = self.config.decade_url.format(slug=f"{album.decade}s")
            decade = NamedLink(f"{album.decade}s", url)
        borrow, is_search = borrower.link(album.identifier, f"{album.artist} {album.title}",
                                          item, "album")
        card = AlbumCard(album, artists, genres, decade, borrow, is_search)
        if album.cover:
            size = music_state(self.settings).cover_sizes[album.cover]
            stem = f"{self.config.covers_folder.strip('/')}/{self.cover_stems[id(item)]}"
            card.covers = covers.plan(stem, size, self.config.cover_widths,
                                      self.config.cover_formats)
            card.cover_source = album.cover
        card.cover_alt = album.cover_alt or ""
        site = self.settings["SITE_ABSOLUTE_URL"].rstrip("/")
        facts = ReviewFacts(
            headline=Markup(item.title).striptags(), url=f"{site}/{item.url}",
            date=item.date.isoformat(), authors=tuple(str(a) for a in
                                                      getattr(item, "authors", []) or []),
            publisher=self.settings["SITENAME"], lang=item.lang,
            cover_url=f"{site}/{card.cover.path}" if card.cover else None,
            description=Markup(item.summary).striptags() if getattr(item, "summary", None)
            else None)
        card.jsonld = Markup(script_json(album_jsonld(album, facts)))
        card.coins = coins_title(album, self.settings["SITE_ABSOLUTE_URL"].split("//")[-1])
        card.artist_urls = {a.name: f"{site}/{a.url}" for a in artists if a.url}
        return card

    def _playlist_card(self, item, borrower: Borrower) -> PlaylistCard:
        rows = []
        for entry in item.playlist.tracks:
            query = f"{entry.artist} {entry.album or entry.title}"
            borrow, is_search = borrower.link(entry.identifier, query, item,
                                              f"playlist.tracks[{entry.position}]")
            rows.append(PlaylistRow(entry, self._artist_link(entry.artist).url, borrow,
                                    is_search))
        return PlaylistCard(item.playlist, rows)

    def generate_output(self, writer):
        problem_log(self.settings).raise_if_errors()
        self._write_covers()
        shelves: MusicShelves = self.shelves
        c = self.config
        self._page(writer, c.index_save_as, "music_index", newest=self.newest)
        self._page(writer, c.artists_save_as, "music_artists")
        self._page(writer, c.genres_save_as, "music_genres")
        self._page(writer, c.decades_save_as, "music_decades")
        for shelf in shelves.artists:
            self._page(writer, shelf.save_as, "music_artist", shelf=shelf)
        for shelf in shelves.genres:
            feed = c.genre_feed_atom.format(slug=shelf.slug)
            self._page(writer, shelf.save_as, "music_genre", shelf=shelf, feed=feed)
            title = self.env.from_string(GENRE_FEED_TITLE).render(genre=shelf.name)
            writer.write_feed(shelf.reviews, self.context, feed, feed_type="atom",
                              feed_title=title)
        for shelf in shelves.decades:
            self._page(writer, shelf.save_as, "music_decade", shelf=shelf)

    def _page(self, writer, save_as: str, template: str, **values) -> None:
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"],
                          music=self.shelves, music_config=self.config,
                          music_url=self.config.url_of(save_as), **values)

    def _write_covers(self) -> None:
        content = self.settings["PATH"]
        cache = os.path.join(os.path.dirname(os.path.abspath(content)), self.config.cover_cache)
        cards = [getattr(item, "album_card", None) for item in music_state(self.settings).items]
        covers.write_all([(os.path.join(content, card.cover_source), card.covers)
                          for card in cards if card is not None and card.covers],
                         self.output_path, cache, self.config.cover_quality,
                         file_prints(self.settings))




def cover_stems(items) -> dict[int, str]:
    """File names for covers: artist-title, numbered in source order when two reviews clash."""
    albums = sorted((item for item in items if item.album is not None and item.album.cover),
                    key=lambda item: item.source_path)
    stems, taken = {}, set()
    for item in albums:
        base = ascii_slug(f"{item.album.artist} {item.album.title}") or "cover"
        stem, number = base, 2
        while stem in taken:
            stem, number = f"{base}-{number}", number + 1
        taken.add(stem)
        stems[id(item)] = stem
    return stems
