"""Fetch the files an import uses (images, audio) through the site kit's fetcher.

Each file is streamed into a scratch folder (never held in memory) and lands in content/ with
the rest of the import; its name is made from the URL with the write guard's safe alphabet, so
a percent-encoded `..%2F` in a URL stays part of a name and never becomes a folder.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from shelfcast_sitekit.fetcher import FetchError, Limits, fetch_to_file
from shelfcast_sitekit.writeguard import safe_name, unique_name

YEAR_IN_PATH = re.compile(r"/(\d{4})/\d{2}/")
# Per file: an image or an episode's audio; a whole file must arrive within the deadline.
MEDIA_LIMITS = Limits(max_bytes=500 * 1024 * 1024, seconds=900)


@dataclass
class Fetched:
    files: dict[str, Path] = field(default_factory=dict)  # content-relative path -> download
    local: dict[str, str] = field(default_factory=dict)     # url -> {static}/path
    unreachable: list[str] = field(default_factory=list)    # "url: why"


def fetch_images(urls: list[str], default_year: str, scratch: str,
                 limits: Limits = MEDIA_LIMITS) -> Fetched:
    """Download each URL into `scratch`, named for content/images/<year>/."""
    fetched = Fetched()
    for url in urls:
        year = YEAR_IN_PATH.search(urlsplit(url).path)
        folder = f"images/{year.group(1) if year else default_year}"
        relative = unique_name(f"{folder}/{safe_name(posixpath.basename(urlsplit(url).path))}",
                               fetched.files)
        try:
            fetched.files[relative] = fetch_to_file(url, scratch, limits)
        except FetchError as error:
            fetched.unreachable.append(unreachable(url, error))
            continue
        fetched.local[url] = f"{{static}}/{relative}"
    return fetched


def unreachable(url: str, error: FetchError) -> str:
    """One line of the report's "could not be downloaded" list."""
    return f"{url}: {error.why}"
