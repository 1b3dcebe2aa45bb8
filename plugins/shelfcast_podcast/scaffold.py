"""Episode files a librarian would otherwise type: `invoke new-episode`, `invoke freeze-guids`."""

from __future__ import annotations

import os
import uuid
from datetime import datetime

from shelfcast_sitekit.frontmatter import decode, parse_yaml, split
from shelfcast_sitekit.slugs import slug_for
from shelfcast_sitekit.writeguard import write_file

from .audio import AudioFacts
from .chapters import clock
from .guids import derived_guid, show_guid


def quote(text: str) -> str:
    """Quote a value so that YAML keeps it as the text it is (colons, #, quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def episode_title(facts: AudioFacts, audio_name: str) -> str:
    """The file's title tag, else its name in words."""
    if facts.title:
        return facts.title
    stem = os.path.splitext(audio_name)[0]
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "New episode"


def new_episode(facts: AudioFacts, audio_relative: str, when: datetime,
                guid: str | None = None, settings=None) -> tuple[str, str]:
    """Return (file name, text) of a draft episode for an audio file of the show."""
    title = episode_title(facts, os.path.basename(audio_relative))
    slug = slug_for(title, settings) or "episode"
    lines = ["---", f"title: {quote(title)}", f"date: {when:%Y-%m-%d %H:%M}",
             f"audio: {quote(audio_relative)}",
             f"# duration {clock(facts.duration)} (read from the file at every build)",
             f"guid: {quote(guid or str(uuid.uuid4()))}", "summary: "]
    if any(c.image for c in facts.chapters):
        # Front matter chapters replace the file's, and front matter has no pictures.
        lines.append("# chapters: read from the audio file at every build (they have pictures)")
    elif facts.chapters:
        lines.append("chapters:")
        lines += [f"  - {{start: \"{_start(c.start)}\", title: {quote(c.title)}}}"
                  for c in facts.chapters]
    lines += ["status: draft", "---", "", "Show notes: what the episode is about, links to "
              "the books you mention.", ""]
    return f"{slug}.md", "\n".join(lines)


def _start(seconds: float) -> str:
    """A chapter start as M:SS, keeping milliseconds when there are any."""
    millis = round(seconds * 1000) % 1000
    return clock(seconds) + (f".{millis:03d}".rstrip("0") if millis else "")


def freeze_text(text: str, guid: str) -> str:
    """Insert `guid:` as the last front matter line of an episode file's text."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
            lines.insert(index, f"guid: {quote(guid)}{newline}")
            return "".join(lines)
    raise ValueError("the front matter is not closed")


def _without_guid(path: str, parse) -> tuple[str, dict] | None:
    """(text, fields) of a file that parses and has no `guid:` yet, else None."""
    with open(path, "rb") as handle:
        text, _problems = decode(path, handle.read())
    if text is None:
        return None
    document, _problems = parse(path, text)
    if document is None or document.meta.get("guid") is not None:
        return None
    return text, document.meta


def unfrozen(path: str, show: str) -> tuple[str, str] | None:
    """(new text, guid) for an episode file without `guid:`; None if it has one or can't say."""
    found = _without_guid(path, split)
    if found is None:
        return None
    text, meta = found
    audio = meta.get("audio")
    if not isinstance(audio, str) or not audio.strip():
        return None
    guid = derived_guid(show, os.path.basename(audio.strip()))
    return freeze_text(text, guid), guid


def unfrozen_show(path: str, feed_url: str) -> tuple[str, str] | None:
    """(new text, guid) for a show.yaml without `guid:`; None if it has one or can't say."""
    found = _without_guid(path, parse_yaml)
    if found is None:
        return None
    text, _meta = found
    guid = show_guid(feed_url)
    newline = "\r\n" if "\r\n" in text else "\n"
    separator = "" if not text or text.endswith(("\n", "\r")) else newline
    comment = "# podcast:guid, fixed at first publish: keep it when the feed moves"
    return f"{text}{separator}{comment}{newline}guid: {quote(guid)}{newline}", guid


def freeze_guids(shows_root: str, feed_url=None) -> list[tuple[str, str]]:
    """Write each episode's current guid into its front matter, and with `feed_url` (show
    folder name -> the feed's public URL) each show's podcast:guid into its show.yaml, where
    missing; return the (path, guid) pairs written."""
    changed = []
    if not os.path.isdir(shows_root):
        return changed
    for show in sorted(os.listdir(shows_root)):
        folder = os.path.join(shows_root, show)
        if not os.path.isdir(folder):
            continue
        yaml_path = os.path.join(folder, "show.yaml")
        result = (unfrozen_show(yaml_path, feed_url(show))
                  if feed_url and os.path.isfile(yaml_path) else None)
        if result is not None:
            # Through the write guard: a show.yaml or episode that is a link out of the shows
            # folder is refused, not written through.
            write_file(shows_root, f"{show}/show.yaml", result[0], overwrite=True)
            changed.append((yaml_path, result[1]))
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            result = unfrozen(path, show) if name.endswith((".md", ".markdown")) else None
            if result is not None:
                write_file(shows_root, f"{show}/{name}", result[0], overwrite=True)
                changed.append((path, result[1]))
    return changed
