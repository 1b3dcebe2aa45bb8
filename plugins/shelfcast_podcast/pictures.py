"""Pictures embedded in audio files (the cover, chapter images), described as plain data.

An episode without `image:` uses its audio file's cover when the cover would pass as podcast
artwork (Apple's rules: JPEG or PNG, RGB, square, 1400 to 3000 pixels a side). Facts keep only
a description (kind, size, digest); the bytes are taken from the file again when the build
writes them out, so the facts cache stays small.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

# What the first bytes of a picture say it is -> (kind, file extension).
SIGNATURES = ((b"\xff\xd8\xff", ("jpeg", ".jpg")), (b"\x89PNG\r\n\x1a\n", ("png", ".png")))
KINDS = {found for _magic, found in SIGNATURES} | {("", "")}
MAX_SIDE = 1 << 20  # pixels; Pillow refuses far smaller pictures as decompression bombs
SHA256 = re.compile(r"[0-9a-f]{64}")
DECLARED = {"image/jpeg": "jpeg", "image/jpg": "jpeg", "image/png": "png"}
ARTWORK_SIDES = (1400, 3000)
MODES = {"L": "greyscale", "LA": "greyscale with transparency", "1": "black and white",
         "P": "palette colour", "RGBA": "RGB with transparency", "CMYK": "CMYK colour"}


@dataclass(frozen=True)
class Picture:
    kind: str               # "jpeg" or "png"; "" when the bytes are neither
    extension: str          # ".jpg", ".png", ""
    width: int
    height: int
    sha256: str
    problem: str | None     # why it is no podcast artwork; None when it is

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict | None) -> Picture | None:
        """A description read back from the cache, checked (ValueError when it is off)."""
        if data is None:
            return None
        found = (data["kind"], data["extension"])
        width, height, digest, problem = (data[k] for k in ("width", "height", "sha256",
                                                            "problem"))
        if found not in KINDS or not all(type(n) is int and 0 <= n <= MAX_SIDE
                                         for n in (width, height)) \
                or not (type(digest) is str and SHA256.fullmatch(digest)) \
                or not (problem is None or type(problem) is str):
            raise ValueError("not a picture description")
        return cls(*found, width, height, digest, problem)


def signature(data: bytes) -> tuple[str, str]:
    for magic, found in SIGNATURES:
        if data.startswith(magic):
            return found
    return "", ""


def describe(data: bytes, declared: str | None) -> Picture:
    """Describe an embedded picture; `declared` is the MIME type its tag gives, if any."""
    kind, extension = signature(data)
    digest = hashlib.sha256(data).hexdigest()
    try:
        with Image.open(io.BytesIO(data)) as image:
            (width, height), mode = image.size, image.mode
    except (UnidentifiedImageError, OSError):
        return Picture(kind, extension, 0, 0, digest, "is not a picture that can be read")
    problem = artwork_problem(kind, declared, width, height, mode)
    return Picture(kind, extension, width, height, digest, problem)


def artwork_problem(kind: str, declared: str | None, width: int, height: int,
                    mode: str) -> str | None:
    """Why a picture cannot be an episode's artwork, or None."""
    low, high = ARTWORK_SIDES
    declared_kind = DECLARED.get((declared or "").lower().strip())
    if not kind:
        return "is neither JPEG nor PNG"
    if declared and declared_kind != kind:
        return f"is a {kind.upper()} picture labelled {declared}"
    if mode != "RGB":
        return f"is {MODES.get(mode, mode + ' colour')}, not RGB; save it as RGB"
    if width != height:
        return f"is {width}x{height} pixels, not square"
    if not low <= width <= high:
        return f"is {width}x{height} pixels, not between {low}x{low} and {high}x{high}"
    return None
