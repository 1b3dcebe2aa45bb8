"""Web and e-mail addresses in settings: one check each, shared by the plugins and init."""

from __future__ import annotations

import re

HTTPS_URL = re.compile(r"^https://[^/\s.]+(\.[^/\s.]+)+(:\d+)?(/\S*)?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def https_url_problem(url) -> str | None:
    """None for an absolute https address with a dotted host; otherwise what to write."""
    if not isinstance(url, str) or not HTTPS_URL.match(url):
        return f"{url!r} is not a full web address; write it starting with https://"
    return None


def email_problem(address) -> str | None:
    """None for something shaped like an e-mail address; otherwise say so."""
    if not isinstance(address, str) or not EMAIL.match(address):
        return f"{address!r} is not an e-mail address"
    return None
