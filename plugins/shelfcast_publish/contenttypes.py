"""The Content-Type a file is uploaded with, for hosts that store it with each file (S3).

The host rules (hostconfig.RULES) come first, so a bucket serves a file with the type the
web-server rules give it; then our own table of every other kind of file a build writes;
then the standard library's `mimetypes`, which depends on the computer's /etc/mime.types
and so must never be the only source for a file we write ourselves.
"""

from __future__ import annotations

import mimetypes

from .hostconfig import rule_for

UTF8 = "; charset=utf-8"
BINARY = "application/octet-stream"
TYPES = {
    "js": "text/javascript" + UTF8,       # a module script refused under any other type
    "mjs": "text/javascript" + UTF8,
    "cjs": "text/javascript" + UTF8,
    "svg": "image/svg+xml",
    "webp": "image/webp",
    "avif": "image/avif",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "ico": "image/vnd.microsoft.icon",
    "wasm": "application/wasm",           # WebAssembly.instantiateStreaming insists on it
    # Pagefind's index: compressed data it fetches and unpacks itself. Never a text type and
    # never a Content-Encoding, or the browser would unpack (or mangle) it first.
    "pagefind": BINARY,
    "pf_meta": BINARY,
    "pf_index": BINARY,
    "pf_fragment": BINARY,
    "webmanifest": "application/manifest+json" + UTF8,
    "txt": "text/plain" + UTF8,
    "csv": "text/csv" + UTF8,
    "ics": "text/calendar" + UTF8,
    "woff2": "font/woff2",
    "woff": "font/woff",
    # Precompressed copies (PUBLISH["precompress"]) are stored as what they are.
    "gz": "application/gzip",
    "br": BINARY,
}


def content_type(path: str) -> str:
    """The Content-Type for a file at path (a '/'-separated path in the built site)."""
    rule = rule_for(path)
    if rule is not None:
        return rule.content_type
    name = path.rsplit("/", 1)[-1]
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in TYPES:
        return TYPES[extension]
    guessed, encoding = mimetypes.guess_type(name, strict=False)
    if guessed is None or encoding is not None:
        return BINARY
    return guessed + UTF8 if guessed.startswith("text/") else guessed
