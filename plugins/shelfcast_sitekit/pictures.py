"""What a picture may cost to read and what a published one may carry.

Two rules for every image the build touches, whatever folder it comes from:
- its pixel count is checked from the file's header before anything decodes it: a 500 KB PNG
  can declare 13,000 x 13,000 pixels, which takes gigabytes to decode;
- a copy in output/ carries no personal metadata: GPS position, time, camera, serial number
  and owner (EXIF, XMP, IPTC, comments, PNG text chunks) are removed without re-encoding;
  orientation and colour profile stay. The original under content/ is never touched.
"""

from __future__ import annotations

import io
import itertools
import os
import struct
import warnings
import zlib

from PIL import Image, UnidentifiedImageError

from .problems import ContentProblem

ORIENTATION = 0x0112
SETTING_HINT = "SITEKIT[\"max_image_pixels\"]"
JPEG_EXTENSIONS = (".jpg", ".jpeg")


def limit_decoding(max_pixels: int) -> None:
    """Set the one pixel limit of this build (SITEKIT["max_image_pixels"]).

    It lives where Pillow keeps it, so that code which decodes an image without asking
    `pixel_problem` first is stopped too (Pillow refuses twice the limit); each build sets it
    again from its own settings.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels


def pixel_problem(path: str) -> str | None:
    """Why the image at `path` is too large to decode, judged from its header alone."""
    limit = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Between the limit and twice it Pillow only warns; the size below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return too_many_pixels(limit)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None  # not an image at all: the callers say so in their own words
    return too_many_pixels(limit, (width, height)) if width * height > limit else None


def too_many_pixels(limit: int, size: tuple[int, int] | None = None) -> str:
    """The message; `size` is None when Pillow refused the header (over twice the limit)."""
    shown = f"is {size[0]:,} x {size[1]:,} pixels" if size else \
        f"has more than {2 * limit / 1e6:g} million pixels"
    return (f"{shown}, more than the {limit / 1e6:g} million pixels a picture may have; "
            f"export it smaller (3000 pixels wide is plenty), or raise {SETTING_HINT} in "
            "pelicanconf.py")


# What stripping a damaged or refused picture raises (strip_metadata, published_bytes).
STRIP_ERRORS = (OSError, ValueError, SyntaxError, struct.error)


def strip_published_pictures(output: str) -> list[ContentProblem]:
    """Remove personal metadata from every JPEG, PNG and WebP under output/; refuse an AVIF
    or GIF that carries any."""
    problems = []
    for folder, _dirs, files in os.walk(output):
        for name in sorted(files):
            path = os.path.join(folder, name)
            # The name first: asking the disk about each of a large site's 16,000 files
            # (pages, audio, the search index) cost 0.3 s of a warm build (issue 26).
            if not is_stripped(name) or os.path.islink(path):
                continue
            try:
                strip_metadata(path)
            except STRIP_ERRORS as err:
                problems.append(ContentProblem(os.path.relpath(path, output), None, None,
                    f"its metadata could not be removed ({err}); export the picture again "
                    "as JPEG or PNG (without location data)"))
    return problems


def is_stripped(name: str) -> bool:
    """Whether a published file of this name is a picture the build checks for metadata."""
    return os.path.splitext(name)[1].lower() in _STRIPPERS


def published_bytes(name: str, data: bytes) -> bytes:
    """The picture `name` (its bytes) as the build leaves it in output/: without personal
    metadata (data itself when it has none, or is no picture); raises what strip_metadata
    does (an AVIF or GIF that carries any, a damaged file)."""
    stripper = _STRIPPERS.get(os.path.splitext(name)[1].lower())
    parts = stripper(io.BytesIO(data)) if stripper is not None else None
    return data if parts is None else b"".join(parts)


def strip_metadata(path: str) -> bool:
    """Rewrite the file without personal metadata; False (untouched) when it has none."""
    stripper = _STRIPPERS.get(os.path.splitext(path)[1].lower())
    if stripper is None:
        return False
    with open(path, "rb") as source:
        parts = stripper(source)
        if parts is None:
            return False
        partial = path + ".stripping"
        try:
            with open(partial, "wb") as target:
                for part in parts:
                    target.write(part)
        except BaseException:
            os.remove(partial)  # a damaged picture leaves no half-written copy behind
            raise
    # A new file, never a write into the old one: it may be a hard link to another copy.
    os.replace(partial, path)
    return True


def minimal_exif(orientation: int) -> bytes:
    """EXIF (with its 'Exif\\0\\0' header) holding the orientation alone; b'' for upright."""
    if orientation in (None, 1):
        return b""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()


def orientation_of(exif_data: bytes) -> int:
    exif = Image.Exif()
    try:
        exif.load(exif_data)
    except (SyntaxError, ValueError, struct.error, OSError):
        return 1
    value = exif.get(ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# --- JPEG: keep JFIF (APP0), ICC profile (APP2) and Adobe colour (APP14); rebuild EXIF -----

JPEG_KEPT_APPS = {0xE0: (b"",), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}
START_OF_SCAN, END_OF_IMAGE = 0xDA, 0xD9


def _jpeg(source):
    """The stripped file as parts to write, or None when nothing needs removing."""
    if source.read(2) != b"\xff\xd8":
        return None
    kept, orientation, exif, changed = [], 1, b"", False
    while True:
        marker, segment = _jpeg_segment(source)
        if marker in (START_OF_SCAN, END_OF_IMAGE):
            break
        body = segment[4:]
        if marker == 0xE1 and body.startswith(b"Exif\0\0"):
            exif, orientation = body, orientation_of(body)
        elif _personal_segment(marker, body):
            changed = True
        else:
            kept.append(segment)
    wanted = minimal_exif(orientation)
    if not changed and exif == wanted:
        return None
    if wanted:
        at = next((i for i, s in enumerate(kept) if s[1] != 0xE0), len(kept))
        kept.insert(at, b"\xff\xe1" + struct.pack(">H", len(wanted) + 2) + wanted)
    return itertools.chain([b"\xff\xd8", *kept, segment], _until_end_of_image(source))


def _personal_segment(marker: int, body: bytes) -> bool:
    """Comments and every APPn segment but JFIF, the ICC profile and Adobe's colour flags
    (XMP, IPTC, a phone maker's notes, the index of a second picture appended to the file)."""
    if marker == 0xFE:
        return True
    if not 0xE0 <= marker <= 0xEF:
        return False
    kept = JPEG_KEPT_APPS.get(marker)
    return kept is None or not body.startswith(kept)


def _jpeg_segment(source) -> tuple[int, bytes]:
    head = source.read(2)
    while len(head) == 2 and head[0] == 0xFF and head[1] == 0xFF:  # fill bytes
        head = head[1:] + source.read(1)
    if len(head) < 2 or head[0] != 0xFF:
        raise ValueError("not a well-formed JPEG")
    if head[1] == END_OF_IMAGE or 0xD0 <= head[1] <= 0xD7 or head[1] == 0x01:
        return head[1], head
    size = source.read(2)
    length = struct.unpack(">H", size)[0]
    return head[1], head + size + source.read(length - 2)


def _until_end_of_image(source, chunk: int = 1 << 20):
    """The compressed image up to its end marker; what follows (a second picture appended by
    the phone, with EXIF of its own) is dropped."""
    carry = b""
    while data := source.read(chunk):
        data = carry + data
        end = data.find(b"\xff\xd9")
        if end >= 0:
            yield data[:end + 2]
            return
        yield data[:-1]
        carry = data[-1:]
    yield carry


# --- PNG: drop text, time and EXIF chunks (a minimal eXIf keeps the orientation) -----------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED = {b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"}


def _png(source):
    if source.read(8) != PNG_SIGNATURE:
        return None
    chunks = list(_png_chunks(source))
    exifs = [source_read(source, at, size) for kind, at, size in chunks if kind == b"eXIf"]
    wanted = minimal_exif(orientation_of(exifs[0]) if exifs else 1)[6:]
    dropped = [kind for kind, _at, _size in chunks if kind in PNG_DROPPED - {b"eXIf"}]
    if not dropped and exifs == ([wanted] if wanted else []):
        return None
    return _png_parts(source, chunks, wanted)


def _png_chunks(source):
    """(type, offset of the data, size) of every chunk, read from their headers alone."""
    while len(head := source.read(8)) == 8:
        size, kind = struct.unpack(">I4s", head)
        yield kind, source.tell(), size
        source.seek(size + 4, os.SEEK_CUR)
        if kind == b"IEND":
            return


def source_read(source, at: int, size: int) -> bytes:
    source.seek(at)
    return source.read(size)


def _png_parts(source, chunks, wanted: bytes):
    yield PNG_SIGNATURE
    for kind, at, size in chunks:
        if kind in PNG_DROPPED:
            continue
        if kind == b"IDAT" and wanted:
            yield _png_chunk(b"eXIf", wanted)
            wanted = b""
        source.seek(at - 8)
        yield from _copy(source, size + 12)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _copy(source, size: int, chunk: int = 1 << 20):
    while size > 0:
        data = source.read(min(size, chunk))
        if not data:
            raise ValueError("the file ends in the middle of a chunk")
        size -= len(data)
        yield data


# --- WebP: drop XMP and EXIF chunks (a minimal EXIF keeps the orientation) ----------------

WEBP_DROPPED = {b"EXIF", b"XMP "}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp(source):
    head = source.read(12)
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunks = list(_riff_chunks(source))
    exifs = [source_read(source, at, size) for kind, at, size in chunks if kind == b"EXIF"]
    extended = any(kind == b"VP8X" for kind, _at, _size in chunks)
    wanted = minimal_exif(orientation_of(exifs[0]) if exifs else 1)[6:] if extended else b""
    if all(kind != b"XMP " for kind, _at, _size in chunks) and \
            exifs == ([wanted] if wanted else []):
        return None
    kept = [(kind, at, size) for kind, at, size in chunks if kind not in WEBP_DROPPED]
    added = _riff_chunk(b"EXIF", wanted) if wanted else b""
    total = 4 + sum(8 + size + (size & 1) for _kind, _at, size in kept) + len(added)
    return itertools.chain([b"RIFF", struct.pack("<I", total), b"WEBP"],
                           _riff_parts(source, kept, bool(wanted)), [added])


def _riff_chunks(source):
    while len(head := source.read(8)) == 8:
        kind, size = struct.unpack("<4sI", head)
        yield kind, source.tell(), size
        source.seek(size + (size & 1), os.SEEK_CUR)


def _riff_chunk(kind: bytes, data: bytes) -> bytes:
    return kind + struct.pack("<I", len(data)) + data + b"\0" * (len(data) & 1)


def _riff_parts(source, kept, with_exif: bool):
    for kind, at, size in kept:
        source.seek(at - 8)
        if kind == b"VP8X":
            header = bytearray(source.read(8 + size + (size & 1)))
            header[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
            header[8] |= VP8X_EXIF if with_exif else 0
            yield bytes(header)
        else:
            yield from _copy(source, 8 + size + (size & 1))


# --- AVIF and GIF: metadata is refused, not removed (that would mean encoding again) ------


def _refuse_metadata(source):
    """None for a picture without EXIF (beyond the orientation), XMP or comments; otherwise
    a ValueError, which stops the build with the picture named."""
    with Image.open(source) as image:
        exif = image.getexif()
        personal = [k for k in ("xmp", "comment") if image.info.get(k)]
        personal += ["EXIF"] if set(exif) - {ORIENTATION} else []
    if personal:
        raise ValueError(f"it carries {' and '.join(personal)}, which the build removes only "
                         "from JPEG, PNG and WebP")
    return None


_STRIPPERS = {".jpg": _jpeg, ".jpeg": _jpeg, ".png": _png, ".webp": _webp,
              ".avif": _refuse_metadata, ".gif": _refuse_metadata}
