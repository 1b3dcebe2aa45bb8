"""Dates and language names in the reader's language (Babel's CLDR data, not the OS locale)."""

from __future__ import annotations

import functools
from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time

FALLBACK = "en"


# Templates ask for the same few languages' locales and the same posts' dates on page after
# page (a post's date on its page, its tags', section's, author's and the home listings):
# Babel's answers depend on nothing else, so each is worked out once per process
# (docs/speed.md, branch cold26). Bounded: the preview's process lives for hours of saves.
MEMO_SIZE = 1 << 16


@functools.lru_cache(maxsize=256)
def babel_locale(lang: str | None) -> Locale:
    """A Babel locale for a language tag such as 'da', 'sv-FI' or 'en_GB'; English if unknown."""
    try:
        return Locale.parse((lang or FALLBACK).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(FALLBACK)


def local_date(value: date | datetime, lang: str | None, style: str = "long") -> str:
    """Write a date as the language does: 'November 2, 2026', '2. november 2026'."""
    if isinstance(value, datetime):
        value = value.date()
    return _formatted_date(value, lang, style)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _formatted_date(day: date, lang: str | None, style: str) -> str:
    return format_date(day, format=style, locale=babel_locale(lang))


def local_period(period: tuple, lang: str | None) -> str:
    """Name a date archive period: (2026,) -> '2026'; (2026, 11) -> 'November 2026' per locale."""
    if len(period) == 1:
        return str(period[0])
    if len(period) > 2:
        return local_date(date(*period[:3]), lang)
    return format_skeleton("yMMMM", datetime(period[0], period[1], 1), locale=babel_locale(lang))


def local_time(value: datetime, lang: str | None) -> str:
    """Write a time of day as the language does: '19:00', '7:00 PM'."""
    return format_time(value, format="short", locale=babel_locale(lang))
