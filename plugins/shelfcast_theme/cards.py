"""Card pictures: a post's lead image as small WebP and JPEG copies with srcset.

A listing shows ten cards; sending each reader the full-size photo ten times would break the
page-weight budget on a phone, so each card gets copies at the widths a card is shown at.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from shelfcast_sitekit import resized
from shelfcast_sitekit.boundaries import inside
from shelfcast_sitekit.pagecache import note_effect
from shelfcast_sitekit.urls import url_path

CARD_WIDTHS = (400, 800)
CARD_FORMATS = ("webp", "jpeg")
# A card is the full width of a phone, or one column of the grid (about 22rem) on wider screens.
CARD_SIZES = "(min-width: 48rem) 22rem, 100vw"
CARD_FOLDER = "card"


def card_files(image: str, size: tuple[int, int]) -> list[resized.CoverFile]:
    """The copies one lead image needs, under card/<its path without extension>."""
    stem = f"{CARD_FOLDER}/{os.path.splitext(image.lstrip('/'))[0]}"
    return resized.plan(stem, size, CARD_WIDTHS, CARD_FORMATS)


def is_content_path(image: str) -> bool:
    """A relative path that stays below content/ (its card copies then stay below card/)."""
    relative = os.path.normpath(image)
    return not os.path.isabs(relative) and relative != ".." and not relative.startswith(
        ".." + os.sep)


def picture_html(site_url: str, files: list[resized.CoverFile], alt: str, lazy: bool) -> Markup:
    """<picture> with a WebP source and a JPEG fallback, sized so the page does not jump."""
    def srcset(fmt):
        return ", ".join(f"{site_url}/{url_path(f.path)} {f.width}w" for f in files
                         if f.format == fmt)
    largest = max((f for f in files if f.format == "jpeg"), key=lambda f: f.width)
    loading = ' loading="lazy"' if lazy else ""
    return Markup(
        '<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        '<img class="card-image" src="{src}" srcset="{jpeg}" sizes="{sizes}" width="{w}" '
        'height="{h}" alt="{alt}"{loading} decoding="async"></picture>').format(
        webp=srcset("webp"), jpeg=srcset("jpeg"), sizes=CARD_SIZES,
        src=f"{site_url}/{url_path(largest.path)}", w=largest.width, h=largest.height, alt=alt,
        loading=Markup(loading))


REPLAY = "card pictures"


@dataclass
class CardPictures:
    """The card copies one build needs; written into output/ when the build finishes."""

    content_root: str
    prints: object = None  # the build's FilePrints: a picture is decoded once, not per page
    wanted: dict = field(default_factory=dict)

    def files_for(self, image: str, context=None) -> list[resized.CoverFile] | None:
        """The copies of image (a path under content/), or None when it is not one there.

        Also called with what a page cache entry recorded, which is as untrusted as content
        (then without a template context)."""
        source = os.path.join(self.content_root, image)
        if not is_content_path(image) or not inside(source, self.content_root):
            return None
        size = resized.probe_kept(source, self.prints)
        if not isinstance(size, tuple):
            return None
        files = card_files(image, size)
        self.wanted[source] = files
        # A page the next build takes unrendered from this one asks for its pictures again.
        note_effect(context, REPLAY, image)
        return files

    def sitekit_fingerprint(self) -> str:
        """Which pictures pages ask for is recorded per page (note_effect), not here."""
        return self.content_root

    def write(self, output_path: str, cache_dir: str, prints, quality: int = 80) -> None:
        resized.write_all(sorted(self.wanted.items()), output_path, cache_dir, quality, prints)


def fallback_img(site_url: str, image: str, alt: str) -> Markup:
    return Markup('<img class="card-image" src="{}/{}" alt="{}" loading="lazy">').format(
        site_url, url_path(image), escape(alt))
