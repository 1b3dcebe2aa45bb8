"""WordPress shortcodes -> our equivalents, as HTML blocks the Markdown step keeps whole.

Each known shortcode becomes a `Block` (Markdown/HTML text that goes into the post as is) and
a placeholder paragraph in the HTML the converter reads; unknown shortcodes stay as text.
"""

from __future__ import annotations

import html
import re
import shlex
from dataclasses import dataclass, field

from shelfcast_sitekit.htmlfragments import parse_fragment

KNOWN = ("caption", "wp_caption", "gallery", "audio", "video", "embed", "playlist")
# WordPress's own shortcode grammar: [name attrs]content[/name] or [name attrs] or [name /].
SHORTCODE = re.compile(
    r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:[^\[\]'\"]|\"[^\"]*\"|'[^']*')*?)\s*(?P<self>/)?\]"
    # The body may not open the same shortcode again: `[video a] ... [video b][/video]` is two.
    r"(?:(?P<body>(?:(?!\[(?P=name)[\s\]/]).)*?)\[/(?P=name)\])?", re.DOTALL)
# Gutenberg's block comments are dropped from the export's raw text before anything reads it
# as HTML: that text is WordPress source (shortcodes, blank-line paragraphs), not yet HTML.
GUTENBERG_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
# A shortcode's attributes (`[caption id="x" width='300']`): shortcode grammar, not HTML.
ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*\'([^\']*)\'')
PLACEHOLDER = "SHELFCASTBLOCK{}X"


@dataclass
class Media:
    """What a body needs from the rest of the export: attachment URLs by id, and a way to
    turn a media URL into the address the post may use (local copy, or None: link only)."""

    attachments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (url, alt)
    local: dict[str, str] = field(default_factory=dict)                      # url -> {static}
    children: dict[str, list[str]] = field(default_factory=dict)  # post id -> attachment ids
    item: str = ""                                                  # the post being converted


@dataclass
class Expanded:
    html: str
    blocks: list[str]
    unknown: list[str]


def attributes(text: str) -> dict[str, str]:
    found = {}
    for match in ATTR.finditer(text):
        key = match.group(1) or match.group(3)
        found[key.lower()] = match.group(2) if match.group(1) else match.group(4)
    if not found:
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.split()
        found = {w.split("=", 1)[0].lower(): w.split("=", 1)[-1] for w in words if "=" in w}
    return found


def expand(body: str, media: Media) -> Expanded:
    """Drop Gutenberg comments, turn known shortcodes into placeholders + blocks."""
    blocks: list[str] = []
    unknown: list[str] = []

    def replace(match):
        name = match.group("name").lower()
        if name not in KNOWN:
            unknown.append(match.group("name"))
            return match.group(0)
        attrs = attributes(match.group("attrs") or "")
        inner = match.group("body") or ""
        block = RENDER[name](attrs, inner, media)
        blocks.append(block)
        return f"\n\n<p>{PLACEHOLDER.format(len(blocks) - 1)}</p>\n\n"

    text = GUTENBERG_COMMENT.sub("", body)
    text = SHORTCODE.sub(replace, text)
    return Expanded(text, blocks, unknown)


def media_markup(url: str, alt: str, media: Media) -> str:
    """An image from our site (downloaded) or, from another host, a plain link to it: the
    build refuses images that load from other sites."""
    local = media.local.get(url)
    if local:
        return f'<img src="{html.escape(local)}" alt="{html.escape(alt)}">'
    return f'<a href="{html.escape(url)}">{html.escape(alt or "Image")}</a>'


def caption(attrs: dict, inner: str, media: Media) -> str:
    """[caption]<a><img></a> Text[/caption]: the picture, and the text (without markup) as
    its caption, read from the inner HTML as lxml parses it."""
    fragment = parse_fragment(inner)
    image = next(fragment.iter("img"), None)
    text = html.unescape(attrs.get("caption") or "") or fragment.text_content().strip()
    picture = media_markup(image.get("src", ""), image.get("alt", ""), media) \
        if image is not None else ""
    return (f"<figure>\n{picture}\n<figcaption>{html.escape(text)}"
            "</figcaption>\n</figure>")


def _ids(attrs: dict, media: Media) -> list[str]:
    """The ids named, or (as WordPress does) the files attached to the post."""
    named = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
    return named or media.children.get(media.item, [])


def gallery(attrs: dict, inner: str, media: Media) -> str:
    pictures = [media_markup(*media.attachments[i], media) for i in _ids(attrs, media)
                if i in media.attachments]
    if not pictures:
        return ""
    return '<figure class="gallery">\n' + "\n".join(pictures) + "\n</figure>"


def _source(attrs: dict, inner: str) -> str:
    for key in ("src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "m4v", "ogv", "flv"):
        if attrs.get(key):
            return attrs[key]
    return inner.strip()


def _player(kind: str, url: str, media: Media) -> str:
    local = media.local.get(url)
    if local:
        return f'<{kind} controls preload="none" src="{html.escape(local)}"></{kind}>'
    name = url.rsplit("/", 1)[-1] or url
    label = "Listen" if kind == "audio" else "Watch"
    return f'<p><a href="{html.escape(url)}">{label}: {html.escape(name)}</a></p>'


def audio(attrs: dict, inner: str, media: Media) -> str:
    return _player("audio", _source(attrs, inner), media)


def video(attrs: dict, inner: str, media: Media) -> str:
    url = _source(attrs, inner)
    if "youtu" in url or "vimeo.com" in url:
        return embed(attrs, url, media)
    return _player("video", url, media)


def embed(attrs: dict, inner: str, media: Media) -> str:
    """A link alone in its paragraph: the theme turns YouTube and Vimeo ones into a
    click-to-load player and leaves others as a link."""
    url = inner.strip() or attrs.get("src", "")
    return f"[{url}]({url})"


def playlist(attrs: dict, inner: str, media: Media) -> str:
    kind = "video" if attrs.get("type") == "video" else "audio"
    players = [_player(kind, media.attachments[i][0], media) for i in _ids(attrs, media)
               if i in media.attachments]
    return "\n".join(players)


RENDER = {"caption": caption, "wp_caption": caption, "gallery": gallery, "audio": audio,
          "video": video, "embed": embed, "playlist": playlist}
