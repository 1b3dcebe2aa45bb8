"""The theme's fields on posts (a video, local or YouTube/Vimeo, and pinning) and its settings."""

from __future__ import annotations

from dataclasses import replace

from shelfcast_sitekit.declarations import described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock, checked_in_code

from .sharing import SERVICES

VIDEO = described(
    "video",
    "A video next to the post (MP4/WebM) or a YouTube/Vimeo address.",
    "En video ved siden af indlægget (MP4/WebM) eller en YouTube/Vimeo-adresse.",
    "En video bredvid inlägget (MP4/WebM) eller en YouTube/Vimeo-adress.",
    kind="file",
    example="reading-room-tour.mp4",
)
CAPTIONS = described(
    "captions",
    "Captions (.vtt) for a local video, or 'none: <why>'.",
    "Undertekster (.vtt) til en lokal video, eller 'none: <hvorfor>'.",
    "Undertexter (.vtt) för en lokal video, eller 'none: <varför>'.",
    kind="file",
    pattern=r"(?i)(\.vtt$|^none\b)",
    example="reading-room-tour.vtt",
)
POSTER = described(
    "video_poster",
    "The picture shown before a local video plays.",
    "Billedet, der vises før en lokal video afspilles.",
    "Bilden som visas innan en lokal video spelas.",
    kind="image",
    example="reading-room-tour.jpg",
)
PINNED = described(
    "pinned",
    "true keeps the post first on the home page.",
    "true holder indlægget øverst på forsiden.",
    "true håller inlägget först på startsidan.",
    kind="boolean",
    example=True,
    hint="is not true or false; write `pinned: true` to show the post first on the home page, "
    "or leave the line out",
)
# A video's file, captions and poster are found by the site kit's localvideo (the file on
# disk, its size, WebVTT's first line, a poster taken from the video: not a schema's to say).
POST_FIELDS = checked_in_code(
    "shelfcast_sitekit.localvideo.read_local_video", (VIDEO, CAPTIONS, POSTER)
) + (PINNED,)

POST_FIELDS = labelled(POST_FIELDS, {
    "video": words("Video", "Video", "Video"),
    "captions": words("Subtitles", "Undertekster", "Undertexter"),
    "video_poster": words("Poster image", "Plakatbillede", "Affischbild"),
    "pinned": words("Pinned to the front page", "Fastgjort på forsiden", "Fäst på startsidan"),
})

CONTENT_TYPES = (
    ContentType(
        "video",
        label=words("Local video", "Lokal video", "Lokal video"),
        where=("*.md",),
        requires="video",
        base="post",
        fields=(replace(POST_FIELDS[0], required=True),),
        help=words("A post with a video.", "Et indlæg med en video.", "Ett inlägg med en video."),
    ),
)
EXTENSIONS = {"post": POST_FIELDS}

# The theme's settings (keys lower-case since 0.9.0; the old upper-case keys are moved by
# shelfcast_sitekit.settingmoves before this is read).
SETTINGS = (
    SettingsBlock(
        "SHELFCAST_THEME",
        (
            setting("share_links", "list", list(SERVICES), "Share links under each post, in "
                    "this order; [] for none.", item=Field("service", "enum", allowed=SERVICES),
                    example=["email", "mastodon"]),
            setting("mastodon_share_url", "url", "https://mastodon.social/share", "The share "
                    "form of the Mastodon server readers land on (Mastodon has no central "
                    "site).", schemes=("https",), example="https://mastodon.social/share"),
            setting("default_image", "file", "images/site-card.png", "The picture link "
                    "previews show for pages without their own image: (under content/, in a "
                    "STATIC_PATHS folder).", example="images/site-card.png"),
            setting("search_url", "file", "search.html", "The search page the header search "
                    "box sends ?q= to; None hides the box.", aliases=("none",),
                    example="search.html"),
            setting("menu", "list", None, "The main menu's order (docs/theme.md); None: "
                    "sections, pages, programmes, shows, archive.",
                    checked_by="shelfcast_theme.menu.menu_problem",
                    example=["sections", "page:about", "archive"]),
            setting("menu_shown", "integer", 6, "Main menu entries shown in the header line; "
                    "the rest go under More.", minimum=1, maximum=50, example=6),
        ),
    ),
)
