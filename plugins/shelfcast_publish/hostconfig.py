"""Host rules (MIME types, caching, security headers) from one table, in each host's syntax.

`_headers` serves Netlify and Cloudflare Pages, `.htaccess` Apache; `nginx_snippet()` is the
nginx include documented in docs/publishing.md (plugins/shelfcast_publish/nginx.conf is written
from it). Run `PYTHONPATH=plugins python -m shelfcast_publish.hostconfig` to rewrite nginx.conf
after a change; the media types come from shelfcast_sitekit/mediatypes.py.

Redirects of old addresses with a query (/?p=123) are per site: `.htaccess` carries them, and
`nginx_query_redirects()` writes a second include that every build rewrites. Each takes
redirects with `.path` ("/"), `.query` ("p=123") and `.target_path` ("/posts/x.html").
"""

from __future__ import annotations

from dataclasses import dataclass

from shelfcast_sitekit.mediatypes import MEDIA_EXTENSIONS, UTF8, media_type

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

# The web editor at /admin/ (plugins/shelfcast_editor, Decap CMS) is a single-page app: it
# checks config.yml with ajv, which compiles its validators with new Function ('unsafe-eval';
# still no inline script), styles itself with inline <style> elements, previews uploads from
# blob: URLs (and reads an uploaded file back from its blob: URL to save it: connect-src)
# and talks to the library's git host (or, in `make editor`, to the local backend on
# 127.0.0.1). The page's own meta CSP narrows connect-src to the one host the site uses.
# It is never indexed and never framed.
ADMIN_PATH = "/admin/"
# The local backend runs on 127.0.0.1 at the port `make editor` picks (8081 unless taken).
ADMIN_LOCAL_BACKEND = "http://127.0.0.1:*"
ADMIN_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "frame-src 'self' blob:",
    f"connect-src 'self' blob: https: {ADMIN_LOCAL_BACKEND}",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
ADMIN_HEADERS = (
    ("Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Robots-Tag", "noindex, nofollow"),
    ("Cache-Control", "no-cache"),
)
# What nginx serves the editor's files as (the types { } of the snippet's other locations
# are per extension and would not reach inside /admin/).
ADMIN_TYPES = (("text/html", "html"), ("text/javascript", "js"), ("text/css", "css"),
               ("text/yaml", "yml"), ("application/json", "json"))

# Podcast apps' web players and directories (the Podcast Index check among them) fetch feeds,
# chapters, transcripts and audio from their own pages: those answer to any origin.
CORS = ("Access-Control-Allow-Origin", "*")


@dataclass(frozen=True)
class Rule:
    """How the host serves files whose name ends in "." + extension ("mp3", "chapters.json");
    the type comes from the one media-type table. No cache_control: the host's default."""

    extension: str
    cache_control: str | None
    cors: bool = False

    @property
    def content_type(self) -> str:
        return media_type("x." + self.extension)

    def headers(self) -> dict[str, str]:
        """The headers this rule sets, Content-Type included."""
        headers = {"Content-Type": self.content_type}
        if self.cache_control is not None:
            headers["Cache-Control"] = self.cache_control
        return {**headers, **dict([CORS])} if self.cors else headers


PODCAST_AUDIO = ("mp3", "m4a", "opus", "ogg")
RULES = (
    *(Rule(extension, AUDIO_CACHE, cors=True) for extension in PODCAST_AUDIO),
    Rule("vtt", f"public, max-age={DAY}", cors=True),
    Rule("srt", f"public, max-age={DAY}", cors=True),
    # Podcasting 2.0 chapters, written by the podcast plugin as <episode>.chapters.json.
    Rule("chapters.json", FEED_CACHE, cors=True),
    Rule("json", FEED_CACHE),
    Rule("opml", FEED_CACHE, cors=True),
    # Every feed we write ends in .xml (feed.xml, all.atom.xml, all.rss.xml).
    Rule("xml", FEED_CACHE, cors=True),
    Rule("html", "no-cache"),
    Rule("css", f"public, max-age={HOUR}"),
    # Every other picture, video and sound the kit publishes: its type named here, so that no
    # host falls back on a table of its own; caching stays the host's default.
    *(Rule(extension, None) for extension in MEDIA_EXTENSIONS if extension not in PODCAST_AUDIO),
)
PAGE_RULE = next(rule for rule in RULES if rule.extension == "html")


def rule_for(path: str) -> Rule | None:
    """The rule for a file path (directory URLs count as HTML pages); the longest
    extension that fits wins, so "x.chapters.json" is chapters, not plain JSON."""
    if path == "" or path.endswith("/"):
        return PAGE_RULE
    name = path.rsplit("/", 1)[-1].lower()
    fitting = [rule for rule in RULES if name.endswith("." + rule.extension)]
    return max(fitting, key=lambda rule: len(rule.extension), default=None)


def _narrower(rule: Rule) -> list[Rule]:
    """Rules for names that this rule's pattern also matches ("chapters.json" for "json")."""
    return [other for other in RULES if other.extension.endswith("." + rule.extension)]


def _broader(rule: Rule) -> list[Rule]:
    return [other for other in RULES if rule.extension.endswith("." + other.extension)]


def _headers_block(rule: Rule) -> dict[str, str]:
    """What `_headers` sets for a rule's pattern. Netlify and Cloudflare apply every pattern a
    file matches and join the values, so a header is set once: by the broad pattern where all
    agree, by the narrow one where they differ (the host's own type then serves plain .json)."""
    headers = rule.headers()
    for narrow in _narrower(rule):
        headers = {k: v for k, v in headers.items() if narrow.headers().get(k, v) == v}
    for broad in _broader(rule):
        headers = {k: v for k, v in headers.items() if broad.headers().get(k) != v}
    return headers


def headers_file() -> str:
    """Netlify / Cloudflare Pages `_headers`: matching rules add up, so each header is set once."""
    lines = ["# Written by Shelfcast (plugins/shelfcast_publish/hostconfig.py); "
             "edit the table there.", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for rule in RULES:
        block = _headers_block(rule)
        patterns = ["/", "/*/"] if rule is PAGE_RULE else []
        for pattern in [*patterns, f"/*.{rule.extension}"]:
            lines.append(pattern)
            lines += [f"  {name}: {value}" for name, value in block.items()
                      if name != "Content-Type" or rule is not PAGE_RULE
                      or pattern.endswith(".html")]
    return "\n".join(lines + _headers_admin()) + "\n"


def _headers_admin() -> list[str]:
    """The editor's block, last: `! Name` detaches what `/*` set (Cloudflare Pages' syntax),
    so the editor gets its own CSP rather than both joined."""
    lines = [f"{ADMIN_PATH}*"]
    lines += [f"  ! {name}" for name, _ in SECURITY_HEADERS]
    lines += [f"  {name}: {value}" for name, value in ADMIN_HEADERS]
    return lines


def _files_match(rule: Rule) -> str:
    return "\\." + rule.extension.replace(".", "\\.") + "$"


def _regex(text: str) -> str:
    """Aliases hold only letters, digits, '/', and _.~- : of those only '.' is special."""
    return text.replace(".", "\\.")


def htaccess_query_rules(redirects=()) -> list[str]:
    """mod_rewrite rules for query aliases: in .htaccess the rule's pattern is the path
    relative to this folder (/ -> ^$), and the target's trailing '?' drops the old query."""
    lines = []
    for r in redirects:
        key, value = r.query.split("=", 1)
        lines += [f"  RewriteCond %{{QUERY_STRING}} (^|&){_regex(key)}={_regex(value)}(&|$)",
                  f"  RewriteRule ^{_regex(r.path.lstrip('/'))}$ {r.target_path}? [R=301,L]"]
    if not lines:
        return []
    return ["<IfModule mod_rewrite.c>", "  RewriteEngine On", *lines, "</IfModule>"]


def htaccess_file(not_found_path: str = "/404.html", query_redirects=()) -> str:
    """Apache `.htaccess`; header rules only where mod_headers is loaded."""
    lines = ["# Written by Shelfcast (plugins/shelfcast_publish/hostconfig.py); "
             "edit the table there.",
             "AddDefaultCharset utf-8"]
    # Apache reads every extension of x.chapters.json; ForceType (core) names the whole end.
    # Narrow rules come after broad ones: in .htaccess the last matching section wins.
    ordered = sorted(RULES, key=lambda rule: rule.extension.count("."))
    for rule in ordered:
        if "." in rule.extension:
            lines += [f"<FilesMatch \"{_files_match(rule)}\">",
                      f"  ForceType \"{rule.content_type}\"", "</FilesMatch>"]
        else:
            lines.append(f"AddType \"{rule.content_type}\" .{rule.extension}")
    lines += [f"ErrorDocument 404 {not_found_path}", "<IfModule mod_headers.c>"]
    lines += [f"  Header always set {name} \"{value}\"" for name, value in SECURITY_HEADERS]
    for rule in ordered:
        if rule.cache_control is None and not rule.cors:
            continue
        lines.append(f"  <FilesMatch \"{_files_match(rule)}\">")
        if rule.cache_control is not None:
            lines.append(f"    Header set Cache-Control \"{rule.cache_control}\"")
        if rule.cors:
            lines.append(f"    Header set {CORS[0]} \"{CORS[1]}\"")
        lines.append("  </FilesMatch>")
    # An <If> section is merged after the rest, so these replace the site's headers there.
    lines.append(f"  <If \"%{{REQUEST_URI}} =~ m#^{ADMIN_PATH}#\">")
    lines += [f"    Header always set {name} \"{value}\"" for name, value in ADMIN_HEADERS]
    lines += ["  </If>", "</IfModule>"]
    lines += htaccess_query_rules(query_redirects)
    return "\n".join(lines) + "\n"


def nginx_snippet() -> str:
    """An include for an nginx `server {}` block whose root is the published output/."""
    # nginx drops inherited add_header lines in any location that adds its own, so every
    # location repeats the security headers. Regex locations match in the order written:
    # narrow ones (x.chapters.json) first.
    security = _nginx_security()
    charset_types = dict.fromkeys(rule.content_type.split(";")[0] for rule in RULES
                                  if "charset=" in rule.content_type and rule is not PAGE_RULE)
    lines = ["# Shelfcast host rules for nginx: include inside the site's server { } block.",
             "# Written by plugins/shelfcast_publish/hostconfig.py; "
             "edit the table there, not this file.",
             "charset utf-8;", f"charset_types {' '.join(charset_types)};", "gzip_static on;",
             "error_page 404 /404.html;", "", "location / {", *_nginx_page_body(), "}"]
    for rule in sorted(RULES, key=lambda rule: -rule.extension.count(".")):
        # nginx adds the charset itself (charset_types); other parameters (codecs=) stay.
        served_type = rule.content_type.removesuffix(UTF8)
        # Without a rule of its own a file is cached as `location /` caches pages.
        cache = rule.cache_control or PAGE_RULE.cache_control
        cors = [f"    add_header {CORS[0]} \"{CORS[1]}\" always;"] if rule.cors else []
        lines += [f"location ~* {_files_match(rule)} {{", "    types { }",
                  f"    default_type \"{served_type}\";",
                  f"    add_header Cache-Control \"{cache}\" always;", *cors,
                  *security, "}"]
    return "\n".join(lines + _nginx_admin()) + "\n"


def _nginx_admin() -> list[str]:
    """`^~` keeps the extension locations above from answering inside /admin/."""
    types = " ".join(f"{mime} {extension};" for mime, extension in ADMIN_TYPES)
    return [f"location ^~ {ADMIN_PATH} {{", f"    types {{ {types} }}",
            f"    charset_types {' '.join(mime for mime, _ in ADMIN_TYPES)};",
            *[f"    add_header {name} \"{value}\" always;" for name, value in ADMIN_HEADERS],
            "    try_files $uri $uri/ =404;", "}"]


def _nginx_security() -> list[str]:
    return [f"    add_header {name} \"{value}\" always;" for name, value in SECURITY_HEADERS]


def _nginx_page_body() -> list[str]:
    """What `location /` does; an exact location for a query alias's path repeats it."""
    return [f"    add_header Cache-Control \"{PAGE_RULE.cache_control}\" always;",
            *_nginx_security(), "    try_files $uri $uri/ =404;"]


def nginx_query_redirects(redirects=()) -> str:
    """A per-site nginx include, beside nginx.conf in the same server { } block: one exact
    location per old path, answering each key=value with a 301 (`if` holding only `return`
    is the use nginx documents as safe) and serving the page as `location /` does otherwise."""
    lines = ["# Shelfcast redirects of old addresses with a query (/?p=123), for nginx.",
             "# Written by every build; include it after nginx.conf and reload nginx."]
    by_path: dict[str, list] = {}
    for r in redirects:
        by_path.setdefault(r.path, []).append(r)
    for path, group in sorted(by_path.items()):
        lines.append(f"location = {path} {{")
        for r in group:
            key, value = r.query.split("=", 1)
            lines.append(f"    if ($arg_{key} = \"{value}\") {{ return 301 {r.target_path}; }}")
        lines += [*_nginx_page_body(), "}"]
    return "\n".join(lines) + "\n"


def write_nginx_snippet(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(nginx_snippet())


if __name__ == "__main__":
    import os

    write_nginx_snippet(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nginx.conf"))
