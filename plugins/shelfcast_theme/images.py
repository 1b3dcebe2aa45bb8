"""Give every local image in a post its width and height and lazy loading.

Width and height stop the page jumping while images arrive; `loading="lazy"` saves data on
phones. Sizes are read from the image file's header with Pillow.
"""

from __future__ import annotations

import os

from PIL import Image, UnidentifiedImageError
from shelfcast_sitekit.htmlfragments import inner_html, parse_fragment

STATIC = "{static}"


def image_size(path: str) -> tuple[int, int] | None:
    """(width, height) of an image file; None when it is missing or not an image."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def size_images(body: str, content_root: str) -> str:
    """Add width, height, loading=lazy and decoding=async to local <img> tags lacking them."""
    if "<img" not in body.lower():
        return body        # nothing to edit: the body stays as Markdown wrote it
    wrapper = parse_fragment(body)
    edited = [_complete(img, content_root) for img in wrapper.iter("img")]
    return inner_html(wrapper) if any(edited) else body


def _complete(img, content_root: str) -> bool:
    """Add what the <img> lacks; whether anything was added."""
    source = img.get("src") or ""
    added = False
    if source.startswith(STATIC) and img.get("width") is None:
        size = image_size(os.path.join(content_root, source[len(STATIC):].lstrip("/")))
        if size:
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))
            added = True
    if img.get("loading") is None:
        img.set("loading", "lazy")
        img.set("decoding", "async")
        added = True
    return added
