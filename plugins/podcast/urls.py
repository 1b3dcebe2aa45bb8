"""Public addresses of podcast files: what apps, directories and `invoke freeze-guids` see."""

from __future__ import annotations

from urllib.parse import quote


def site_domain(settings: dict) -> str:
    """The address feeds and enclosures are published under (FEED_DOMAIN, else the site's)."""
    domain = (settings.get("FEED_DOMAIN") or settings.get("SITE_ABSOLUTE_URL")
              or settings.get("SITEURL") or "")
    return domain.rstrip("/")


def public_url(settings: dict, path: str) -> str:
    """The absolute URL of a file written at `path` under the output folder."""
    return f"{site_domain(settings)}/{quote(path)}"
