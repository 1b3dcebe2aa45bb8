"""Serving a built site on 127.0.0.1 and looking at it through headless Chromium."""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Debian's chromium; playwright's own browser download is never used.
CHROMIUM = os.environ.get("SHELFCAST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--autoplay-policy=no-user-gesture-required"]


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
            CHROMIUM):
        return (f"chromium is not installed ({CHROMIUM} not found): browser tests skipped; "
                "`apt-get install chromium` (.ci/run does) to run them")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed: `make test` installs it"
    return None


# Reports each CSP violation to the test (the console message alone misses none in Chromium,
# but the DOM event also names the directive and the blocked resource).
CSP_LISTENER_JS = """document.addEventListener('securitypolicyviolation', (event) => {
  window.shelfcastCspViolation(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'}`
    + ` (${event.sourceFile || location.href}:${event.lineNumber})`);
});"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server like any plain host: byte ranges (so audio can seek), no
    compression, no logging to the test output."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        start = int(match[1])
        end = min(int(match[2]) if match[2] else size - 1, size - 1)
        if start >= size:
            self.send_error(416)
            return None
        with open(path, "rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    """The built site on http://127.0.0.1:<free port>/ in a background thread."""

    def __init__(self, root: Path):
        self.root = root
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.base = f"http://{self.host}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


def foreign_requests(urls: list[str], own_host: str) -> list[str]:
    """Requests that went anywhere but the site itself (data: and blob: URLs stay local)."""
    return [url for url in urls
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own_host]


def emulate_color_scheme(page, scheme: str) -> None:
    """Switch light/dark and wait two frames, so that nothing reads half-restyled colours
    (axe once saw the light text colour on the dark background right after the switch)."""
    page.emulate_media(color_scheme=scheme)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not as a <script> the page's own CSP would refuse.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", AXE_TAGS)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One readable block per violation: rule, impact, what to fix, where."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
                     f" <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


STORAGE_JS = """async () => ({
  cookie: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  caches: 'caches' in window ? await caches.keys() : [],
})"""


def written_storage(page) -> list[str]:
    """What the page stored in the browser: cookies, web storage, IndexedDB, Cache Storage."""
    found = page.evaluate(STORAGE_JS)
    cookies = page.context.cookies()
    problems = []
    if cookies or found["cookie"]:
        problems.append(f"cookies: {[c['name'] for c in cookies] or found['cookie']}")
    if found["local"]:
        problems.append(f"localStorage: {found['local']} item(s)")
    if found["session"]:
        problems.append(f"sessionStorage: {found['session']} item(s)")
    if found["idb"]:
        problems.append(f"IndexedDB: {found['idb']}")
    if found["caches"]:
        problems.append(f"Cache Storage: {found['caches']}")
    return problems
