"""Album covers: check the librarian's file, write page-sized copies, reuse them next build.

The original (often a large scan) is never linked from a page; each cover becomes one file
per width and format. Encoding is the slow part of a build, so each derivative is cached
under a key made of the source's path, size and mtime and the encoding settings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

EXTENSIONS = {"jpeg": "jpg", "webp": "webp"}
MIME_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class CoverFile:
    """One derivative: where it goes in output/, its format and pixel size."""

    path: str
    format: str
    width: int
    height: int

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


def probe(path: str) -> tuple[int, int] | str:
    """The image's (width, height), or why it cannot be a cover (plain words)."""
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            return ImageOps.exif_transpose(image).size
    except (UnidentifiedImageError, Image.DecompressionBombError):
        return "is not an image Shelfcast can read; save the cover as JPEG, PNG or WebP"
    except (OSError, SyntaxError, ValueError):
        return "is a damaged image file; export the cover again as JPEG or PNG"


def plan(stem: str, size: tuple[int, int], widths, formats) -> list[CoverFile]:
    """The derivatives of one cover; never wider than the original (no blurry upscaling)."""
    files = []
    for width in sorted(set(min(w, size[0]) for w in widths), reverse=True):
        height = max(1, round(size[1] * width / size[0]))
        for fmt in formats:
            files.append(CoverFile(f"{stem}-{width}.{EXTENSIONS[fmt]}", fmt, width, height))
    return files


def cache_key(source: str, cover: CoverFile, quality: int) -> str:
    facts = os.stat(source)
    raw = "|".join(map(str, (os.path.abspath(source), facts.st_size, facts.st_mtime_ns,
                             cover.format, cover.width, cover.height, quality)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32] + "." + EXTENSIONS[cover.format]


def write(source: str, cover: CoverFile, output_path: str, cache_dir: str,
          quality: int) -> bool:
    """Put one derivative into output/; return True when it had to be encoded (no cache)."""
    os.makedirs(cache_dir, exist_ok=True)
    cached = os.path.join(cache_dir, cache_key(source, cover, quality))
    encoded = not os.path.isfile(cached)
    if encoded:
        _encode(source, cover, cached, quality)
    target = os.path.join(output_path, cover.path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(cached, target)
    return encoded


def _encode(source: str, cover: CoverFile, target: str, quality: int) -> None:
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA") if image.mode in ("P", "LA", "PA") else image
        if image.mode == "RGBA":
            # Flatten transparency onto white: JPEG has none, and a page background is light.
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image = image.convert("RGB").resize((cover.width, cover.height), Image.LANCZOS)
    partial = target + ".part"
    options = {"quality": quality}
    if cover.format == "jpeg":
        options.update(optimize=True, progressive=True)
    else:
        options.update(method=4)
    image.save(partial, format=cover.format.upper(), **options)
    os.replace(partial, target)
