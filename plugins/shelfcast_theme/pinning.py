"""`pinned: true` posts: checked once when read, shown first on the home page's listing."""

from __future__ import annotations

FIELD = "pinned"


def pinned_mistake(value) -> str | None:
    """Why a `pinned:` value is not usable, or None (absent, true or false)."""
    if value is None or isinstance(value, bool):
        return None
    return (f"{value!r} is not true or false; write `pinned: true` to show the post first on "
            "the home page, or leave the line out")


def pinned_posts(articles: list) -> list:
    """Every pinned post, newest first: what the first listing page shows before its own."""
    return sorted((a for a in articles if getattr(a, FIELD, False) is True),
                  key=lambda a: a.date, reverse=True)
