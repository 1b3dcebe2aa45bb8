"""The build's "now": what is upcoming, open today or released yet is decided by the build date.

`BUILD_NOW` in the settings fixes the clock (tests, or previewing a future day); otherwise it
is the time the build runs, in the site's TIMEZONE. The shipped CI builds daily.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo


def site_zone(settings: dict) -> ZoneInfo:
    return ZoneInfo(settings.get("TIMEZONE") or "UTC")


def build_now(settings: dict) -> datetime:
    """The build's moment as an aware datetime in the site's time zone."""
    zone = site_zone(settings)
    fixed = settings.get("BUILD_NOW")
    if isinstance(fixed, str):
        fixed = datetime.fromisoformat(fixed)
    if isinstance(fixed, date) and not isinstance(fixed, datetime):
        fixed = datetime.combine(fixed, time(0, 0))
    if isinstance(fixed, datetime):
        return fixed if fixed.tzinfo else fixed.replace(tzinfo=zone)
    return datetime.now(zone)
