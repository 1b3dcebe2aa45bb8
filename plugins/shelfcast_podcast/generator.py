"""PodcastGenerator: reads shows and episodes, then writes feeds, pages, chapters and OPML.

Pelican glue: the checking and rendering live in the pure modules next to this one.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from markupsafe import Markup
from pelican.contents import Content
from pelican.generators import Generator
from shelfcast_sitekit.clock import build_now
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.fileprints import file_prints
from shelfcast_sitekit.limits import limits_of, read_text_file
from shelfcast_sitekit.paths import relative_path
from shelfcast_sitekit.pluginsettings import SETTINGS_FILE
from shelfcast_sitekit.problems import NOTE, WARNING, ContentProblem, problem_log
from shelfcast_sitekit.reader import ContentSkipped
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY, publish_file

from .alternates import (
    ENCODINGS,
    Alternate,
    TranscodeError,
    Transcoder,
    bitrate,
    file_digest,
    public_name,
)
from .audio import APPLE_FORMATS, AudioError, AudioFacts, embedded_pictures, hosted_format
from .cache import FactsCache
from .chapters import beyond_end, chapters_json, clock, seconds_text
from .clashes import EpisodeKey, clashes
from .episodes import check_episode
from .feed import ChannelData, ItemData, TrailerData, absolute_links, build_feed
from .guids import derived_guid, show_guid
from .jsonld import SeriesFacts, episode_json_ld, series_json_ld
from .opml import opml
from .show import Show, artwork_problems, image_size, load_show, show_folder_problem
from .transcripts import MIME_TYPES, TranscriptError, parse_transcript
from .urls import public_url, with_prefix

CONFIG_KEY = "PODCAST_CONFIG"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Episode(Content):
    """One episode: a Pelican content object, so content_object_init plugins see its notes."""

    mandatory_properties = ("title", "date")
    allowed_statuses = ("published", "hidden", "draft")
    default_status = "published"
    default_template = "episode"

    @property
    def show_slug(self) -> str:
        return self.get_relative_source_path().split("/")[1]

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        """Pelican's answer, worked out once per path: every `url` and `save_as` asks for it
        twice (the path and the show's folder), ten times per episode and build (issue 26:
        a quarter of the URL work of a warm build). Kept by everything the answer is made
        from (the path, the content folder and the working directory its relative paths
        start from), so a changed source_path or PATH is never answered from the memo; the
        leading `_` keeps it out of the page cache's fingerprint of the episode."""
        key = (source_path or self.source_path, self.settings["PATH"], os.getcwd())
        memo = self.__dict__.setdefault("_relative_source_paths", {})
        if key not in memo:
            memo[key] = super().get_relative_source_path(source_path)
        return memo[key]

    @property
    def url_format(self) -> dict:
        return {**super().url_format, "show": self.show_slug}


@dataclass
class ShowBuild:
    """One show as this build sees it: checked facts, its folder, its published episodes."""

    show: Show
    folder: str
    episodes: list = field(default_factory=list)
    feed_url: str = ""
    url: str = ""
    save_as: str = ""
    folder_url: str = ""
    artwork: str = ""         # the show's artwork, path under the site root
    guid: str = ""

    def sitekit_key(self) -> str:
        """Its folder: every page's menu names the show, only a few list its episodes, and
        shelfcast_sitekit's page cache records which of its parts each page read."""
        return "show:" + self.folder


def sort_episodes(build) -> None:
    """A show's episodes in feed order: newest first, the GUID settling the same date."""
    build.episodes.sort(key=lambda e: (e.date, e.guid), reverse=True)


class PodcastGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = self.settings[CONFIG_KEY]
        self.shows: list[ShowBuild] = []
        self.log = problem_log(self.settings)
        self.cache = FactsCache(os.path.join(self.settings.get("CACHE_PATH", "cache"),
                                             self.config["cache_file"]),
                                file_prints(self.settings))
        # Set by the resident preview while it writes into the served folder (an InPlace of
        # shelfcast_sitekit.residentfiles): each file written or copied only when it differs.
        self._put = None

    def resident_change(self, added: set, removed: set):
        """The preview's fast path for episodes added or deleted (shelfcast_podcast.resident)."""
        from .resident import episode_change
        return episode_change(self, added, removed)

    # --- reading ---------------------------------------------------------------------------

    def generate_context(self) -> None:
        root = os.path.join(self.path, self.config["path"])
        if os.path.isdir(root):
            # After a checkout every audio file is new to the file system: digested on both
            # cores first, not one after another as each episode is read.
            self.cache.digest_ahead(self.path)
            for name in sorted(os.listdir(root)):
                if os.path.isdir(os.path.join(root, name)) and not name.startswith("."):
                    self._read_show(os.path.join(root, name))
            self._warn_stray_episodes(root)
        self.cache.save()
        self._check_clashes()
        self._check_podrolls()
        self.log.raise_if_errors()
        self._make_alternates()
        self.context["podcast_shows"] = self.shows

    def _read_show(self, folder: str) -> None:
        slug = os.path.basename(folder)
        yaml_path = os.path.join(folder, "show.yaml")
        if not os.path.isfile(yaml_path):
            self.log.add(ContentProblem(display_path(folder) + "/", None, None,
                "a show folder needs a show.yaml (title, description, language, owner, "
                f"categories, image); add one or move the folder out of "
                f"content/{self.config['path']}/"))
            return
        folder_problem = show_folder_problem(slug)
        if folder_problem:
            self.log.add(ContentProblem(display_path(folder) + "/", None, None, folder_problem))
            return
        show, problems = load_show(yaml_path, display_path(yaml_path), slug, self.config,
                                   limits_of(self.settings))
        self.log.extend(problems)
        if show is None:
            return
        build = ShowBuild(show, folder)
        build.feed_url = self._absolute(self.config["feed_url"].format(show=slug))
        build.url = self.config["show_url"].format(show=slug)
        build.save_as = self.config["show_save_as"].format(show=slug)
        build.guid = show.guid or show_guid(build.feed_url)
        if not show.guid:
            self.log.add(ContentProblem(display_path(yaml_path), None, "guid",
                "not frozen yet (derived from the feed's address, so it would change if the "
                "feed moved); run `invoke freeze-guids` to write it into show.yaml", WARNING))
        build.folder_url = os.path.relpath(folder, self.path).replace(os.sep, "/") + "/"
        build.artwork = build.folder_url + show.image
        for name in sorted(os.listdir(folder)):
            if name.endswith((".md", ".markdown")):
                self._read_episode(build, os.path.join(folder, name))
        sort_episodes(build)
        self.shows.append(build)

    def _read_episode(self, build: ShowBuild, path: str) -> None:
        relative = relative_path(path, self.path)
        try:
            episode = self.readers.read_file(base_path=self.path, path=relative,
                                             content_class=Episode, context=self.context)
        except ContentSkipped:
            return
        if episode.status != "published" or episode.date > build_now(self.settings):
            return
        shown = display_path(path)
        lines = episode.metadata.get("front_matter_lines", {})
        fields, problems = check_episode(shown, episode.metadata, lines, build.folder,
                                         build.show.type)
        problems += self._episode_art_problems(episode, shown, lines)
        self.log.extend(problems)
        if any(p.severity != WARNING for p in problems):
            return
        if self._attach_audio(build, episode, fields, shown, lines):
            episode.artwork = self._episode_artwork(episode)
            self._attach_transcript(build, episode, fields, shown, lines)
            self.add_source_path(episode)
            build.episodes.append(episode)

    def _episode_art_problems(self, episode, shown, lines) -> list[ContentProblem]:
        """An episode's image: is episode artwork in apps, so it follows the artwork rules."""
        image = episode.metadata.get("image")
        if not image:
            return []
        return [ContentProblem(shown, lines.get("image"), "image", f"{image} {message}")
                for message in artwork_problems(os.path.join(self.path, image))]

    def _episode_artwork(self, episode) -> str | None:
        """The episode's own artwork (path under the site root), or None: then apps, the feed
        and the page use the show's.

        After `image:` comes the cover embedded in the audio file (ID3 APIC / MP4 covr), when
        it passed the artwork rules (_attach_pictures).
        """
        return episode.metadata.get("image") or episode.embedded_cover_path or None

    def _attach_audio(self, build, episode, fields, shown, lines) -> bool:
        episode.audio_url = fields.audio_url
        if fields.audio_url:
            return self._attach_hosted_audio(build, episode, fields, shown, lines)
        audio_path = os.path.join(build.folder, fields.audio)
        key = relative_path(audio_path, self.path).replace(os.sep, "/")
        try:
            facts = self.cache.facts(audio_path, key)
        except AudioError as err:
            self.log.add(ContentProblem(shown, lines.get("audio"), "audio",
                                        f"{fields.audio} {err}"))
            return False
        if facts.format not in APPLE_FORMATS:
            self.log.add(ContentProblem(shown, lines.get("audio"), "audio",
                f"{fields.audio} is {facts.format.upper()} audio, which Apple Podcasts does "
                "not accept as an episode's only file; export an MP3 (or M4A) and use that",
                WARNING))
        chapters = fields.chapters or list(facts.chapters)
        for message in beyond_end(fields.chapters, facts.duration):
            self.log.add(ContentProblem(shown, lines.get("chapters"), "chapters", message))
        if not fields.guid:
            self.log.add(ContentProblem(shown, None, "guid",
                "not frozen yet (derived from the show and the audio file's name); run "
                "`invoke freeze-guids` so that renaming the audio file keeps it", WARNING))
        lang = episode.metadata.get("lang") or build.show.language
        episode.lang = lang
        episode.fields, episode.facts, episode.show = fields, facts, build.show
        episode.guid = fields.guid or derived_guid(build.show.slug, os.path.basename(fields.audio))
        episode.audio_path = self._public_path(build, fields.audio)
        episode.duration_seconds = int(round(facts.duration))
        episode.duration_label = clock(round(facts.duration))
        episode.chapter_list = [{"start": seconds_text(c.start), "label": clock(c.start),
                                 "title": c.title, "url": c.url} for c in chapters]
        episode.chapters_source = chapters
        episode.chapters_path = (episode.save_as.rsplit(".", 1)[0] + ".chapters.json"
                                 if chapters else None)
        self._attach_pictures(build, episode, facts, shown, not fields.chapters)
        return True

    def _attach_hosted_audio(self, build, episode, fields, shown, lines) -> bool:
        """Audio left on another host (an imported podcast): the enclosure as the front matter
        gives it; no file is read, so chapters and pictures come only from front matter."""
        facts = AudioFacts(hosted_format(fields.audio_type), fields.audio_type,
                           fields.audio_length, float(fields.duration or 0))
        if not fields.guid:
            self.log.add(ContentProblem(shown, lines.get("audio_url"), "guid",
                "missing; an episode with hosted audio needs the guid its old feed gave it",))
            return False
        episode.lang = episode.metadata.get("lang") or build.show.language
        episode.fields, episode.facts, episode.show = fields, facts, build.show
        episode.guid = fields.guid
        episode.audio_path = None
        episode.duration_seconds = fields.duration or 0
        episode.duration_label = clock(fields.duration or 0)
        episode.chapter_list = [{"start": seconds_text(c.start), "label": clock(c.start),
                                 "title": c.title, "url": c.url} for c in fields.chapters]
        episode.chapters_source = fields.chapters
        episode.chapters_path = (episode.save_as.rsplit(".", 1)[0] + ".chapters.json"
                                 if fields.chapters else None)
        episode.embedded_cover_path, episode.chapter_images = None, {}
        episode.artwork_path = (episode.metadata.get("image")
                                or self._public_path(build, build.show.image))
        return True

    def aliased_items(self) -> list:
        """Published episodes, for the publish plugin's redirects from their `aliases:` (an
        imported blog's old episode addresses)."""
        return [episode for build in self.shows for episode in build.episodes]

    def _enclosure_url(self, episode) -> str:
        return episode.audio_url or self._absolute(episode.audio_path)

    def _feed_file_url(self, path: str) -> str:
        """A published audio file's URL as feeds give it to apps: behind PODCAST["prefix"]
        (an OP3-style counter) when the library chose one."""
        return with_prefix(self.config["prefix"], self._absolute(path))

    def _feed_enclosure_url(self, episode) -> str:
        return episode.audio_url or self._feed_file_url(episode.audio_path)

    def _feed_alternates(self, episode) -> list[dict]:
        """podcast:alternateEnclosure entries: the original first (the default), then each
        smaller copy; none when the episode has no copies."""
        if not episode.alternates:
            return []
        facts = episode.facts
        original = {"url": self._feed_enclosure_url(episode), "mime": facts.mime,
                    "length": facts.size, "bitrate": bitrate(facts.size, facts.duration),
                    "integrity": episode.audio_integrity, "default": True,
                    "title": facts.format.upper()}
        return [original] + [
            {"url": self._feed_file_url(a.public_path), "mime": a.encoding.mime,
             "length": a.length, "bitrate": a.encoding.kbps * 1000, "integrity": a.integrity,
             "default": False, "title": f"{a.encoding.label} {a.encoding.kbps} kbit/s"}
            for a in episode.alternates]

    # Pictures from the audio file (issue 10 §3): audio.py describes them, these lines place
    # them. The episode's artwork is its image:, else its file's cover, else the show's.
    def _attach_pictures(self, build, episode, facts, shown, file_chapters: bool) -> None:
        stem = episode.save_as.rsplit(".", 1)[0]
        cover = facts.cover
        episode.embedded_cover_path = None
        if not episode.metadata.get("image") and cover and cover.problem is None:
            episode.embedded_cover_path = f"{stem}.cover{cover.extension}"
        elif not episode.metadata.get("image") and cover:
            self.log.add(ContentProblem(shown, None, "image",
                f"the cover inside {episode.fields.audio} {cover.problem}, so the episode "
                "shows the show's artwork; write image: to choose a picture", WARNING))
        episode.artwork_path = (episode.metadata.get("image") or episode.embedded_cover_path
                                or self._public_path(build, build.show.image))
        episode.chapter_images = {
            number: f"{stem}.chapter-{number + 1}{c.image.extension}"
            for number, c in enumerate(facts.chapters)
            if file_chapters and c.image and c.image.extension}

    def _attach_transcript(self, build, episode, fields, shown, lines) -> None:
        episode.transcript_cues, episode.transcript_path, episode.transcript_type = [], None, None
        if not fields.transcript:
            return
        extension = os.path.splitext(fields.transcript)[1].lower()
        path = os.path.join(build.folder, fields.transcript)
        data, problems = read_text_file(path, display_path(path),
                                        limits_of(self.settings)["max_text_bytes"])
        if data is None:
            self.log.extend(problems)
            return
        try:
            cues = parse_transcript(data, extension)
        except TranscriptError as err:
            self.log.add(ContentProblem(shown, lines.get("transcript"), "transcript",
                f"{fields.transcript} is not a valid {extension[1:].upper()} transcript: {err}"))
            return
        episode.transcript_cues = [{"start": seconds_text(c.start), "label": clock(c.start),
                                    "text": c.text,
                                    "speaker": c.speaker} for c in cues]
        episode.transcript_path = self._public_path(build, fields.transcript)
        episode.transcript_type = MIME_TYPES[extension]

    def _warn_stray_episodes(self, root: str) -> None:
        """Markdown files the podcast cannot place: not directly in a show folder."""
        for folder, _dirs, files in os.walk(root):
            depth = os.path.relpath(folder, root).count(os.sep) + (folder != root)
            for name in sorted(f for f in files if f.endswith((".md", ".markdown"))):
                if depth != 1:
                    self.log.add(ContentProblem(display_path(os.path.join(folder, name)), None,
                        None, "is in no feed: an episode's file must be directly in its show's "
                        f"folder, content/{self.config['path']}/<show>/; move it there", WARNING))

    def _check_clashes(self) -> None:
        keys = [EpisodeKey(display_path(e.source_path), b.show.slug, e.guid,
                           self._enclosure_url(e), e.fields.season, e.fields.episode,
                           e.fields.episode_type,
                           tuple(e.metadata.get("front_matter_lines", {}).items()))
                for b in self.shows for e in b.episodes]
        self.log.extend(clashes(keys))
        seen: dict[str, str] = {}
        for build in self.shows:
            for episode in build.episodes:
                shown = display_path(episode.source_path)
                save_as = episode.save_as  # Pelican expands the setting on every read
                if save_as in seen:
                    self.log.add(ContentProblem(shown, None, "slug",
                        f"has the same URL ({save_as}) as {seen[save_as]}; "
                        "give one of them another 'slug:' or title"))
                seen[save_as] = shown

    def _check_podrolls(self) -> None:
        """A podroll's show folder names must be shows of this site, other than its own."""
        slugs = {b.show.slug for b in self.shows}
        for build in self.shows:
            for entry in build.show.podroll:
                if isinstance(entry, str) and (entry not in slugs or entry == build.show.slug):
                    others = ", ".join(sorted(slugs - {build.show.slug})) or "none yet"
                    self.log.add(ContentProblem(display_path(os.path.join(build.folder,
                        "show.yaml")), None, "podroll", f"{entry!r} is not another show of "
                        f"this site (they are: {others}); write a show folder name, or a "
                        "partner's show as guid: and url:"))

    def _podroll(self, build: ShowBuild) -> list[dict]:
        by_slug = {b.show.slug: b for b in self.shows}
        return [{"guid": by_slug[e].guid, "url": by_slug[e].feed_url} if isinstance(e, str)
                else e for e in build.show.podroll]

    def _images(self, path: str, width: int | None) -> list[tuple[str, int]]:
        """podcast:images for a picture we publish at one size (when that size is known)."""
        return [(self._absolute(path), width)] if width else []

    def _artwork_width(self, build: ShowBuild, episode) -> int | None:
        image = episode.metadata.get("image")
        if image:
            return (image_size(os.path.join(self.path, image)) or (None,))[0]
        if episode.embedded_cover_path:
            return episode.facts.cover.width
        return (build.show.image_size or (None,))[0]

    def _public_path(self, build: ShowBuild, relative: str) -> str:
        """Where a file of the show folder is published: the same path under the site root."""
        return relative_path(os.path.join(build.folder, relative), self.path).replace(os.sep, "/")

    def _absolute(self, path: str) -> str:
        return public_url(self.settings, path)

    # --- smaller copies (PODCAST["alternates"]) ---------------------------------------------

    def _make_alternates(self) -> None:
        episodes = [(b, e) for b in self.shows for e in b.episodes]
        for _build, episode in episodes:
            episode.alternates, episode.audio_integrity = [], None
        wanted = [ENCODINGS[name] for name in self.config["alternates"]]
        local = [(b, e) for b, e in episodes if e.audio_path]
        if not wanted or not local:
            return
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            self.log.add(ContentProblem(SETTINGS_FILE, None, "PODCAST",
                f"'alternates' is on, but ffmpeg is not installed: {len(local)} episode(s) "
                "have no smaller file in this build; install ffmpeg (Debian and Ubuntu: "
                "apt install ffmpeg) and build again", WARNING))
            return
        cache = os.path.join(self.settings.get("CACHE_PATH", "cache"), "podcast-alternates")
        transcoder = Transcoder(cache, ffmpeg)
        for build, episode in local:
            self._attach_alternates(build, episode, wanted, transcoder)
        self.log.add(ContentProblem(SETTINGS_FILE, None, "PODCAST",
            f"'alternates': ffmpeg made {transcoder.made} smaller file(s); "
            f"{transcoder.reused} came from the cache", NOTE))

    def _attach_alternates(self, build, episode, wanted, transcoder: Transcoder) -> None:
        audio = os.path.join(build.folder, episode.fields.audio)
        digest = file_digest(audio)
        episode.audio_integrity = digest.sri
        for encoding in wanted:
            skipped = self._alternate_skipped(build, episode, encoding)
            if skipped:
                continue
            try:
                cached = transcoder.copy(audio, digest, encoding)
            except TranscodeError as err:
                self.log.add(ContentProblem(display_path(episode.source_path), None, "audio",
                    f"no {encoding.name} copy of {episode.fields.audio}: ffmpeg said {err}",
                    WARNING))
                continue
            length = os.path.getsize(cached)
            if length < episode.facts.size:   # a copy as big as the original helps nobody
                episode.alternates.append(Alternate(encoding, cached,
                    public_name(episode.audio_path, encoding), length, file_digest(cached).sri))

    def _alternate_skipped(self, build, episode, encoding) -> bool:
        """Already in that format, or a file of the show folder has the copy's name."""
        if encoding.format == episode.facts.format:
            return True
        name = public_name(episode.fields.audio, encoding)
        if os.path.exists(os.path.join(build.folder, name)):
            self.log.add(ContentProblem(display_path(episode.source_path), None, "audio",
                f"no {encoding.name} copy: {name} is already a file of the show; rename it "
                "to publish the smaller copy there", WARNING))
            return True
        return False

    # --- writing ---------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        for build in self.shows:
            self._copy_files(build)
            for episode in build.episodes:
                self._write_episode_files(build, episode)
                self._write_episode_page(writer, build, episode)
            self._write_feed(build)
            self._write_show_page(writer, build)
        self._write_opml()

    def write_pages(self, writer) -> None:
        """Every page, as generate_output hands them to the writer (the resident preview)."""
        for build in self.shows:
            for episode in build.episodes:
                self._write_episode_page(writer, build, episode)
            self._write_show_page(writer, build)

    def write_files(self, builds) -> None:
        """The files but pages of these shows, and the OPML, as generate_output writes them."""
        for build in builds:
            self._copy_files(build)
            for episode in build.episodes:
                self._write_episode_files(build, episode)
            self._write_feed(build)
        self._write_opml()

    def _write_opml(self) -> None:
        if self.shows:
            feeds = [(b.show.title, b.feed_url, self._absolute(b.url)) for b in self.shows]
            self._write_bytes(self.config["opml_save_as"],
                              opml(self.settings["SITENAME"], feeds).encode("utf-8"))

    def _copy_files(self, build: ShowBuild) -> None:
        files = {build.show.image} if build.show.image else set()
        for episode in build.episodes:
            files |= {episode.fields.audio, episode.fields.transcript}
        for relative in sorted(f for f in files if f):
            self._copy(self._public_path(build, relative))
        for alternate in (a for e in build.episodes for a in e.alternates):
            self._copy(alternate.public_path, alternate.cached)
        # Covers taken from audio files are written by _write_pictures; image: files are copied.
        images = {e.metadata["image"] for e in build.episodes if e.metadata.get("image")}
        for image in sorted(images):
            self._copy(image)

    def _copy(self, relative: str, source: str | None = None) -> None:
        """Publish a file of content/ (or source) at this path under the site root."""
        if self._put is not None:
            self._put.copy(relative, source or os.path.join(self.path, relative))
            return
        previous = self.settings.get(PREVIOUS_OUTPUT_KEY)
        publish_file(source or os.path.join(self.path, relative),
                     os.path.join(self.output_path, relative),
                     os.path.join(previous, relative) if previous else None,
                     file_prints(self.settings))

    def _write_episode_files(self, build: ShowBuild, episode: Episode) -> None:
        self._write_pictures(build, episode)
        if episode.chapters_path:
            images = {n: self._absolute(p) for n, p in episode.chapter_images.items()}
            self._write_bytes(episode.chapters_path, chapters_json(
                episode.chapters_source, episode.title, images).encode("utf-8"))

    def _write_episode_page(self, writer, build: ShowBuild, episode: Episode) -> None:
        writer.write_file(episode.save_as, self.get_template(episode.template), self.context,
                          episode=episode, show=build.show, show_build=build,
                          subscribe_links=self._subscribe_links(build.feed_url),
                          podcast_json_ld=self._episode_json_ld(build, episode),
                          podcast_card=self._card(build, episode),
                          relative_urls=self.settings["RELATIVE_URLS"], url=episode.url)

    def _write_pictures(self, build: ShowBuild, episode: Episode) -> None:
        """Write the pictures taken from the episode's audio file: the cover, chapter images."""
        wanted = dict(episode.chapter_images)           # chapter index -> path, "cover" -> path
        if episode.embedded_cover_path:
            wanted["cover"] = episode.embedded_cover_path
        if not wanted:
            return
        audio = os.path.join(build.folder, episode.fields.audio)
        stamp = os.stat(audio).st_mtime_ns
        pictures = None
        for key, relative in wanted.items():
            if self._reuse_picture(relative, stamp):
                continue
            if pictures is None:
                # The facts cache keeps descriptions only; the tags are read again for bytes.
                embedded = embedded_pictures(audio, episode.facts)
                pictures = {"cover": embedded.cover, **dict(enumerate(embedded.chapter_images))}
            if pictures.get(key):
                self._write_bytes(relative, pictures[key])
                # Stamped with the audio file's time: the next build reuses it while that holds.
                os.utime(self._output_file(relative), ns=(stamp, stamp))

    def _reuse_picture(self, relative: str, stamp: int) -> bool:
        """Hard-link a picture the previous build took from the same, unchanged audio file."""
        if self._put is not None:  # the served folder itself: the picture is there already
            try:
                return os.stat(self._put.path(relative)).st_mtime_ns == stamp
            except OSError:
                return False
        previous = self.settings.get(PREVIOUS_OUTPUT_KEY)
        if not previous:
            return False
        source = os.path.join(previous, relative)
        try:
            if os.stat(source).st_mtime_ns != stamp:
                return False
            target = os.path.join(self.output_path, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:
            return False
        return True

    def _write_show_page(self, writer, build: ShowBuild) -> None:
        writer.write_file(build.save_as, self.get_template("show"), self.context,
                          show=build.show, show_build=build, episodes=build.episodes,
                          subscribe_links=self._subscribe_links(build.feed_url),
                          podcast_card=self._card(build),
                          podcast_json_ld=series_json_ld(
                              self._series(build), self._publisher(),
                              [{"name": e.title, "url": self._page_url(e.url)}
                               for e in build.episodes]),
                          relative_urls=self.settings["RELATIVE_URLS"], url=build.url)

    @staticmethod
    def _card(build: ShowBuild, episode: Episode | None = None) -> dict:
        """The page's one og:image (and twitter:image): the episode's art, else the show's."""
        if episode is not None and episode.artwork:
            return {"image": episode.artwork,
                    "alt": episode.metadata.get("image_alt") or episode.title}
        return {"image": build.artwork, "alt": build.show.title}

    def _page_url(self, path: str) -> str:
        return f"{self.settings['SITE_ABSOLUTE_URL'].rstrip('/')}/{path}"

    def _publisher(self) -> dict:
        return {"@type": "Library", "name": self.settings["SITENAME"],
                "url": self._page_url("")}

    def _series(self, build: ShowBuild) -> SeriesFacts:
        show = build.show
        return SeriesFacts(show.title, self._page_url(build.url), build.feed_url,
                           show.description, show.language, self._page_url(build.artwork),
                           show.author or self.settings.get("AUTHOR", ""))

    def _episode_json_ld(self, build: ShowBuild, episode: Episode) -> dict:
        summary = episode.metadata.get("summary")
        facts = {"name": episode.title, "url": self._page_url(episode.url),
                 "description": Markup(summary).striptags() if summary
                 else build.show.description,
                 "date": episode.date, "language": episode.lang,
                 "seconds": episode.duration_seconds,
                 "image": self._page_url(episode.artwork or build.artwork),
                 "audio_url": self._enclosure_url(episode), "mime": episode.facts.mime,
                 "number": episode.fields.episode, "season": episode.fields.season,
                 "mentions": getattr(episode, "catalogue_mentions", None)}
        return episode_json_ld(facts, self._series(build), self._publisher())

    def _subscribe_links(self, feed_url: str) -> list[tuple[str, str]]:
        bare = feed_url.split("://", 1)[-1]
        values = {"feed": feed_url, "feed_quoted": quote(feed_url, safe=""), "feed_bare": bare}
        return [(name, pattern.format(**values)) for name, pattern in self.config["apps"]]

    def _write_feed(self, build: ShowBuild) -> None:
        channel = self._channel(build)
        items = [self._item(build, e) for e in build.episodes]
        path = build.feed_url[len(self._absolute("")):]
        self._write_bytes(path, build_feed(channel, items))

    def _channel(self, build: ShowBuild) -> ChannelData:
        show = build.show
        return ChannelData(
            title=show.title, description=show.description,
            link=show.link or self._absolute(build.url), feed_url=build.feed_url,
            language=show.language, author=show.author or self.settings.get("AUTHOR", ""),
            owner_name=show.owner_name, owner_email=show.owner_email,
            image_url=self._absolute(self._public_path(build, show.image)),
            categories=show.categories, explicit=show.explicit, type=show.type,
            guid=build.guid, locked=show.locked, copyright=show.copyright,
            funding=show.funding, new_feed_url=show.new_feed_url, complete=show.complete,
            last_build=max((e.date for e in build.episodes), default=EPOCH),
            generator=self.config["generator"], image_size=show.image_size,
            persons=show.persons, medium=show.medium, license=show.license,
            update_frequency=show.update_frequency, block=show.block,
            websub_hub=self.config["websub_hub"], podroll=self._podroll(build), txt=show.txt,
            images=self._images(self._public_path(build, show.image),
                                (show.image_size or (None,))[0]),
            trailers=[TrailerData(e.title, self._feed_enclosure_url(e), e.date, e.facts.size,
                                  e.facts.mime, e.fields.season)
                      for e in build.episodes if e.fields.episode_type == "trailer"])

    def _item(self, build: ShowBuild, episode: Episode) -> ItemData:
        site = self.settings["SITE_ABSOLUTE_URL"]
        summary = episode.metadata.get("summary")
        transcript = None
        if episode.transcript_path:
            transcript = {"url": self._absolute(episode.transcript_path),
                          "type": episode.transcript_type, "language": episode.lang}
        link = self._absolute(episode.url)  # Pelican expands the setting on every read
        return ItemData(
            guid=episode.guid, title=episode.title, link=link,
            pub_date=episode.date, enclosure_url=self._feed_enclosure_url(episode),
            length=episode.facts.size, mime=episode.facts.mime,
            duration=episode.duration_seconds,
            summary=Markup(summary).striptags() if summary else None,
            content_html=absolute_links(episode.get_content(site), link),
            episode=episode.fields.episode,
            season=episode.fields.season, episode_type=episode.fields.episode_type,
            explicit=episode.fields.explicit,
            image_url=self._absolute(episode.artwork_path), transcript=transcript,
            chapters_url=self._absolute(episode.chapters_path) if episode.chapters_path else None,
            persons=episode.fields.persons, alternates=self._feed_alternates(episode),
            social_interact=episode.fields.fediverse_thread,
            images=self._images(episode.artwork_path, self._artwork_width(build, episode)))

    def _output_file(self, relative: str) -> str:
        return self._put.path(relative) if self._put is not None \
            else os.path.join(self.output_path, relative)

    def _write_bytes(self, relative: str, data: bytes) -> None:
        if self._put is not None:
            self._put.bytes(relative, data)
            return
        target = os.path.join(self.output_path, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
