"""What may be published: files inside content/, of the kind the field naming them expects.

Pelican copies whatever a symlink under content/ points to, and whatever a `{static}` link
names (even `{static}/../pelicanconf.py`, written outside the build folder). These checks run
before Pelican copies anything, so a file from elsewhere on the machine, the site's settings
or a draft's Markdown source never reaches output/.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

from .filechecks import head, is_file, real_path
from .pictures import pixel_problem
from .problems import ContentProblem, line_of, shorten

# Pelican's own placeholders that name a file under content/ ({static} and {attach} copy it).
FILE_LINK = re.compile(r"""<(\w+)[^>]*?\b(?:href|src|poster|data|cite|formaction|action|content)"""
                       r"""\s*=\s*(["'])([{|](static|attach|filename)[|}](.*?))\2""")
SOURCE_EXTENSIONS = (".md", ".markdown")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
IMAGE_HINT = "an image is a .jpg, .png, .gif, .webp, .avif or .svg file"


def inside(path: str, folder: str) -> bool:
    """True when the real path (links resolved) of `path` lies in the real `folder`."""
    real, root = real_path(path), real_path(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def outside_folder(target: str, folder: str, name: str = "content/") -> str | None:
    """Why a path field may not name `target`: it lies outside `folder` (an absolute path,
    ../ or a link out). The one check behind every field that names a file to publish."""
    if inside(target, folder):
        return None
    return (f"points outside {name}; only files inside {name} are published: copy the file "
            "into it and write the path from there, without ../ or a leading /")


def outside_links(content_root: str, show=os.path.relpath) -> list[ContentProblem]:
    """Every symlink under content/ that points outside it, or at a folder containing it.

    `show(path)` gives the path as messages name it.
    """
    problems = []
    for folder, dirs, files in os.walk(content_root):  # never follows links into folders
        for name in sorted(dirs + files):
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            target = os.readlink(path)
            if not inside(path, content_root):
                problems.append(ContentProblem(show(path), None, None,
                    f"is a link to {shorten(target, 60)}, outside content/; only files inside "
                    "content/ are published, so copy the file into content/ instead"))
            elif os.path.isdir(path) and inside(folder, path):
                problems.append(ContentProblem(show(path), None, None,
                    f"is a link to {shorten(target, 60)}, a folder that holds the link itself; "
                    "delete the link"))
    return problems


def sources_in_static_folders(content_root: str, static_paths, read_paths,
                               show=os.path.relpath) -> list[ContentProblem]:
    """Markdown files in a folder Pelican copies as it is (images/): their source, drafts
    included, would be published."""
    problems, read = [], {os.path.normpath(p) for p in read_paths}
    for static in static_paths:
        if os.path.normpath(static) in read:
            continue  # Pelican reads these (STATIC_EXCLUDE_SOURCES) and copies no source
        for folder, _dirs, files in os.walk(os.path.join(content_root, static)):
            problems += [ContentProblem(show(os.path.join(folder, name)), None, None,
                         f"is Markdown inside {static}/, which is published as it is; move it "
                         "to posts/ or pages/ (or delete it)")
                         for name in sorted(files) if name.lower().endswith(SOURCE_EXTENSIONS)]
    return problems


def file_link_problems(html: str, source_text: str, shown: str, source_path: str,
                       content_root: str, first_line: int) -> list[ContentProblem]:
    """{static}, {attach} and {filename} links must name a file inside content/.

    {static} and {attach} copy the file into output/, so they may not name a Markdown source,
    and an image shown with one must be an image.
    """
    problems = []
    for match in FILE_LINK.finditer(html):
        tag, link, kind, value = match.group(1).lower(), *match.group(3, 4, 5)
        reason = _file_link_mistake(tag, kind, value, source_path, content_root)
        if reason:
            field = "image" if tag == "img" else "link"
            problems.append(ContentProblem(shown, line_of(link, source_text, first_line),
                                           field, f"{shorten(link, 60)} {reason}"))
    return problems


def _file_link_mistake(tag: str, kind: str, value: str, source_path: str,
                       content_root: str) -> str | None:
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        target = os.path.join(content_root, path.lstrip("/"))
    else:
        source = os.path.join(content_root, source_path)  # source_path may be absolute
        target = os.path.join(os.path.dirname(source), path)
    if not inside(target, content_root):
        return "points outside content/; link only to files inside content/"
    if kind == "filename":
        return None  # Pelican links to the page made from it, or reports it missing
    if not is_file(target):
        return "does not exist; check the spelling of the path"
    if path.lower().endswith(SOURCE_EXTENSIONS):
        return ("would publish a Markdown file's source; link to the page with its path "
                "alone (no {static})")
    return image_problem(target) if tag == "img" else None


def image_problem(path: str) -> str | None:
    """Why the file at `path` is not an image, judged by its name and its first bytes."""
    if not path.lower().endswith(IMAGE_EXTENSIONS):
        return f"is not an image ({IMAGE_HINT})"
    first = head(path)
    if path.lower().endswith(".svg"):
        looks_right = b"<svg" in first.lower() or first.lstrip().startswith(b"<?xml")
    else:
        looks_right = _image_signature(first)
    if not looks_right:
        return "has an image's name but does not hold an image; export it again as an image"
    return pixel_problem(path)


def _image_signature(head: bytes) -> bool:
    return (head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or (head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")))


