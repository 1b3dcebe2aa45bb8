"""Is a language code one a podcast directory, a browser and a screen reader all understand?

BCP 47 tags whose first part is an ISO 639 language (da, sv, en-GB, nb-NO). Country codes
written where a language is meant (dk, se, gr) are the common mistake: we suggest the language.
"""

from __future__ import annotations

import re

from babel.core import get_global

from .problems import shorten

TAG = re.compile(r"^([a-zA-Z]{2,3})((?:-[A-Za-z0-9]{2,8})*)$")
# Country codes librarians write for a language, and the language they mean. Codes that are
# also real languages stay out (se is Northern Sami, ch Chamorro): a page may be in them.
COUNTRY_MISTAKES = {"dk": "da", "gr": "el", "cz": "cs", "jp": "ja", "cn": "zh",
                    "ee": "et", "us": "en", "gb": "en", "du": "nl", "ge": "ka", "kr": "ko",
                    "al": "sq", "vn": "vi", "rs": "sr", "at": "de", "ir": "fa",
                    "ua": "uk", "il": "he", "by": "be"}


def _known_languages() -> frozenset[str]:
    """ISO 639 codes Babel's CLDR data knows (639-1 and the 639-2/3 codes CLDR uses)."""
    aliases = get_global("language_aliases")
    names = get_global("likely_subtags")
    return frozenset(code for code in [*names, *aliases] if "_" not in code and code.isalpha()
                     and code.islower() and len(code) in (2, 3)) | {"nb", "nn", "se"}


KNOWN = _known_languages()


def language_problem(code: str) -> str | None:
    """None for a good code; otherwise what to write instead, in a librarian's words."""
    match = TAG.match(code or "")
    if match is None:
        return f"{shorten(str(code))} is not a language code; write e.g. en, da or sv"
    language = match.group(1).lower()
    if language in COUNTRY_MISTAKES:
        return (f"{shorten(code)} is a country code, not a language code; did you mean "
                f"{COUNTRY_MISTAKES[language]}{match.group(2)}?")
    if language not in KNOWN:
        return f"{shorten(code)} is not an ISO 639 language code; write e.g. en, da or sv"
    return None

