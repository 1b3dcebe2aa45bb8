"""`pinned: true` posts, shown first on the home page's listing (the schema checks the value:
declarations.py)."""

from __future__ import annotations

FIELD = "pinned"


def pinned_posts(articles: list) -> list:
    """Every pinned post, newest first: what the first listing page shows before its own."""
    return sorted((a for a in articles if getattr(a, FIELD, False) is True),
                  key=lambda a: a.date, reverse=True)
