"""A post to comment on, and comment files written the way a moderator commits them."""

from __future__ import annotations

POST = """
    ---
    title: Winter reading & "cosy" crime
    date: 2026-10-01
    slug: winter-reading
    {extra}
    ---
    What are you reading this winter?
"""
SETTINGS = {"COMMENTS": {"email": "comments@library.example.org", "per_page": 20}}


def write_post(site, extra: str = "") -> None:
    site.write("posts/books/winter-reading.md", POST.format(extra=extra.replace("\n", "\n    ")))


def comment_yaml(name: str, date: str, text: str, **more) -> str:
    """A comment file; the text as a YAML literal block, exactly as written."""
    lines = [f"name: {name}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in more.items()]
    lines.append("text: |")
    lines += ["  " + line if line else "" for line in text.split("\n")]
    return "\n".join(lines) + "\n"
