"""A WordPress post body (HTML with shortcodes) -> clean Markdown, with markdownify.

markdownify is a maintained HTML -> Markdown converter (headings, lists, tables, blockquotes,
images with alt text, links); we only add WordPress's paragraph rule and our image policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdownify import MarkdownConverter
from shelfcast_sitekit.boundaries import IMAGE_EXTENSIONS
from shelfcast_sitekit.htmlfragments import parse_fragment

from .shortcodes import PLACEHOLDER, Media, expand

BLOCK_START = re.compile(r"^\s*<(?:p|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|"
                         r"div|figure|hr|dl|dt|dd|address|section|iframe|form|details)\b",
                         re.IGNORECASE)
# What media_markup links to instead of showing (another host's picture).
LINKED_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
PLACEHOLDER_LINE = re.compile(r"^" + PLACEHOLDER.format(r"(\d+)") + r"$", re.MULTILINE)


@dataclass
class Converted:
    markdown: str
    unknown_shortcodes: list[str]
    foreign_images: list[str]


class _Converter(MarkdownConverter):
    """Images we have a copy of point at it; others become plain links to where they are."""

    def __init__(self, media: Media, foreign: list[str], **options):
        super().__init__(**options)
        self.media, self.foreign = media, foreign

    def convert_img(self, el, text, parent_tags):
        src, alt = el.get("src", ""), el.get("alt", "") or ""
        # A download the build would not take as an image (x.pth, x.php) stays a link.
        if self.media.local.get(src, "").lower().endswith(IMAGE_EXTENSIONS):
            el["src"] = self.media.local[src]
            return super().convert_img(el, text, parent_tags)
        if not src:
            return ""
        self.foreign.append(src)
        label = alt.strip() or src.rsplit("/", 1)[-1]
        return f"[Image: {label}]({src})" if "_inline" not in parent_tags else label


    def _player(self, el, kind: str) -> str:
        source = el.find("source")
        src = el.get("src") or (source.get("src") if source else "") or ""
        if not src:
            return ""
        label = "Listen" if kind == "audio" else "Watch"
        local = self.media.local.get(src)
        if local:
            return f'\n\n<{kind} controls preload="none" src="{local}"></{kind}>\n\n'
        return f"\n\n[{label}: {src.rsplit('/', 1)[-1]}]({src})\n\n"

    def convert_video(self, el, text, parent_tags):
        return self._player(el, "video")

    def convert_audio(self, el, text, parent_tags):
        return self._player(el, "audio")

    def convert_iframe(self, el, text, parent_tags):
        """An embedded player becomes its link, alone in a paragraph (click-to-load)."""
        src = el.get("src", "")
        return f"\n\n[{src}]({src})\n\n" if src else ""


def autop(text: str) -> str:
    """WordPress's paragraph rule (wpautop): a blank line separates paragraphs, a single line
    break inside one is a <br>; block elements are left alone."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(out)


def linked_images(block: str) -> list[str]:
    """Images a block links to rather than shows (media_markup's link for another host's
    picture), read with an HTML parser."""
    return [href for a in parse_fragment(block).iter("a")
            if (href := a.get("href", "")).lower().endswith(LINKED_IMAGE_EXTENSIONS)]


def to_markdown(body: str, media: Media) -> Converted:
    expanded = expand(body, media)
    foreign: list[str] = []
    converter = _Converter(media, foreign, heading_style="ATX", bullets="-",
                           escape_underscores=False, escape_asterisks=True)
    text = converter.convert(autop(expanded.html))
    text = PLACEHOLDER_LINE.sub(lambda m: expanded.blocks[int(m.group(1))], text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    foreign += [link for block in expanded.blocks for link in linked_images(block)]
    return Converted(text, expanded.unknown, foreign)
