"""Public addresses of podcast files: what apps, directories and `invoke freeze-guids` see."""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit

# Addresses that are never a library's public site: RFC 2606/6761 names and this machine.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


def site_domain(settings: dict) -> str:
    """The address feeds and enclosures are published under (FEED_DOMAIN, else the site's)."""
    domain = (settings.get("FEED_DOMAIN") or settings.get("SITE_ABSOLUTE_URL")
              or settings.get("SITEURL") or "")
    return domain.rstrip("/")


def public_url(settings: dict, path: str) -> str:
    """The absolute URL of a file written at `path` under the output folder."""
    return f"{site_domain(settings)}/{quote(path)}"


def placeholder_address(url: str) -> bool:
    """True for an address no patron can reach (example.org, localhost, 127.0.0.1...)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or host.endswith(PLACEHOLDER_SUFFIXES):
        return True
    if any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def with_prefix(prefix: str | None, url: str) -> str:
    """An enclosure URL behind a measurement prefix, OP3's way: the prefix, then the URL
    without its scheme (https://op3.dev/e/ + library.dk/podcasts/a.mp3); unchanged without one.
    """
    if not prefix:
        return url
    return prefix.rstrip("/") + "/" + url.split("://", 1)[-1]
