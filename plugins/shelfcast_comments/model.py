"""One comment and one thread, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup


@dataclass(frozen=True)
class Comment:
    id: str
    name: str
    date: datetime
    text: str
    html: Markup
    website: str | None = None
    reply_to: str | None = None
    path: str = ""
    pending: bool = False  # `pending: true`: held back until a moderator approves it


@dataclass
class Thread:
    """A comment and the replies to it (one level: a reply to a reply joins the thread)."""

    comment: Comment
    replies: list = field(default_factory=list)
