"""Page-sized copies of images (album covers, post cards), reused from one build to the next.

The original (often a large scan or photo) is never linked from a listing; each image becomes
one file per width and format. Encoding is the slow part of a build, so each derivative is cached
under a key made of the source's path and bytes (their digest: shelfcast_sitekit.fileprints)
and the encoding settings.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from . import cachefile
from .mediatypes import media_type
from .pictures import pixel_problem

EXTENSIONS = {"jpeg": "jpg", "webp": "webp"}
# Threads encoding pictures at once: the cores the process may run on (two on the kit's
# machines), at most four.
THREADS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                     else os.cpu_count() or 1))
CACHED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|webp)")  # what cache_key() names


@dataclass(frozen=True)
class CoverFile:
    """One derivative: where it goes in output/, its format and pixel size."""

    path: str
    format: str
    width: int
    height: int

    @property
    def mime_type(self) -> str:
        return media_type(self.path)


def probe(path: str) -> tuple[int, int] | str:
    """The image's (width, height), or why it cannot be a cover (plain words)."""
    too_large = pixel_problem(path)  # before verify and exif_transpose decode it
    if too_large:
        return too_large
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            return ImageOps.exif_transpose(image).size
    except (UnidentifiedImageError, Image.DecompressionBombError):
        return "is not an image Shelfcast can read; save the cover as JPEG, PNG or WebP"
    except (OSError, SyntaxError, ValueError):
        return "is a damaged image file; export the cover again as JPEG or PNG"


SIZE_FACT = "picture size"  # what probe_kept keeps with a file's print


def probe_kept(path: str, prints=None) -> tuple[int, int] | str:
    """probe(path), kept with the file's print in the build's FilePrints (`prints`,
    shelfcast_sitekit.fileprints): a picture is decoded again only when its bytes change.
    Only a size is kept; a picture refused is probed on every build (and named each time)."""
    if prints is None:
        return probe(path)
    return prints.derived(path, SIZE_FACT, probe, _size_json, _size_from_json)


def _size_json(size) -> list | None:
    return list(size) if isinstance(size, tuple) else None


def _size_from_json(data) -> tuple[int, int] | None:
    if type(data) is list and len(data) == 2 and all(type(n) is int and n > 0 for n in data):
        return data[0], data[1]
    return None  # damaged or planted: the picture is probed again


def probe_all(paths, prints=None) -> dict:
    """{path: probe_kept(path, prints)} for each path, in threads (Pillow lets go of the GIL
    while it decodes: 200 covers took 0.3 s of a warm build in one thread, issue 26)."""
    paths = sorted(set(paths))
    if len(paths) < 2 or THREADS < 2:
        return {path: probe_kept(path, prints) for path in paths}
    with ThreadPoolExecutor(THREADS) as pool:
        return dict(zip(paths, pool.map(lambda path: probe_kept(path, prints), paths),
                        strict=True))


def plan(stem: str, size: tuple[int, int], widths, formats) -> list[CoverFile]:
    """The derivatives of one cover; never wider than the original (no blurry upscaling)."""
    files = []
    for width in sorted(set(min(w, size[0]) for w in widths), reverse=True):
        height = max(1, round(size[1] * width / size[0]))
        for fmt in formats:
            files.append(CoverFile(f"{stem}-{width}.{EXTENSIONS[fmt]}", fmt, width, height))
    return files


def cache_key(source: str, source_print: bytes, cover: CoverFile, quality: int) -> str:
    """The cached copy's name: the source, what it holds (`source_print`, its bytes' digest
    from shelfcast_sitekit.fileprints, so a fresh checkout finds the copies its CI cache
    restored) and how it is made from it. The source's path too: two files with the same
    bytes are done in two threads at once (write_all), each into copies of its own."""
    raw = "|".join(map(str, (os.path.abspath(source), source_print.hex(), cover.format,
                             cover.width, cover.height, quality)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32] + "." + EXTENSIONS[cover.format]


def write_all(jobs, output_path: str, cache_dir: str, quality: int, prints) -> None:
    """write() each (source, files) of jobs, then remove the cached copies none of them used;
    `prints`: the build's FilePrints (shelfcast_sitekit.fileprints.file_prints).

    Both cores (issue 26): Pillow lets go of the GIL while it decodes, resizes and encodes,
    so the sources are done in threads, one thread per source at a time (two covers of one
    file never write the same cache file at once). Each derivative is the same bytes in
    whatever order they are made."""
    jobs = list(jobs)
    by_source: dict[str, list] = {}
    for source, files in jobs:
        by_source.setdefault(source, []).append(files)

    def one_source(source: str) -> list[str]:
        return [path for files in by_source[source]
                for path in write(source, files, output_path, cache_dir, quality, prints)]

    targets = [cover.path for files_of in by_source.values() for files in files_of
               for cover in files]
    used = set()
    # Two sources for one output file: the last in the jobs' order wins, as it always did.
    if len(by_source) < 2 or THREADS < 2 or len(set(targets)) < len(targets):
        for source, files in jobs:
            used.update(write(source, files, output_path, cache_dir, quality, prints))
    else:
        with ThreadPoolExecutor(THREADS) as pool:
            for paths in pool.map(one_source, by_source):
                used.update(paths)
    cachefile.prune(Path(cache_dir), {Path(p) for p in used},
                    ours=lambda name: CACHED_NAME.fullmatch(name) is not None)


def write(source: str, files: list[CoverFile], output_path: str, cache_dir: str,
          quality: int, prints) -> list[str]:
    """Put one cover's derivatives into output/; return the cache files they came from."""
    os.makedirs(cache_dir, exist_ok=True)
    source_print = prints.of(source)
    cached = {cover: os.path.join(cache_dir, cache_key(source, source_print, cover, quality))
              for cover in files}
    missing = [cover for cover in files if not is_cached_picture(
        cached[cover], cover.format.upper(), (cover.width, cover.height))]
    if missing:
        _encode(source, missing, cached, quality)
    for cover in files:
        target = os.path.join(output_path, cover.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        publish_copy(cached[cover], target)
    return list(cached.values())


def publish_copy(cached: str, target: str) -> None:
    """Put the cached derivative at target: a hard link where the file system allows it, else
    a copy (issue 26: copying 200 covers' 800 files from .cache cost every warm build).

    Safe because nothing writes into either file in place: the cache file is only ever
    replaced whole (_encode's os.replace of a .part file) or removed, and target is removed
    first, never opened for writing, so a second cover for the same output path (the last
    one wins) cannot write through the link into the cache's copy."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(cached, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(cached, target)


def is_cached_picture(path: str, fmt: str, size: tuple[int, int] | None = None) -> bool:
    """True when path is a plain file holding a picture of that Pillow format (and size):
    .cache is not trusted, and a link planted there would publish what it points at."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with Image.open(path) as image:
            return image.format == fmt and size in (None, image.size)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return False


def _encode(source: str, files: list[CoverFile], targets: dict, quality: int) -> None:
    """Decode the original once and write each missing derivative to its cache file."""
    largest = max(files, key=lambda cover: cover.width)
    with Image.open(source) as original:
        # A JPEG can decode straight at 1/2, 1/4 or 1/8 size: much faster for big scans.
        original.draft("RGB", (largest.width, largest.height))
        image = _flatten(ImageOps.exif_transpose(original))
    sizes = {}  # one resize per size: the JPEG and the WebP of a width share its pixels
    for cover in files:
        size = (cover.width, cover.height)
        resized = sizes.get(size)
        if resized is None:
            resized = sizes[size] = image.resize(size, Image.LANCZOS, reducing_gap=2.0)
        partial = targets[cover] + ".part"
        options = {"quality": quality}
        if cover.format == "jpeg":
            options.update(optimize=True, progressive=True)
        else:
            options.update(method=3)  # 4-6 shrink files by a few per cent at twice the time
        resized.save(partial, format=cover.format.upper(), **options)
        os.replace(partial, targets[cover])


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a page background is light."""
    if image.mode in ("P", "LA", "PA"):
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")
