"""Is a setting's web address one a reader's browser can open from anywhere?"""

from __future__ import annotations

import re

HTTPS_URL = re.compile(r"^https://[^/\s.]+(\.[^/\s.]+)+(:\d+)?(/\S*)?$")


def https_url_problem(url) -> str | None:
    """None for an absolute https address with a dotted host; otherwise what to write."""
    if not isinstance(url, str) or not HTTPS_URL.match(url):
        return f"{url!r} is not a full web address; write it starting with https://"
    return None
