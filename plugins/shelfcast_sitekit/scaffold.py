"""Start a new post: the file name and front matter a librarian would otherwise type."""

from __future__ import annotations

import difflib
from datetime import datetime

from .slugs import slug_for


def new_post(title: str, when: datetime, author: str | None = None,
             settings=None) -> tuple[str, str]:
    """Return (file name, text) for a new draft post dated `when`, named by the slug the
    site's settings give its title."""
    slug = slug_for(title, settings)
    lines = ["---", f"title: {_quote(title)}", f"date: {when:%Y-%m-%d %H:%M}"]
    if author:
        lines.append(f"author: {_quote(author)}")
    # Empty fields are left out of the post; they are here so a librarian sees they exist.
    lines += ["tags: []", "summary: ",
              "lang:   # only for a post not in the site's language, e.g. da or sv",
              "image:   # a picture in content/images/, e.g. images/reading-room.jpg",
              "image_alt:   # what the picture shows, for readers who cannot see it",
              "status: draft", "---", "", "Write here.", ""]
    return f"{slug}.md", "\n".join(lines)


# Sections a plugin gives a page of its own: the post needs that plugin's block to be listed.
SECTION_NEEDS = {"events": "an event post needs an event: block with start and location "
                           "(docs/events-programmes.md); the menu's item opens the calendar"}


def section_hint(section: str, existing: list[str], title: str | None = None) -> str | None:
    """A note when `section` is not one of the existing section folders; None if it is.
    `title` is the section's title in the site's language, when the settings give it one."""
    if section in existing:
        return None
    if title:
        need = f" Note: {SECTION_NEEDS[section]}." if section in SECTION_NEEDS else ""
        return (f"note: content/posts/{section}/ is new: this is the first post of the "
                f"section {title!r} (its title is set already).{need}")
    close = difflib.get_close_matches(section, existing, n=1)
    meant = f" Did you mean --section {close[0]}?" if close else ""
    known = ", ".join(sorted(existing)) or "none yet"
    return (f"warning: content/posts/{section}/ did not exist, so it was created: this post "
            f"starts a new section (existing sections: {known}).{meant} Give a new section "
            f"a title in SECTION_TITLES in library.py.")


def _quote(text: str) -> str:
    """Quote a value so that YAML keeps it as the text it is (colons, #, quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
