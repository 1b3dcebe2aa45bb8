"""Read a gallery folder's gallery.yaml, checking every picture's file and words."""

from __future__ import annotations

import os

import yaml
from shelfcast_sitekit.boundaries import outside_folder
from shelfcast_sitekit.fields import FieldChecker
from shelfcast_sitekit.frontmatter import parse_yaml
from shelfcast_sitekit.limits import DEFAULTS
from shelfcast_sitekit.localvideo import is_local, read_local_video
from shelfcast_sitekit.problems import WARNING, ContentProblem, shorten
from shelfcast_sitekit.resized import probe

from . import declarations
from .model import Gallery, Picture

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
# An entry's fields, from the schema (declarations.py): a picture's, or a video's.
PICTURE_FIELDS = frozenset(f.name for f in declarations.PICTURE_FIELDS)
VIDEO_FIELDS = frozenset(f.name for f in declarations.VIDEO_FIELDS)


def read_gallery(folder: str, shown: str, text: str, content_root: str = "",
                 cache_dir: str = ".cache", max_video_bytes: int = DEFAULTS["max_video_bytes"],
                 prints=None) -> tuple[Gallery | None, list]:
    """shown: gallery.yaml's path as the librarian knows it; content_root, cache_dir,
    max_video_bytes and prints (the build's FilePrints) are for video entries (their files,
    and posters taken from the video)."""
    document, problems = parse_yaml(shown, text)
    if document is None:
        return None, problems
    check = FieldChecker(shown, document)
    gallery = Gallery(os.path.basename(folder), check.text("title", required=True) or "",
                      check.date("date", required=True), check.text("photographer"),
                      check.text("licence"), check.text("description"))
    images = document.meta.get("images")
    if not isinstance(images, list) or not images:
        check.error("images", "missing; list the pictures, each with file, alt and caption")
        return None, check.problems
    lines = _item_lines(text)
    for index, entry in enumerate(images):
        if isinstance(entry, dict) and "video" in entry:
            picture = _video(entry, folder, shown, lines.get(index), gallery, check.problems,
                             (content_root, cache_dir, max_video_bytes, prints))
        else:
            picture = _picture(entry, folder, shown, lines.get(index), gallery, check.problems)
        if picture is not None:
            gallery.pictures.append(picture)
    _unlisted(folder, shown, images, check.problems)
    if any(p.severity != WARNING for p in check.problems):
        return None, check.problems
    return gallery, check.problems


def _item_lines(text: str) -> dict[int, int]:
    """The line of each entry under images:, for messages that point at the right picture."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    for key, value in getattr(root, "value", []):
        if getattr(key, "value", None) == "images" and isinstance(value, yaml.SequenceNode):
            return {i: item.start_mark.line + 1 for i, item in enumerate(value.value)}
    return {}


def _picture(entry, folder, shown, line, gallery, problems) -> Picture | None:
    def error(name, message):
        problems.append(ContentProblem(shown, line, name, message))

    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        error("images", "each picture needs a line 'file: name.jpg' (then alt: and caption:)")
        return None
    name = entry["file"]
    for key in entry:
        if key not in PICTURE_FIELDS:
            error(str(key), f"is not a picture field; use {', '.join(sorted(PICTURE_FIELDS))}")
    words = {key: str(entry[key]).strip() for key in PICTURE_FIELDS - {"file"}
             if isinstance(entry.get(key), (str, int, float)) and str(entry[key]).strip()}
    if "alt" not in words:
        error("alt", f"{name}: no alt text; describe what the picture shows for readers who "
              "cannot see it, e.g. alt: Children reading on the library's red sofa")
    source = os.path.join(folder, name)
    outside = outside_folder(source, folder, "the gallery's folder")
    if outside:
        error("file", f"{shorten(name)} {outside}")
        return None
    size = probe(source) if os.path.isfile(source) else f"{name} is not in the gallery's folder"
    if isinstance(size, str):
        error("file", size if not os.path.isfile(source) else f"{name} {size}")
        return None
    if "alt" not in words:
        return None
    return Picture(name, source, words["alt"], words.get("caption", ""),
                   words.get("photographer", gallery.photographer),
                   words.get("licence", gallery.licence), size)


def _video(entry, folder, shown, line, gallery, problems, roots) -> Picture | None:
    """A self-hosted video entry: video, captions (or none: why), caption, optional poster."""
    content_root, cache_dir, max_bytes, prints = roots
    for key in entry:
        if key not in VIDEO_FIELDS:
            problems.append(ContentProblem(shown, line, str(key), "is not a video field; use "
                                           + ", ".join(sorted(VIDEO_FIELDS))))
    if not is_local(entry["video"]):
        problems.append(ContentProblem(shown, line, "video", "a gallery's video is a file in "
                        "the gallery's folder (MP4 or WebM); put YouTube or Vimeo links in a post"))
        return None
    if not str(entry.get("caption") or "").strip():
        problems.append(ContentProblem(shown, line, "caption", f"{entry['video']}: no caption; "
                        "say in a few words what the video shows"))
        return None
    video, found = read_local_video(entry, dict.fromkeys(VIDEO_FIELDS | set(entry), line), shown,
                                    os.path.join(folder, "gallery.yaml"), content_root,
                                    cache_dir, max_bytes, prints)
    problems.extend(found)
    if video is None:
        return None
    poster = video.poster_source or (os.path.join(content_root, video.poster)
                                     if video.poster else None)
    size = probe(poster) if poster else (0, 0)
    if isinstance(size, str):
        problems.append(ContentProblem(shown, line, "video_poster", f"the poster {size}"))
        return None
    caption = str(entry["caption"]).strip()
    return Picture(video.path, poster, caption, caption,
                   str(entry.get("photographer") or gallery.photographer or "") or None,
                   str(entry.get("licence") or gallery.licence or "") or None, size,
                   video=video)


def _unlisted(folder, shown, images, problems) -> None:
    listed = {entry.get("file") or entry.get("video_poster") for entry in images
              if isinstance(entry, dict)}
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith(IMAGE_EXTENSIONS) and name not in listed:
            problems.append(ContentProblem(shown, None, "images", f"{name} is in the folder but "
                            "not in the list, so it is not published; add it with alt text",
                            WARNING))
