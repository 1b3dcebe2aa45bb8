"""Old URLs (front matter `aliases:`) -> redirect pages and a `_redirects` file, as plain data.

An alias is a path (/2019/05/old-post/), answered by a redirect page at that path, or a path
with one key=value query (/?p=123, WordPress's short links), which no file can answer: those
become host rules (`_redirects`, `.htaccess`, an nginx include) and a small script's map.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from shelfcast_sitekit.problems import ContentProblem, shorten

FIELD = "aliases"
EXAMPLE = "aliases: [/2019/05/old-post/, /old-page.html, /?p=123]"
# One key=value pair of characters that need no escaping in any host's syntax (nginx
# variable names, Apache regexes, Netlify's rule lines, JSON) nor in a URL.
QUERY = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_]*)=(?P<value>[A-Za-z0-9_.~-]+)")


@dataclass(frozen=True)
class Redirect:
    source: str       # the content file that asked for it, as shown to librarians
    line: int | None
    alias: str        # the old URL path, e.g. /2019/05/old-post/
    target_url: str   # where it now lives (absolute)
    title: str = ""

    @property
    def path(self) -> str:
        """The old path without its query: /?p=123 -> /."""
        return self.alias.split("?", 1)[0]

    @property
    def query(self) -> str:
        """'p=123' for a query alias, '' for a plain path."""
        return self.alias.partition("?")[2]

    @property
    def save_as(self) -> str:
        return alias_file(self.path)

    @property
    def target_path(self) -> str:
        """The new page's path on the host (/library/posts/x.html), safe in every host's
        rule syntax: host rules redirect within the site, whatever name it is served under."""
        return quote(urlsplit(self.target_url).path or "/", safe="/%-._~")


def alias_file(alias: str) -> str:
    """The output file a redirect for this URL path is written to."""
    path = alias.lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    if path.endswith((".html", ".htm")):
        return path
    return path + "/index.html"


def read_aliases(value, source: str, line: int | None) -> tuple[list[str], list[ContentProblem]]:
    """Check an `aliases:` value: a list of paths on this site, each starting with '/'."""
    def problem(message):
        return ContentProblem(source, line, FIELD, message)
    if value is None or value == []:
        return [], []
    if not isinstance(value, list):
        return [], [problem(f"{shorten(value)} must be a list of old addresses, e.g. {EXAMPLE}")]
    aliases, problems = [], []
    for item in value:
        reason = _alias_mistake(item)
        if reason:
            problems.append(problem(f"{shorten(item)} {reason}; write paths like {EXAMPLE}"))
        else:
            aliases.append(item)
    return aliases, problems


def _alias_mistake(item) -> str | None:
    if not isinstance(item, str) or not item.strip():
        return "is not an address"
    if "://" in item or item.startswith("//"):
        return "is a full address; give only the path after the site name"
    if not item.startswith("/"):
        return "must start with '/'"
    if "#" in item:
        return "has a fragment (#...), which browsers never send to the host"
    path, mark, query = item.partition("?")
    if mark and not QUERY.fullmatch(query):
        return ("has a query that is not one key=value pair of letters, digits and _.~- "
                "(like /?p=123), which no redirect can answer")
    return _path_mistake(path)


def _path_mistake(item: str) -> str | None:
    if "\\" in item or any(c.isspace() for c in item):
        return "contains spaces or backslashes"
    if ".." in item.split("/") or posixpath.normpath(item) != item.rstrip("/") and item != "/":
        return "is not a clean path (no '..', '//' or '.')"
    return None


def redirect_clashes(redirects: list[Redirect], existing: set[str]) -> list[ContentProblem]:
    """A redirect may not replace a real page, nor another redirect."""
    problems, seen = [], {}
    for redirect in redirects:
        if redirect.query:
            # A query alias writes no file: it sits on a real page (/?p=1 on the home page).
            other = seen.setdefault(redirect.alias, redirect)
            if other.source != redirect.source:
                problems.append(ContentProblem(redirect.source, redirect.line, FIELD,
                    f"{shorten(redirect.alias)} is also an alias in {other.source}; keep it "
                    "in one"))
            continue
        target = redirect.save_as
        blocking = _file_in_the_way(target, existing)
        if blocking:
            problems.append(ContentProblem(redirect.source, redirect.line, FIELD,
                f"{shorten(redirect.alias)} would be inside output/{blocking}, which the build "
                "writes itself; remove that alias"))
        elif target in existing:
            problems.append(ContentProblem(redirect.source, redirect.line, FIELD,
                f"{shorten(redirect.alias)} would replace the real page output/{target}; remove "
                "that alias or change the other page's URL"))
        elif target in seen and seen[target].source != redirect.source:
            problems.append(ContentProblem(redirect.source, redirect.line, FIELD,
                f"{shorten(redirect.alias)} is also an alias in {seen[target].source}; keep it "
                "in one"))
        seen.setdefault(target, redirect)
    return problems


def _file_in_the_way(target: str, existing: set[str]) -> str | None:
    """A generated file where the redirect page needs a folder (/feeds/all.atom.xml/...), or a
    folder a tool writes after the redirects (the search index)."""
    parts = target.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        folder = "/".join(parts[:end])
        if folder in existing:
            return folder
    return None


def path_redirects(redirects: list[Redirect]) -> list[Redirect]:
    """The redirects a page at the old path answers."""
    return [r for r in redirects if not r.query]


def query_redirects(redirects: list[Redirect]) -> list[Redirect]:
    """The redirects only a host rule (or the script) can answer, in a stable order."""
    return sorted((r for r in redirects if r.query), key=lambda r: (r.path, r.query))


def redirects_file(redirects: list[Redirect]) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: permanent redirects. Query rules come
    first (`/ p=123 /new/ 301`: Netlify matches the query; the first matching line wins);
    Cloudflare Pages does not read queries, and the script answers there."""
    lines = [f"{r.path} {r.query} {r.target_path} 301" for r in query_redirects(redirects)]
    lines += [f"{r.alias} {r.target_url} 301"
              for r in sorted(path_redirects(redirects), key=lambda r: r.alias)]
    return "".join(line + "\n" for line in lines)


def query_map(redirects: list[Redirect], site_path: str = "") -> dict[str, dict[str, str]]:
    """{page path: {"p=123": new path}} for the script that answers on plain static hosts."""
    found: dict[str, dict[str, str]] = {}
    for r in query_redirects(redirects):
        found.setdefault(site_path + r.path, {})[r.query] = r.target_path
    return found


def query_pages(redirects: list[Redirect]) -> set[str]:
    """The output files (index.html) that load the script: the pages at query aliases' paths."""
    return {r.save_as for r in query_redirects(redirects)}
