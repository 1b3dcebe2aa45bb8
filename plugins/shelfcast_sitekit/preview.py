"""The preview server's pages: the last good build, or the build's errors while it fails.

`make serve` rebuilds on every save. A librarian looks at the browser, not the terminal, so
while the last build failed every page answers with the error lines (file, line, field, what
to do) instead of the stale page; the next good build puts the site back (livereload reloads
the browser either way).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from .mediatypes import media_type


@dataclass
class PreviewState:
    """What the preview shows: None while the last build succeeded, else its error report."""

    errors: str | None = None
    lang: str = "en"  # the site's language: the error page's words


# The page's words in the site's language (DEFAULT_LANG); English for any other.
ERROR_PAGE_TEXTS = {
    "en": {"title": "The preview could not be built",
           "intro": "Fix the lines below and save; this page reloads by itself when the build "
                    "works again. Nothing was published.",
           "also": "Also noted (these do not stop the build)"},
    "da": {"title": "Forhåndsvisningen kunne ikke bygges",
           "intro": "Ret linjerne herunder og gem; siden genindlæser sig selv, når det virker "
                    "igen. Intet er udgivet.",
           "also": "Desuden bemærket (stopper ikke byggeriet)"},
    "sv": {"title": "Förhandsvisningen kunde inte byggas",
           "intro": "Rätta raderna nedan och spara; sidan laddas om av sig själv när bygget "
                    "fungerar igen. Inget har publicerats.",
           "also": "Noterat också (stoppar inte bygget)"},
}
# "path:12: warning: ..." and "path: note: ...": what the build says without stopping.
NOT_STOPPING = re.compile(r"^\S[^:]*(?::\d+)?: (?:warning|note|advarsel|varning|notis): ")


def split_report(report: str) -> tuple[list[str], list[str]]:
    """The report's lines as (errors, warnings and notes), each in the build's order."""
    lines = [line for line in report.strip().splitlines() if line.strip()]
    others = [line for line in lines if NOT_STOPPING.match(line)]
    return [line for line in lines if line not in others], others


def error_page(report: str, lang: str = "en") -> bytes:
    """A plain page listing the build's errors first, then its warnings, escaped."""
    texts = ERROR_PAGE_TEXTS.get((lang or "en").split("-")[0].lower(), ERROR_PAGE_TEXTS["en"])
    errors, others = split_report(report)

    def listed(lines, kind):
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        return f"<ul class=\"{kind}\">{items}</ul>" if lines else ""

    also = f"<h2>{texts['also']}</h2>{listed(others, 'build-notes')}" if others else ""
    return (f"<!doctype html><html lang=\"{html.escape(lang or 'en')}\"><head>"
            "<meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{texts['title']}</title>"
            "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem}li{margin:.5rem 0}code{white-space:pre-wrap}"
            "h2{font-size:1.1rem;margin-top:2rem}</style></head><body>"
            f"<main><h1>{texts['title']}</h1><p>{texts['intro']}</p>"
            f"{listed(errors, 'build-errors')}{also}</main></body></html>").encode()


def reload_on_every_save(handler_class) -> None:
    """livereload ignores a change within 3 s of its last reload (to fold a burst of saves
    into one reload); a fix saved just after the error page appeared was then never shown.
    Each rebuild runs to its end before the next, so every save may reload the browser."""
    handler_class.DEFAULT_RELOAD_TIME = 0


HEAD_END = b"</head>"
# A page that sets its own CSP in a meta element (the editor at /admin/) allows no inline
# script: the live-reload script would only be refused there, as a CSP violation.
OWN_POLICY = b'http-equiv="Content-Security-Policy"'


def with_live_script(body: bytes, content_type: str, script: bytes) -> bytes:
    """livereload's script before the first </head> of an HTML page; any other body as it is.
    livereload itself puts it before every "</head>" of every response, script files too:
    Decap's bundle has that text in it, so the editor's integrity check refused it."""
    if "html" not in content_type or HEAD_END not in body or OWN_POLICY in body:
        return body
    return body.replace(HEAD_END, script + HEAD_END, 1)


def live_script_in_pages(app, script: bytes):
    """The WSGI `app`, with livereload's script put into its HTML pages only."""

    def wrapped(environ, start_response):
        answer = {}

        def keep(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        body = b"".join(app(environ, keep))
        headers = [(k, v) for k, v in answer["headers"] if k.lower() != "content-length"]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        body = with_live_script(body, kind, script)
        start_response(answer["status"], headers + [("Content-Length", str(len(body)))])
        return [body]

    return wrapped


def _file_for(root: str, path: str) -> str | None:
    """The file under root a URL path names (index.html for folders); None outside root."""
    target = os.path.realpath(os.path.join(root, path.lstrip("/")))
    if not (target == os.path.realpath(root) or target.startswith(os.path.realpath(root)
                                                                   + os.sep)):
        return None
    if os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return target if os.path.isfile(target) else None


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


def preview_app(root: str, state: PreviewState):
    """A WSGI app serving the output folder, or the error page for pages while a build fails."""

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if state.errors and _is_page(path):
            body = error_page(state.errors, state.lang)
            start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8"),
                                                ("Cache-Control", "no-store")])
            return [body]
        found = _file_for(root, path)
        status = "200 OK"
        if found is None:
            found, status = _file_for(root, "404.html"), "404 Not Found"
        if found is None:
            start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not found"]
        kind = media_type(found)    # as the published site serves it
        with open(found, "rb") as handle:
            body = handle.read()
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    return app
