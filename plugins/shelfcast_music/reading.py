"""Turn the raw `album:` / `playlist:` front matter of each post into checked values.

Runs once the articles are read (article_generator_finalized); every problem goes to the
build's problem log, and a post with a broken block keeps no music data at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from shelfcast_sitekit import resized as covers
from shelfcast_sitekit.clock import build_now
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.fields import resolve_local_file
from shelfcast_sitekit.fileprints import file_prints
from shelfcast_sitekit.problems import ContentProblem, problem_log, shorten

from .albums import parse_album
from .config import load_config
from .playlists import parse_playlist

STATE_KEY = "SHELFCAST_MUSIC"
UNPUBLISHED = ("drafts", "drafts_translations", "hidden_articles", "hidden_translations")


@dataclass
class MusicState:
    """Per build: the published posts that carry an album or a playlist."""

    items: list = field(default_factory=list)
    cover_sizes: dict = field(default_factory=dict)  # content-relative path -> (w, h)


def music_state(settings: dict) -> MusicState:
    state = settings.get(STATE_KEY)
    if state is None:
        state = settings[STATE_KEY] = MusicState()
    return state


def read_blocks(generator) -> None:
    settings = generator.settings
    log = problem_log(settings)
    log.extend(load_config(settings)[1])
    state = music_state(settings)
    published = generator.articles + generator.translations
    # Drafts are checked too, so a mistake shows up before the day the post goes live.
    unpublished = [item for name in UNPUBLISHED for item in getattr(generator, name, [])]
    this_year = build_now(settings).year
    published_ids = {id(item) for item in published}
    _probe_covers(published + unpublished, settings, state)
    for item in published + unpublished:
        if _read_item(item, settings, state, this_year) and id(item) in published_ids:
            state.items.append(item)


def _probe_covers(items, settings, state: MusicState) -> None:
    """Each cover the albums name, decoded once in threads before the posts are checked one
    by one (_check_cover asks state.cover_sizes, and probes a cover it does not find there)."""
    content = settings["PATH"]
    found = set()
    for item in items:
        album = item.metadata.get("album")
        cover = album.get("cover") if isinstance(album, dict) else None
        if isinstance(cover, str) and cover.strip():
            path = resolve_local_file(cover.strip(), item.source_path, content)
            if path is not None and path not in state.cover_sizes:
                found.add(path)
    sizes = covers.probe_all((os.path.join(content, path) for path in found),
                             file_prints(settings))
    state.cover_sizes.update((path, sizes[os.path.join(content, path)]) for path in found)


def _read_item(item, settings, state: MusicState, this_year: int) -> bool:
    """Check one post's blocks; True when it is an album review or a playlist."""
    metadata = item.metadata
    if "album" not in metadata and "playlist" not in metadata:
        return False
    path = display_path(item.source_path)
    lines = metadata.get("front_matter_lines") or {}
    log = problem_log(settings)
    item.album = item.playlist = None
    if "album" in metadata and "playlist" in metadata:
        log.add(ContentProblem(path, lines.get("playlist"), "playlist",
            "a post is either an album review (album:) or a playlist (playlist:); "
            "put the playlist in a post of its own"))
        return False
    if "album" in metadata:
        album, problems = parse_album(metadata["album"], path, lines.get("album"), this_year)
        log.extend(problems)
        if album is not None and album.cover:
            album = _check_cover(album, item, settings, state, lines.get("album"))
        item.album = album
    else:
        playlist, problems = parse_playlist(metadata["playlist"], path, lines.get("playlist"),
                                            default_title=getattr(item, "title", None))
        log.extend(problems)
        item.playlist = playlist
    return item.album is not None or item.playlist is not None


def _check_cover(album, item, settings, state: MusicState, line):
    path = display_path(item.source_path)
    log = problem_log(settings)
    found = resolve_local_file(album.cover, item.source_path, settings["PATH"])
    if found is None:
        log.add(ContentProblem(path, line, "album.cover", f"{shorten(album.cover)} does not exist; "
            "put the cover image next to the review or in content/images/ and write its path"))
        return None
    if found not in state.cover_sizes:
        state.cover_sizes[found] = covers.probe_kept(os.path.join(settings["PATH"], found),
                                                     file_prints(settings))
    size = state.cover_sizes[found]
    if isinstance(size, str):
        log.add(ContentProblem(path, line, "album.cover", f"{shorten(album.cover)} {size}"))
        return None
    album.cover = found
    return album
