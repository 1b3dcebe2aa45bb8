"""The podcast's part of the resident preview's fast path for files added and removed
(shelfcast_sitekit.residentfiles): a new episode (its Markdown file, with the audio file it
names), a deleted one, or an edited one (its Markdown file removed and added at once), in a
show the kept build read.

What a cold build does for them, done here by the generator's own code on the kept objects:
the new file is read as `_read_show` reads each episode (`_read_episode`: the readers, the
checks, the audio facts, pictures, transcript), the show's episodes sorted as there, the
clash check run again; a deleted episode is taken out of its show. What this part declares:
the shows changed (their `episodes`), the episodes removed, every page (`write_pages`), the
files but pages of the changed shows with the OPML (`write_files`: copies, pictures,
chapters, the feed), and every output it owns (`outputs`). Anything else is a Fallback: a
file outside a show folder or beside one, a show.yaml, smaller copies (`alternates`, made by
ffmpeg over every episode), a new file that is not published or reports a problem, an added
file no new episode names, a removed audio file another episode still uses.
"""

from __future__ import annotations

import os

from shelfcast_sitekit.resident import Fallback, NotTaken
from shelfcast_sitekit.residentfiles import FileChange

from .generator import sort_episodes

MARKDOWN = (".md", ".markdown")


def episode_change(generator, added: set, removed: set) -> FileChange | None:
    """The change for these absolute paths, None when none is under the shows' folder."""
    root = os.path.abspath(os.path.join(generator.path, generator.config["path"]))
    paths = added | removed
    mine = {path for path in paths if path.startswith(root + os.sep)}
    if not mine:
        return None
    if mine != paths:
        raise NotTaken("episodes and other files added or removed together")
    if generator.config["alternates"]:
        raise NotTaken("smaller copies of the audio are made (PODCAST['alternates'])")
    builds = {os.path.abspath(build.folder): build for build in generator.shows}
    new_files = sorted(path for path in added if path.endswith(MARKDOWN))
    gone_files = sorted(path for path in removed if path.endswith(MARKDOWN))
    for path in new_files + gone_files:
        if os.path.dirname(path) not in builds:
            raise NotTaken(f"{path}: not directly in a show folder the build read")
    if added - set(new_files) and not new_files:
        # A file a new episode will name, saved before that episode (or a stray file): the
        # full build (handing the posts back) until the episode comes.
        raise NotTaken("files added beside episodes, but no new episode")
    published = {os.path.abspath(episode.source_path): (build, episode)
                 for build in generator.shows for episode in build.episodes}
    gone = []
    for path in gone_files:
        if path not in published:
            raise NotTaken(f"{path}: not a published episode")
        gone.append(published[path])
    gone_ids = {id(episode) for _build, episode in gone}
    still_used = {_file(build, name) for build in generator.shows
                  for episode in build.episodes if id(episode) not in gone_ids
                  for name in _show_files(episode)} \
        | {_file(build, build.show.image) for build in generator.shows if build.show.image}
    freed = {_file(build, name) for build, episode in gone for name in _show_files(episode)}
    for path in (removed - set(gone_files)) & added:
        raise NotTaken(f"{path}: a file of an episode saved again (not its Markdown file)")
    for path in removed - set(gone_files):
        if path not in freed or path in still_used:
            raise NotTaken(f"{path}: removed, but not the file of a deleted episode alone")
    for _build, episode in gone:
        # Another episode's notes naming it ({filename}): its link would break.
        name = os.path.basename(episode.source_path)
        others = [other for _build, other in published.values() if id(other) not in gone_ids]
        if any(name in (getattr(other, "_content", "") or "") for other in others):
            raise NotTaken(f"{name}: another episode names it")
    touched = list({id(build): build for build in
                    [builds[os.path.dirname(path)] for path in new_files]
                    + [build for build, _episode in gone]}.values())

    def apply() -> list:
        for build, episode in gone:
            build.episodes.remove(episode)
            generator.context["generated_content"].pop(
                episode.get_relative_source_path(), None)
            if episode.fields.audio:
                key = os.path.relpath(_file(build, episode.fields.audio),
                                      generator.path).replace(os.sep, "/")
                generator.cache.used.pop(key, None)
        found = []
        for path in new_files:
            build = builds[os.path.dirname(path)]
            count = len(build.episodes)
            generator._read_episode(build, path)
            if len(build.episodes) != count + 1:
                raise Fallback(f"{path}: not published (a draft, a date to come, skipped)")
            found.append(build.episodes[-1])
        for build in touched:
            sort_episodes(build)
        named = {_file(build, name) for build in touched for episode in found
                 if episode.show is build.show for name in _show_files(episode)}
        if set(added) - set(new_files) - named:
            raise Fallback("an added file no new episode names")
        generator.cache.save()
        generator._check_clashes()
        for episode in found:  # _make_alternates with none wanted
            episode.alternates, episode.audio_integrity = [], None
        return found

    def write_files(put) -> None:
        generator._put = put
        try:
            generator.write_files(touched)
        finally:
            generator._put = None

    return FileChange(generator, touched, [episode for _build, episode in gone], apply,
                      generator.write_pages, write_files, lambda: outputs(generator))


def _show_files(episode) -> list[str]:
    """The files of its show folder an episode publishes (its audio, its transcript)."""
    fields = episode.fields
    return [name for name in (fields.audio, fields.transcript) if name]


def _file(build, name: str) -> str:
    return os.path.abspath(os.path.join(build.folder, name))


def outputs(generator) -> set:
    """Every file but pages the generator writes for the shows as they stand (paths under
    the site root), as generate_output names them."""
    found = set()
    for build in generator.shows:
        files = {build.show.image} if build.show.image else set()
        for episode in build.episodes:
            files |= set(_show_files(episode))
            if episode.metadata.get("image"):
                found.add(episode.metadata["image"])
            found |= set(episode.chapter_images.values())
            found |= {path for path in (episode.embedded_cover_path, episode.chapters_path)
                      if path}
            found |= {alternate.public_path for alternate in episode.alternates}
        found |= {generator._public_path(build, name) for name in files}
        found.add(build.feed_url[len(generator._absolute("")):])
    if generator.shows:
        found.add(generator.config["opml_save_as"])
    return found
