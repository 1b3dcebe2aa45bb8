"""A gallery and its pictures, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Picture:
    """One image of a gallery: its source file, words and (later) its published copies."""

    file: str
    source: str | None  # the picture, or a video's poster; None: a video without a poster
    alt: str
    caption: str
    photographer: str | None
    licence: str | None
    size: tuple = (0, 0)
    thumbnails: list = field(default_factory=list)
    copies: list = field(default_factory=list)
    url: str = ""
    save_as: str = ""
    previous: Picture | None = None
    next: Picture | None = None
    video: object | None = None  # shelfcast_sitekit.localvideo.LocalVideo for a video entry

    @property
    def stem(self) -> str:
        return self.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@dataclass
class Gallery:
    name: str
    title: str
    date: datetime
    photographer: str | None
    licence: str | None
    description: str | None
    pictures: list = field(default_factory=list)
    url: str = ""
    save_as: str = ""
