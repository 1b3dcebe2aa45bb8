"""Names and codes of languages, from Babel's CLDR data."""

from __future__ import annotations

from babel.core import get_global

from .dates import babel_locale


def language_name(lang: str) -> str:
    """A language's own name for itself, capitalised: 'Dansk', 'Svenska', 'English'."""
    locale = babel_locale(lang)
    name = locale.get_display_name(locale) or lang
    return name[:1].upper() + name[1:]


def og_locale(lang: str | None) -> str:
    """Open Graph wants language_TERRITORY: 'da' -> 'da_DK', 'sv-FI' -> 'sv_FI'."""
    locale = babel_locale(lang)
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{locale.language}_{territory}" if territory.isalpha() and territory.isupper() \
        else locale.language
