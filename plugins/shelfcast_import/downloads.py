"""Fetch the files an import uses (images, audio) into content/images/<year>/ or elsewhere."""

from __future__ import annotations

import posixpath
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

TIMEOUT = 15
MAX_BYTES = 500 * 1024 * 1024
YEAR_IN_PATH = re.compile(r"/(\d{4})/\d{2}/")


@dataclass
class Fetched:
    files: dict[str, bytes] = field(default_factory=dict)   # content-relative path -> bytes
    local: dict[str, str] = field(default_factory=dict)     # url -> {static}/path
    unreachable: list[str] = field(default_factory=list)    # "url: why"


def fetch(url: str) -> bytes:
    """The file at `url`; OSError (urllib's errors are OSErrors) when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": "Shelfcast importer"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) only)
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES // 2**20} MB")
    return data


def fetch_images(urls: list[str], default_year: str) -> Fetched:
    fetched = Fetched()
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        year = YEAR_IN_PATH.search(urlsplit(url).path)
        folder = f"images/{year.group(1) if year else default_year}"
        name = _free_name(folder, unquote(posixpath.basename(urlsplit(url).path)) or "file",
                          fetched.files)
        try:
            fetched.files[f"{folder}/{name}"] = fetch(url)
        except (OSError, ValueError) as error:
            fetched.unreachable.append(f"{url}: {getattr(error, 'reason', error)}")
            continue
        fetched.local[url] = f"{{static}}/{folder}/{name}"
    return fetched


def _free_name(folder: str, name: str, taken: dict) -> str:
    stem, ext = posixpath.splitext(name)
    candidate, number = name, 2
    while f"{folder}/{candidate}" in taken:
        candidate, number = f"{stem}-{number}{ext}", number + 1
    return candidate
