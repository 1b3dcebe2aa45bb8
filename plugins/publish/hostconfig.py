"""Host rules (MIME types, caching, security headers) from one table, in each host's syntax.

`_headers` serves Netlify and Cloudflare Pages, `.htaccess` Apache; `nginx_snippet()` is the
nginx include documented in the README (plugins/publish/nginx.conf is written from it).
Run `python plugins/publish/hostconfig.py` to rewrite nginx.conf after changing the table.
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR, DAY, HOUR, FIVE_MINUTES = 31536000, 86400, 3600, 300
AUDIO_CACHE = f"public, max-age={YEAR}"
FEED_CACHE = f"public, max-age={FIVE_MINUTES}"
# Only the site itself; the two players are the only third parties a page may frame, and
# only after a reader clicks to load one. Scripts come only from our own files (no inline
# script); 'wasm-unsafe-eval' lets search compile Pagefind's WebAssembly, nothing more.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "img-src 'self' data:",
    "media-src 'self'",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    # Other sites learn at most which library a reader came from, never which page.
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Content-Type-Options", "nosniff"),
)


@dataclass(frozen=True)
class Rule:
    extension: str
    content_type: str
    cache_control: str


RULES = (
    Rule("mp3", "audio/mpeg", AUDIO_CACHE),
    Rule("m4a", "audio/mp4", AUDIO_CACHE),
    Rule("opus", "audio/ogg; codecs=opus", AUDIO_CACHE),
    Rule("ogg", "audio/ogg", AUDIO_CACHE),
    Rule("vtt", "text/vtt; charset=utf-8", f"public, max-age={DAY}"),
    Rule("srt", "application/x-subrip; charset=utf-8", f"public, max-age={DAY}"),
    Rule("json", "application/json; charset=utf-8", FEED_CACHE),
    Rule("opml", "text/x-opml; charset=utf-8", FEED_CACHE),
    Rule("xml", "application/xml; charset=utf-8", FEED_CACHE),
    Rule("html", "text/html; charset=utf-8", "no-cache"),
    Rule("css", "text/css; charset=utf-8", f"public, max-age={HOUR}"),
)
PAGE_RULE = next(rule for rule in RULES if rule.extension == "html")


def rule_for(path: str) -> Rule | None:
    """The rule for a file path (directory URLs count as HTML pages)."""
    if path == "" or path.endswith("/"):
        return PAGE_RULE
    extension = path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return next((rule for rule in RULES if rule.extension == extension), None)


def headers_file() -> str:
    """Netlify / Cloudflare Pages `_headers`: matching rules add up, so each header is set once."""
    lines = ["# Written by Shelfcast (plugins/publish/hostconfig.py); edit the table there.", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for rule in RULES:
        patterns = ["/", "/*/"] if rule is PAGE_RULE else []
        for pattern in [*patterns, f"/*.{rule.extension}"]:
            lines.append(pattern)
            if rule is not PAGE_RULE or pattern.endswith(".html"):
                lines.append(f"  Content-Type: {rule.content_type}")
            lines.append(f"  Cache-Control: {rule.cache_control}")
    return "\n".join(lines) + "\n"


def htaccess_file(not_found_path: str = "/404.html") -> str:
    """Apache `.htaccess`; header rules only where mod_headers is loaded."""
    lines = ["# Written by Shelfcast (plugins/publish/hostconfig.py); edit the table there.",
             "AddDefaultCharset utf-8"]
    for rule in RULES:
        lines.append(f"AddType \"{rule.content_type}\" .{rule.extension}")
    lines += [f"ErrorDocument 404 {not_found_path}", "<IfModule mod_headers.c>"]
    lines += [f"  Header always set {name} \"{value}\"" for name, value in SECURITY_HEADERS]
    for rule in RULES:
        lines += [f"  <FilesMatch \"\\.{rule.extension}$\">",
                  f"    Header set Cache-Control \"{rule.cache_control}\"", "  </FilesMatch>"]
    lines.append("</IfModule>")
    return "\n".join(lines) + "\n"


def nginx_snippet() -> str:
    """An include for an nginx `server {}` block whose root is the published output/."""
    # nginx drops inherited add_header lines in any location that adds its own, so every
    # location repeats the security headers.
    security = [f"    add_header {name} \"{value}\" always;" for name, value in SECURITY_HEADERS]
    lines = ["# Shelfcast host rules for nginx: include inside the site's server { } block.",
             "# Written by plugins/publish/hostconfig.py; edit the table there, not this file.",
             "charset utf-8;", "charset_types text/css application/xml application/json "
             "text/vtt text/x-opml application/x-subrip;", "gzip_static on;",
             "error_page 404 /404.html;", "", "location / {",
             f"    add_header Cache-Control \"{PAGE_RULE.cache_control}\" always;", *security,
             "    try_files $uri $uri/ =404;", "}"]
    for rule in RULES:
        base_type = rule.content_type.split(";")[0]
        lines += [f"location ~* \\.{rule.extension}$ {{", "    types { }",
                  f"    default_type \"{base_type}\";",
                  f"    add_header Cache-Control \"{rule.cache_control}\" always;", *security,
                  "}"]
    return "\n".join(lines) + "\n"


def write_nginx_snippet(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(nginx_snippet())


if __name__ == "__main__":
    import os

    write_nginx_snippet(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nginx.conf"))
