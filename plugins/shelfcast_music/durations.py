"""Track lengths as librarians write them ("4:05", "1:02:30") and as schema.org wants them."""

from __future__ import annotations

import re

LENGTH = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{2})$")
LENGTH_HINT = "write minutes:seconds in quotes, e.g. \"4:05\" (or \"1:02:30\" with hours)"


def parse_length(value) -> int | None:
    """Seconds in a "M:SS" or "H:MM:SS" length; None when it is not one.

    An unquoted 9:22 reaches us as the int 562: YAML 1.1 reads it as a base-60 number, which
    is exactly its length in seconds, so whole numbers are taken as seconds.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str):
        return None
    match = LENGTH.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    if seconds >= 60 or (hours and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + seconds


def clock(seconds: int) -> str:
    """4:05, or 1:02:30 from an hour up: how a CD sleeve prints a length."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso8601(seconds: int) -> str:
    """PT9M22S: the duration form schema.org's MusicRecording.duration expects."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "",
             f"{secs}S" if secs or not (hours or minutes) else ""]
    return "PT" + "".join(parts)
