"""Which addresses may be written into a page's href or src: one rule for the whole kit.

Content, front matter, audio tags (ID3 WXXX chapter links) and imports are written by people
outside the library. A `javascript:` or `data:` address in an href runs script or shows a
forged page on the library's own site, so only these schemes are ever written: http, https,
mailto and relative addresses (`/x`, `x.html`, `#notes`, `?q=1`).
"""

from __future__ import annotations

import re
from urllib.parse import quote

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers drop tab and newline anywhere in a URL and trim spaces and control characters at
# both ends ("java\tscript:" is "javascript:"), so the check looks at the URL as they read it.
INVISIBLE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def safe_url(value, extra_schemes=frozenset()) -> str | None:
    """The address as it may be written into href/src, or None when it must not be.

    `extra_schemes` are non-executable schemes a plugin rewrites later (the catalogue's
    `isbn:`); they are never javascript, data or vbscript.
    """
    if not isinstance(value, str):
        return None
    url = INVISIBLE.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
                                        "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
                                        "\x1b\x1c\x1d\x1e\x1f ")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" not in head:
        return url
    match = SCHEME.match(url)
    if match is None:
        return None
    scheme = match.group(1).lower()
    return url if scheme in SAFE_SCHEMES or scheme in extra_schemes else None


def is_other_host(url: str, own_hosts) -> bool:
    """True for an address a browser would fetch from a host that is not ours.

    Browsers read `https:evil.example`, `//evil.example` and `\\\\evil.example` as that host too.
    """
    url = url.strip()
    match = SCHEME.match(url)
    if match:
        if match.group(1).lower() not in ("http", "https"):
            return False
        rest = url[match.end():]
    elif re.match(r"^[/\\]{2}", url):
        rest = url
    else:
        return False
    host = re.split(r"[/\\?#]", rest.lstrip("/\\"), maxsplit=1)[0]
    return host.rsplit("@", 1)[-1].lower() not in own_hosts


def url_path(path) -> str:
    """A path to one of our own files as it goes into src, srcset or href: each segment
    percent-encoded, so that a file named `p, https:tracker.example?.jpg` stays one file of
    ours (in a srcset a comma and a space would start another candidate on another host)."""
    return "/".join(quote(segment, safe="") for segment in str(path).split("/"))


def site_path_problem(value) -> str | None:
    """Why `value` is not a relative path inside the site (what a page's address may be)."""
    if not isinstance(value, str) or not value.strip():
        return "is not a path"
    parts = value.replace("\\", "/").split("/")
    if SCHEME.match(value) or value.startswith(("/", "\\")) or "//" in value \
            or ".." in parts or INVISIBLE.search(value) or any(ord(c) < 0x20 for c in value):
        return "is not a path inside the site (it has a scheme, a leading / or a ..)"
    return None
