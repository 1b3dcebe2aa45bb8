"""Give every local image in a post its width and height and lazy loading.

Width and height stop the page jumping while images arrive; `loading="lazy"` saves data on
phones. Sizes are read from the image file's header with Pillow.
"""

from __future__ import annotations

import os
import re

from PIL import Image, UnidentifiedImageError

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
STATIC_SRC = re.compile(r'\bsrc=(["\'])\{static\}/?([^"\']+)\1')


def image_size(path: str) -> tuple[int, int] | None:
    """(width, height) of an image file; None when it is missing or not an image."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def size_images(body: str, content_root: str) -> str:
    """Add width, height, loading=lazy and decoding=async to local <img> tags lacking them."""

    def complete(match):
        tag = match.group(0)
        source = STATIC_SRC.search(tag)
        additions = []
        if source and " width=" not in tag:
            size = image_size(os.path.join(content_root, source.group(2)))
            if size:
                additions.append(f'width="{size[0]}" height="{size[1]}"')
        if " loading=" not in tag:
            additions.append('loading="lazy" decoding="async"')
        if not additions:
            return tag
        closing = "/>" if tag.endswith("/>") else ">"
        return f"{tag[:-len(closing)].rstrip()} {' '.join(additions)}{closing}"

    return IMG_TAG.sub(complete, body)
