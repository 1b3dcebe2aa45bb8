"""Theme helpers: click-to-load videos, sized lazy images, share links. Pelican glue only."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.fileprints import file_prints
from shelfcast_sitekit.limits import limits_of
from shelfcast_sitekit.localvideo import is_local, publish_video, read_local_video
from shelfcast_sitekit.pagecache import note_read, on_replay
from shelfcast_sitekit.problems import SETTINGS_KEY as PROBLEMS_KEY
from shelfcast_sitekit.problems import ContentProblem, problem_log
from shelfcast_sitekit.reuse import PREVIOUS_OUTPUT_KEY

from .cards import REPLAY as CARD_REPLAY
from .cards import CardPictures, fallback_img, picture_html
from .images import image_size, size_images
from .manifest import write_manifest
from .menu import resolve
from .pinning import pinned_posts
from .settings import read_settings
from .sharing import share_links
from .videos import parse_video_url, replace_video_links

STATE_KEY = "SHELFCAST_THEME_STATE"
CARDS_KEY = "SHELFCAST_THEME_CARDS"
VIDEO_TEMPLATE = "_video.html"
LOCAL_VIDEOS_KEY = "SHELFCAST_THEME_LOCAL_VIDEOS"


def initialize(pelican) -> None:
    options, problems = read_settings(pelican.settings)
    log = problem_log(pelican.settings)
    log.extend(problems)
    log.raise_if_errors()
    pelican.settings[STATE_KEY] = options
    cards = pelican.settings[CARDS_KEY] = CardPictures(pelican.settings["PATH"],
                                                          file_prints(pelican.settings))
    on_replay(pelican.settings, CARD_REPLAY, cards.files_for)
    pelican.settings[LOCAL_VIDEOS_KEY] = {}


def prepare_content(instance) -> None:
    """Size the post's images and check its `video:` field, once per post as it is read."""
    settings = instance.settings
    if getattr(instance, "_content", None):
        instance._content = size_images(instance._content, settings["PATH"])
    video = instance.metadata.get("video")
    if is_local(video):
        _self_hosted(instance, settings)
    elif video is not None and parse_video_url(video) is None:
        line = (instance.metadata.get("front_matter_lines") or {}).get("video")
        problem_log(settings).add(ContentProblem(
            display_path(instance.source_path), line, "video",
            f"{video!r} is not a YouTube or Vimeo address; paste the address of the video's "
            "page, e.g. https://www.youtube.com/watch?v=... or https://vimeo.com/123456"))


def _self_hosted(instance, settings) -> None:
    """A `video:` path: check it, its captions and poster; publish them with the site."""
    meta = instance.metadata
    cache = os.path.join(settings.get("CACHE_PATH", ".cache"), "video-posters")
    video, problems = read_local_video(meta, meta.get("front_matter_lines") or {},
                                       display_path(instance.source_path),
                                       instance.source_path, settings["PATH"], cache,
                                       limits_of(settings)["max_video_bytes"],
                                       file_prints(settings))
    problem_log(settings).extend(problems)
    instance.local_video = video
    if video is not None and LOCAL_VIDEOS_KEY in settings:
        settings[LOCAL_VIDEOS_KEY][video.path] = video


def _render_video(context, video, title) -> str:
    template = context.environment.get_template(VIDEO_TEMPLATE)
    return template.render({**context.get_all(), "video": video, "video_title": title})


@pass_context
def embed_videos(context, body):
    """Filter: turn lone `[title](YouTube/Vimeo address)` paragraphs into click-to-load players."""
    return Markup(replace_video_links(str(body), lambda v, t: _render_video(context, v, t)))


@pass_context
def video_player(context, url, title=None):
    """Global: the click-to-load player for a `video:` front matter address."""
    video = parse_video_url(url)
    return Markup(_render_video(context, video, title)) if video else ""


@pass_context
def share_links_for(context, url, title):
    options = context.get("SHELFCAST_THEME_OPTIONS") or {}
    return share_links(url, title, options.get("share_links", ()),
                       options.get("mastodon_share_url", ""))


def content_image_size_filter():
    """Filter: (width, height) of an image under content/, or None.

    base.html asks for the site's card picture and icon on every page: each size is read
    from its file once per generator (content/ does not change during a build). A picture
    found only in the output is not remembered: the build may still be writing it.
    """
    sizes = {}

    @pass_context
    def content_image_size(context, relative_path):
        path = os.path.join(context["PATH"], str(relative_path))
        note_read(context, "file", path)
        if path in sizes:
            return sizes[path]
        size = image_size(path)
        if size is not None:
            sizes[path] = size
        elif context.get("OUTPUT_PATH"):
            # A picture the build made itself (an episode's cover taken from its audio file).
            note_read(context, "output", str(relative_path))
            size = image_size(os.path.join(context["OUTPUT_PATH"], str(relative_path)))
        return size

    return content_image_size


@pass_context
def card_picture(context, image, alt="", lazy=True):
    """Global: a post's lead image as a card picture (small WebP and JPEG copies)."""
    cards = context.get(CARDS_KEY)
    files = cards.files_for(str(image), context) if cards is not None else None
    if not files:
        return fallback_img(context.get("SITEURL", ""), str(image), str(alt))
    return picture_html(context.get("SITEURL", ""), files, str(alt), lazy)


@pass_context
def menu_entries(context):
    """Global: the theme's menu entries for this page, or None for the automatic menu."""
    menu = (context.get("SHELFCAST_THEME_OPTIONS") or {}).get("menu")
    if menu is None:
        return None
    # Read as a template reads them (the environment's getattr): the page cache records it.
    read = context.environment.getattr
    sources = {
        "sections": [(cat.slug, cat) for cat in context.get("menu_sections") or []],
        "pages": [(read(page, "slug"), page) for page in context.get("pages") or []],
        "shows": [(read(read(build, "show"), "slug"), build)
                  for build in context.get("podcast_shows") or []],
        "programmes": [(read(read(build, "programme"), "slug"), build)
                       for build in context.get("programmes") or []],
    }
    entries, unknown = resolve(menu, sources)
    log = context.get(PROBLEMS_KEY)  # the build's problem log travels in the context
    if unknown and log is not None:
        log.add(ContentProblem(
            "pelicanconf.py", None, "SHELFCAST_THEME['menu']",
            f"{', '.join(repr(u) for u in unknown)}: no such section, page, show or programme "
            "on the site; check the name (the folder or the page's slug)"))
    return entries


def root_path(absolute_url: str) -> str:
    """Filter: the path part of the site's address ('' at a domain's root), for root links."""
    return urlsplit(str(absolute_url)).path.rstrip("/")


def install(generator) -> None:
    env = getattr(generator, "env", None)
    options = generator.settings.get(STATE_KEY)
    if env is None or options is None:
        return
    env.filters.update({"embed_videos": embed_videos, "image_size": content_image_size_filter(),
                        "root_path": root_path})
    env.globals.update({"video_player": video_player, "share_links": share_links_for,
                        "card_picture": card_picture, "menu_entries": menu_entries,
                        "SHELFCAST_THEME_OPTIONS": options})


def write_web_manifest(pelican) -> None:
    write_manifest(pelican.output_path, pelican.settings)


def write_card_pictures(pelican) -> None:
    cards = pelican.settings.get(CARDS_KEY)
    if cards is not None:
        cache = os.path.join(pelican.settings.get("CACHE_PATH", ".cache"), "card-pictures")
        cards.write(pelican.output_path, cache, file_prints(pelican.settings))


def publish_local_videos(pelican) -> None:
    settings = pelican.settings
    for video in settings.get(LOCAL_VIDEOS_KEY, {}).values():
        publish_video(video, settings["PATH"], pelican.output_path,
                      settings.get(PREVIOUS_OUTPUT_KEY), file_prints(settings))


def list_pinned_posts(generator) -> None:
    """Worked out once for the home page: handing it every post to sort while it renders would
    make the home page depend on every word of every post (shelfcast_sitekit's page cache)."""
    generator.context["pinned_posts"] = pinned_posts(generator.articles)


def list_menu_sections(generator) -> None:
    """The sections as the menu of every page shows them, without their posts: Pelican's
    `categories` pairs each with its posts, so a new or deleted post changed what every page
    read and every page was rendered again (8,706 at 5,000 posts, issue 26)."""
    generator.context["menu_sections"] = [section for section, _posts
                                          in generator.context.get("categories") or ()]


def register() -> None:
    signals.initialized.connect(initialize)
    signals.article_generator_finalized.connect(list_pinned_posts)
    signals.article_generator_finalized.connect(list_menu_sections)
    signals.content_object_init.connect(prepare_content)
    signals.generator_init.connect(install)
    signals.finalized.connect(write_web_manifest)
    signals.finalized.connect(write_card_pictures)
    signals.finalized.connect(publish_local_videos)
