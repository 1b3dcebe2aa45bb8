"""Episode and show GUIDs: fixed at first publish, never moved by a rename or a new title."""

from __future__ import annotations

import re
import uuid

# Podcasting 2.0: podcast:guid is UUIDv5 of the feed URL without its scheme in this namespace.
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Ours, for item guids derived from the show folder and the audio file's name.
EPISODE_NAMESPACE = uuid.UUID("6f0b3c56-2f7e-5d1c-9a57-3c1d0a8e5b21")


def show_guid(feed_url: str) -> str:
    """podcast:guid for a feed URL (scheme and trailing slashes removed, as the spec says)."""
    return str(uuid.uuid5(PODCAST_NAMESPACE, re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "",
                                                     feed_url).rstrip("/")))


def derived_guid(show: str, audio_name: str) -> str:
    """The guid of an episode without `guid:`: the show folder and the audio file's name.

    Title, date, slug and the Markdown file's name do not enter it, so changing them keeps it.
    """
    return str(uuid.uuid5(EPISODE_NAMESPACE, f"{show}/{audio_name}"))


def duplicates(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Guids used by more than one (guid, source path) pair -> the paths that share it."""
    seen: dict[str, list[str]] = {}
    for guid, path in items:
        seen.setdefault(guid, []).append(path)
    return {guid: paths for guid, paths in seen.items() if len(paths) > 1}
