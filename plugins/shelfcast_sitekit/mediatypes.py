"""The one media-type table: the Content-Type of every kind of file a build writes or serves.

Feed enclosures, the episode page's `<source type>`, JSON-LD, the host rules (`_headers`,
`.htaccess`, nginx.conf), S3 uploads and the importers all ask `media_type(name)`, so a file is
announced with the type its server sends. The table is Python's built-in `mimetypes` defaults
(never the computer's /etc/mime.types, which differs from one machine to the next) with our
additions below; an addition says why it differs from, or adds to, the standard one.
"""

from __future__ import annotations

import mimetypes

UTF8 = "; charset=utf-8"
BINARY = "application/octet-stream"
# Ogg Opus files are Ogg (RFC 7845 section 9: `audio/ogg`, with `codecs=opus` to tell players
# before they download). `audio/opus` (RFC 7587) is for RTP streams only, not files.
OGG_OPUS = "audio/ogg; codecs=opus"

# Extension (lower case, no leading dot; "chapters.json" for a double ending) -> type.
ADDITIONS = {
    # Apple Podcasts documents audio/x-m4a for .m4a enclosures; the standard says audio/mp4.
    "m4a": "audio/x-m4a",
    "m4b": "audio/x-m4a",
    "opus": OGG_OPUS,
    # Python's own defaults (3.11) lack these; /etc/mime.types has them, but not everywhere.
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "flac": "audio/flac",
    "m4v": "video/mp4",                   # an MP4 with another name; browsers play it as one
    "ics": "text/calendar",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "webmanifest": "application/manifest+json",
    "wasm": "application/wasm",           # WebAssembly.instantiateStreaming insists on it
    "avif": "image/avif",
    "xml": "application/xml",             # every feed we write ends in .xml; not text/xml
    "md": "text/markdown",
    "epub": "application/epub+zip",
    "wav": "audio/wav",                   # the standard's audio/x-wav predates RFC 2361's name
    "wave": "audio/wav",
    "srt": "application/x-subrip",        # the standard calls it text/plain
    "chapters.json": "application/json+chapters",   # Podcasting 2.0 chapters
    "opml": "text/x-opml",
    "js": "text/javascript",              # a module script is refused under any other type
    "mjs": "text/javascript",
    "cjs": "text/javascript",
    # Pagefind's index: compressed data it fetches and unpacks itself. Never a text type and
    # never a Content-Encoding, or the browser would unpack (or mangle) it first.
    "pagefind": BINARY,
    "pf_meta": BINARY,
    "pf_index": BINARY,
    "pf_fragment": BINARY,
    # Precompressed copies (PUBLISH["precompress"]) are stored as what they are.
    "gz": "application/gzip",
    "br": BINARY,
}
# The kinds of file the kit publishes as media: episodes (podcast audio.FORMATS), local video
# (localvideo.py), pictures. The host rules name each, so no server falls back on its own table.
AUDIO_EXTENSIONS = ("mp3", "m4a", "m4b", "aac", "opus", "ogg", "oga", "flac", "wav", "wave")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico")
MEDIA_EXTENSIONS = AUDIO_EXTENSIONS + VIDEO_EXTENSIONS + IMAGE_EXTENSIONS
# The extension a download gets from its Content-Type when its address has none.
PREFERRED_EXTENSIONS = {"audio/mpeg": ".mp3", "audio/x-m4a": ".m4a", "audio/mp4": ".m4a",
                        "audio/aac": ".m4a", "audio/ogg": ".ogg", "audio/opus": ".opus",
                        "video/mp4": ".mp4", "image/jpeg": ".jpg"}
# Types that are text although they do not start with text/: sent with a charset.
TEXT_TYPES = {"application/json", "application/json+chapters", "application/x-subrip",
              "application/xml", "application/manifest+json", "image/svg+xml"}
CHARSET_EXEMPT = {"image/svg+xml"}      # an SVG says its own encoding


def extension_of(name: str) -> str:
    """The longest ending of a file name (or '/'-separated path) that the table knows, else
    its last extension; '' for a name without one. Lower case, without the dot."""
    base = name.rsplit("/", 1)[-1].lower()
    known = [ending for ending in ADDITIONS if "." in ending and base.endswith("." + ending)]
    if known:
        return max(known, key=len)
    return base.rpartition(".")[2] if "." in base else ""


def bare_type(name: str) -> str | None:
    """The media type of a file name without parameters; None when the table does not know it."""
    extension = extension_of(name)
    if extension in ADDITIONS:
        return ADDITIONS[extension].split(";")[0]
    standard = mimetypes.MimeTypes()     # the built-in defaults, not /etc/mime.types
    guessed, encoding = standard.guess_type("x." + extension, strict=False)
    return None if guessed is None or encoding is not None else guessed


def media_type(name: str, default: str = BINARY) -> str:
    """The Content-Type a file of this name is served and announced with (text with utf-8)."""
    extension = extension_of(name)
    if extension in ADDITIONS:
        found = ADDITIONS[extension]
    else:
        found = bare_type(name)
        if found is None:
            return default
    if (found.startswith("text/") or found in TEXT_TYPES) and found not in CHARSET_EXEMPT:
        return found + UTF8
    return found


def is_media(name: str) -> bool:
    """Whether a file of this name is audio, video or a picture."""
    return (bare_type(name) or "").startswith(("audio/", "video/", "image/"))


def extension_for(kind: str, default: str = "") -> str:
    """A file extension (with its dot) for a media type, e.g. for a download named by its
    Content-Type; `default` when the table knows no file of that type."""
    full = kind.strip().lower().replace(" ", "")
    for extension, known in ADDITIONS.items():
        if known.replace(" ", "") == full and "." not in extension:
            return "." + extension
    bare = full.split(";")[0]
    if bare in PREFERRED_EXTENSIONS:
        return PREFERRED_EXTENSIONS[bare]
    return mimetypes.MimeTypes().guess_extension(bare, strict=False) or default
