"""PodcastGenerator: reads shows and episodes, then writes feeds, pages, chapters and OPML.

Pelican glue: the checking and rendering live in the pure modules next to this one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from markupsafe import Markup
from pelican.contents import Content
from pelican.generators import Generator
from sitekit.documents import display_path
from sitekit.limits import limits_of, read_text_file
from sitekit.problems import WARNING, ContentProblem, problem_log, shorten
from sitekit.reader import ContentSkipped
from sitekit.reuse import PREVIOUS_OUTPUT_KEY, publish_file

from .audio import APPLE_FORMATS, AudioError
from .cache import FactsCache
from .chapters import beyond_end, chapters_json, clock, seconds_text
from .episodes import check_episode
from .feed import ChannelData, ItemData, build_feed
from .guids import derived_guid, duplicates, show_guid
from .opml import opml
from .show import Show, load_show
from .transcripts import MIME_TYPES, TranscriptError, parse_transcript

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
    guid: str = ""


class PodcastGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = self.settings[CONFIG_KEY]
        self.shows: list[ShowBuild] = []
        self.log = problem_log(self.settings)
        self.cache = FactsCache(os.path.join(self.settings.get("CACHE_PATH", "cache"),
                                             self.config["cache_file"]))

    # --- reading ---------------------------------------------------------------------------

    def generate_context(self) -> None:
        root = os.path.join(self.path, self.config["path"])
        if os.path.isdir(root):
            for name in sorted(os.listdir(root)):
                if os.path.isdir(os.path.join(root, name)) and not name.startswith("."):
                    self._read_show(os.path.join(root, name))
            self._warn_stray_episodes(root)
        self.cache.save()
        self._check_clashes()
        self.log.raise_if_errors()
        self.context["podcast_shows"] = self.shows

    def _read_show(self, folder: str) -> None:
        slug = os.path.basename(folder)
        yaml_path = os.path.join(folder, "show.yaml")
        if not os.path.isfile(yaml_path):
            self.log.add(ContentProblem(display_path(folder) + "/", None, None,
                "a show folder needs a show.yaml (title, description, language, owner, "
                "categories, image); add one or move the folder out of content/podcasts/"))
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
        build.folder_url = os.path.relpath(folder, self.path).replace(os.sep, "/") + "/"
        for name in sorted(os.listdir(folder)):
            if name.endswith((".md", ".markdown")):
                self._read_episode(build, os.path.join(folder, name))
        build.episodes.sort(key=lambda e: (e.date, e.guid), reverse=True)
        self._check_guids(build)
        self.shows.append(build)

    def _read_episode(self, build: ShowBuild, path: str) -> None:
        relative = os.path.relpath(path, self.path)
        try:
            episode = self.readers.read_file(base_path=self.path, path=relative,
                                             content_class=Episode, context=self.context)
        except ContentSkipped:
            return
        if episode.status != "published" or episode.date > datetime.now(UTC):
            return
        shown = display_path(path)
        lines = episode.metadata.get("front_matter_lines", {})
        fields, problems = check_episode(shown, episode.metadata, lines, build.folder)
        self.log.extend(problems)
        if any(p.severity != WARNING for p in problems):
            return
        if self._attach_audio(build, episode, fields, shown, lines):
            self._attach_transcript(build, episode, fields, shown, lines)
            self.add_source_path(episode)
            build.episodes.append(episode)

    def _attach_audio(self, build, episode, fields, shown, lines) -> bool:
        audio_path = os.path.join(build.folder, fields.audio)
        key = os.path.relpath(audio_path, self.path).replace(os.sep, "/")
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
        return True

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
                        "folder, content/podcasts/<show>/; move it there", WARNING))

    def _check_guids(self, build: ShowBuild) -> None:
        pairs = [(e.guid, display_path(e.source_path)) for e in build.episodes]
        for guid, paths in duplicates(pairs).items():
            for path in paths:
                others = ", ".join(p for p in paths if p != path)
                self.log.add(ContentProblem(path, None, "guid",
                    f"{shorten(guid)} is also the guid of {others}; every episode needs its own "
                    "guid "
                    "(give the newer episode a new one, e.g. from `invoke new-episode`)"))

    def _check_clashes(self) -> None:
        seen: dict[str, str] = {}
        for build in self.shows:
            for episode in build.episodes:
                shown = display_path(episode.source_path)
                if episode.save_as in seen:
                    self.log.add(ContentProblem(shown, None, "slug",
                        f"has the same URL ({episode.save_as}) as {seen[episode.save_as]}; "
                        "give one of them another 'slug:' or title"))
                seen[episode.save_as] = shown

    def _public_path(self, build: ShowBuild, relative: str) -> str:
        """Where a file of the show folder is published: the same path under the site root."""
        return os.path.relpath(os.path.join(build.folder, relative), self.path).replace(os.sep, "/")

    def _absolute(self, path: str) -> str:
        domain = self.settings.get("FEED_DOMAIN") or self.settings["SITE_ABSOLUTE_URL"]
        return f"{domain.rstrip('/')}/{quote(path)}"

    # --- writing ---------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        for build in self.shows:
            self._copy_files(build)
            for episode in build.episodes:
                self._write_episode(writer, build, episode)
            self._write_feed(build)
            self._write_show_page(writer, build)
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
        images = {e.metadata["image"] for e in build.episodes if e.metadata.get("image")}
        for image in sorted(images):
            self._copy(image)

    def _copy(self, relative: str) -> None:
        """Publish a file of content/ at the same path under the site root."""
        previous = self.settings.get(PREVIOUS_OUTPUT_KEY)
        publish_file(os.path.join(self.path, relative), os.path.join(self.output_path, relative),
                     os.path.join(previous, relative) if previous else None)

    def _write_episode(self, writer, build: ShowBuild, episode: Episode) -> None:
        if episode.chapters_path:
            self._write_bytes(episode.chapters_path, chapters_json(
                episode.chapters_source, episode.title).encode("utf-8"))
        writer.write_file(episode.save_as, self.get_template(episode.template), self.context,
                          episode=episode, show=build.show, show_build=build,
                          subscribe_links=self._subscribe_links(build.feed_url),
                          relative_urls=self.settings["RELATIVE_URLS"], url=episode.url)

    def _write_show_page(self, writer, build: ShowBuild) -> None:
        writer.write_file(build.save_as, self.get_template("show"), self.context,
                          show=build.show, show_build=build, episodes=build.episodes,
                          subscribe_links=self._subscribe_links(build.feed_url),
                          relative_urls=self.settings["RELATIVE_URLS"], url=build.url)

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
            generator=self.config["generator"])

    def _item(self, build: ShowBuild, episode: Episode) -> ItemData:
        site = self.settings["SITE_ABSOLUTE_URL"]
        summary = episode.metadata.get("summary")
        transcript = None
        if episode.transcript_path:
            transcript = {"url": self._absolute(episode.transcript_path),
                          "type": episode.transcript_type, "language": build.show.language}
        image = episode.metadata.get("image")
        return ItemData(
            guid=episode.guid, title=episode.title, link=self._absolute(episode.url),
            pub_date=episode.date, enclosure_url=self._absolute(episode.audio_path),
            length=episode.facts.size, mime=episode.facts.mime,
            duration=episode.duration_seconds,
            summary=Markup(summary).striptags() if summary else None,
            content_html=episode.get_content(site), episode=episode.fields.episode,
            season=episode.fields.season, episode_type=episode.fields.episode_type,
            explicit=episode.fields.explicit,
            image_url=self._absolute(image) if image else None, transcript=transcript,
            chapters_url=self._absolute(episode.chapters_path) if episode.chapters_path else None,
            persons=episode.fields.persons)

    def _write_bytes(self, relative: str, data: bytes) -> None:
        target = os.path.join(self.output_path, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
