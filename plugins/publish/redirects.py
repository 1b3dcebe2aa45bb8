"""Old URLs (front matter `aliases:`) -> redirect pages and a `_redirects` file, as plain data."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from sitekit.problems import ContentProblem, shorten

FIELD = "aliases"
EXAMPLE = "aliases: [/2019/05/old-post/, /old-page.html]"


@dataclass(frozen=True)
class Redirect:
    source: str       # the content file that asked for it, as shown to librarians
    line: int | None
    alias: str        # the old URL path, e.g. /2019/05/old-post/
    target_url: str   # where it now lives (absolute)
    title: str = ""

    @property
    def save_as(self) -> str:
        return alias_file(self.alias)


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
    if "?" in item or "#" in item:
        return "has a query or fragment, which a static redirect page cannot answer"
    if "\\" in item or any(c.isspace() for c in item):
        return "contains spaces or backslashes"
    if ".." in item.split("/") or posixpath.normpath(item) != item.rstrip("/") and item != "/":
        return "is not a clean path (no '..', '//' or '.')"
    return None


def redirect_clashes(redirects: list[Redirect], existing: set[str]) -> list[ContentProblem]:
    """A redirect may not replace a real page, nor another redirect."""
    problems, seen = [], {}
    for redirect in redirects:
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


def redirects_file(redirects: list[Redirect]) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: permanent redirects."""
    lines = [f"{r.alias} {r.target_url} 301" for r in sorted(redirects, key=lambda r: r.alias)]
    return "".join(line + "\n" for line in lines)
