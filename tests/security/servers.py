"""Small HTTP servers on 127.0.0.1 for the fetcher's cases: files, redirects, a trickle.

    with serve({"/feed.xml": b"<rss/>", "/away": redirect("http://10.0.0.1/"),
                "/slow": trickle(b"x" * 100, every=2)}) as base:
        ...  # base is "http://127.0.0.1:<port>"
"""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Callable, Iterator

Route = bytes | Callable[[http.server.BaseHTTPRequestHandler], None]


def redirect(location: str, status: int = 302) -> Route:
    def answer(handler):
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def trickle(body: bytes, every: float = 2.0) -> Route:
    """One byte every `every` seconds: never slow enough for a per-read timeout."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for byte in body:
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return  # the client gave up: what the case wants
            time.sleep(every)
    return answer


def endless(chunk: bytes = b"\0" * 65536) -> Route:
    """A body with no end and no Content-Length (a cap must stop it)."""
    def answer(handler):
        handler.send_response(200)
        handler.end_headers()
        try:
            while True:
                handler.wfile.write(chunk)
        except OSError:
            return
    return answer


@contextlib.contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            route = routes.get(self.path.split("?")[0])
            if route is None:
                self.send_error(404)
            elif isinstance(route, bytes):
                self.send_response(200)
                self.send_header("Content-Length", str(len(route)))
                self.end_headers()
                self.wfile.write(route)
            else:
                route(self)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
