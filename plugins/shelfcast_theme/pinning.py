"""`pinned: true` posts: checked once when read, shown first on the home page's listing."""

from __future__ import annotations

FIELD = "pinned"


def pinned_mistake(value) -> str | None:
    """Why a `pinned:` value is not usable, or None (absent, true or false)."""
    if value is None or isinstance(value, bool):
        return None
    return (f"{value!r} is not true or false; write `pinned: true` to show the post first on "
            "the home page, or leave the line out")


def pinned_first(page: list, articles: list) -> list:
    """The first listing page: every pinned post (newest first), then the page's own posts
    without them, in their order. Later pages keep their posts where they were."""
    pinned = sorted((a for a in articles if getattr(a, FIELD, False) is True),
                    key=lambda a: a.date, reverse=True)
    return pinned + [a for a in page if a not in pinned]
