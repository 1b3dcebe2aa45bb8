"""Start a new post: the file name and front matter a librarian would otherwise type."""

from __future__ import annotations

from datetime import datetime

from pelican.utils import slugify


def new_post(title: str, when: datetime, author: str | None = None) -> tuple[str, str]:
    """Return (file name, text) for a new draft post dated `when`."""
    slug = slugify(title, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)[-\s]+", "-")])
    lines = ["---", f"title: {_quote(title)}", f"date: {when:%Y-%m-%d %H:%M}"]
    if author:
        lines.append(f"author: {_quote(author)}")
    lines += ["tags: []", "summary: ", "status: draft", "---", "", "Write here.", ""]
    return f"{slug}.md", "\n".join(lines)


def _quote(text: str) -> str:
    """Quote a value so that YAML keeps it as the text it is (colons, #, quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
