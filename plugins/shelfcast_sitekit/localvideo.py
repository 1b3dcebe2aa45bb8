"""Self-hosted video: a `video:` path to an MP4/WebM under content/ instead of a YouTube/Vimeo
address. Captions (.vtt) are required unless `captions: none: <why>` says why not; the poster is
`video_poster:`, a picture named like the video, or a frame taken with ffmpeg when it is there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from . import mediatypes
from .fields import locate_file
from .filechecks import is_file
from .fileprints import bytes_digest
from .limits import DEFAULTS
from .problems import WARNING, ContentProblem
from .resized import is_cached_picture
from .reuse import publish_file

VIDEO_EXTENSIONS = tuple("." + extension for extension in mediatypes.VIDEO_EXTENSIONS)
POSTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class LocalVideo:
    """Paths relative to content/ (and so to output/): the video, its captions and poster."""

    path: str
    mime_type: str
    captions: str | None
    no_captions_reason: str | None
    poster: str | None
    poster_source: str | None  # where the poster comes from, when it is not under content/


def is_local(value) -> bool:
    """A path, not a web address: the theme's YouTube/Vimeo players handle addresses."""
    return isinstance(value, str) and "://" not in value and not value.startswith(
        ("www.", "youtu", "vimeo"))


def read_local_video(meta: dict, lines: dict, shown: str, source: str, content_root: str,
                     cache_dir: str, max_bytes: int = DEFAULTS["max_video_bytes"],
                     prints=None) -> tuple[LocalVideo | None, list[ContentProblem]]:
    """Check a post's `video:`, `captions:` and `video_poster:` fields; find or make a poster.

    `max_bytes` is SITEKIT["max_video_bytes"]: a larger video is refused from its size.
    `prints`: the build's FilePrints (shelfcast_sitekit.fileprints), which tells a poster taken
    from the video by the video's bytes without reading them on every build.
    """
    problems = []

    def problem(name, message, severity="error"):
        problems.append(ContentProblem(shown, lines.get(name), name, message, severity))

    path, outside = locate_file(meta["video"], source, content_root)
    extension = os.path.splitext(str(meta["video"]))[1].lower()
    if outside:
        problem("video", f"{meta['video']!r} {outside}")
        return None, problems
    if path is None:
        problem("video", f"{meta['video']!r} does not exist; put the video next to the post or "
                "under content/ and write its path, or paste a YouTube or Vimeo address")
        return None, problems
    if extension not in VIDEO_EXTENSIONS:
        problem("video", f"{meta['video']!r} is not an MP4 or WebM video; export it as MP4 "
                "(H.264) so that every browser can play it")
        return None, problems
    size = os.path.getsize(os.path.join(content_root, path))
    if size > max_bytes:
        problem("video", f"{path} is {size / 1e6:,.0f} MB, more than the {max_bytes / 1e6:,.0f} MB "
                "a video may be; export it smaller (720p H.264 is about 5 MB a minute), or "
                "raise SITEKIT[\"max_video_bytes\"] in pelicanconf.py")
        return None, problems
    captions, reason = _captions(meta, path, source, content_root, problem)
    poster, poster_source = _poster(meta, path, source, content_root, cache_dir, problem,
                                    prints)
    if any(p.severity != WARNING for p in problems):
        return None, problems
    return LocalVideo(path, mediatypes.media_type(extension), captions, reason, poster,
                      poster_source), problems


def _captions(meta, video, source, content_root, problem):
    value = meta.get("captions")
    if isinstance(value, str) and value.strip().lower().startswith("none"):
        reason = value.strip()[4:].lstrip(" :–—-").strip()
        if not reason:
            problem("captions", "says none but not why; write e.g. captions: none: music "
                    "only, nobody speaks")
        return None, reason or None
    if value is None:
        guess = os.path.splitext(video)[0] + ".vtt"
        if is_file(os.path.join(content_root, guess)):
            return guess, None
        problem("captions", f"the video {video} has no captions; add a WebVTT file (.vtt) and "
                "a line 'captions: file.vtt', or 'captions: none: <why>' if nobody speaks")
        return None, None
    found, outside = locate_file(str(value), source, content_root)
    if outside:
        problem("captions", f"{value!r} {outside}")
        return None, None
    if found is None or not found.lower().endswith(".vtt"):
        problem("captions", f"{value!r} is not a .vtt file next to the post or under content/")
        return None, None
    with open(os.path.join(content_root, found), "rb") as handle:
        if not handle.read(16).lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
            problem("captions", f"{found} is not WebVTT (it must start with WEBVTT); save the "
                    "captions as .vtt")
    return found, None


def _poster(meta, video, source, content_root, cache_dir, problem, prints):
    if meta.get("video_poster"):
        found, outside = locate_file(str(meta["video_poster"]), source, content_root)
        if found is None:
            problem("video_poster", f"{meta['video_poster']!r} {outside or 'does not exist'}")
        return found, None
    stem = os.path.splitext(video)[0]
    for extension in POSTER_EXTENSIONS:
        if is_file(os.path.join(content_root, stem + extension)):
            return stem + extension, None
    extracted = extract_poster(os.path.join(content_root, video), cache_dir, prints)
    if extracted is None:
        problem("video_poster", "no poster picture: add one named like the video (e.g. "
                f"{os.path.basename(stem)}.jpg), or install ffmpeg to take one from the video",
                WARNING)
        return None, None
    return stem + ".poster.jpg", extracted


def extract_poster(video: str, cache_dir: str, prints=None) -> str | None:
    """A JPEG of the frame one second in (or the first), cached by the video's bytes (their
    digest from `prints`, or read here)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    digest = (prints.of(video) if prints is not None else bytes_digest(video)).hex()
    target = os.path.join(cache_dir, f"{digest}.jpg")
    if is_cached_picture(target, "JPEG"):
        return target
    os.makedirs(cache_dir, exist_ok=True)
    for seek in ("1", "0"):
        done = subprocess.run([ffmpeg, "-v", "error", "-y", "-ss", seek, "-i", video,
                               "-frames:v", "1", "-q:v", "4", "-map_metadata", "-1",
                               target + ".part.jpg"], capture_output=True, check=False,
                              timeout=120)
        if done.returncode == 0 and os.path.getsize(target + ".part.jpg") > 0:
            os.replace(target + ".part.jpg", target)
            return target
    return None


def publish_video(video: LocalVideo, content_root: str, output: str,
                  previous: str | None, prints) -> None:
    """Video, captions and poster into output/ at their content paths; an unchanged video is a
    hard link to the previous build's copy (never rewritten, like podcast audio); `prints`:
    the build's FilePrints."""
    for relative in (video.path, video.captions, video.poster):
        if relative is None:
            continue
        source = os.path.join(content_root, relative)
        if relative == video.poster and video.poster_source:
            source = video.poster_source
        publish_file(source, os.path.join(output, relative),
                     os.path.join(previous, relative) if previous else None, prints)
