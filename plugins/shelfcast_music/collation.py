"""Sort artists the way the site's language sorts them, for the A–Z index.

Danish (and Norwegian) put Æ Ø Å after Z and read "Aa" as Å; Swedish puts Å Ä Ö after Z;
English folds accents away (Sigur Rós files under S as "Sigur Ros") and ignores a leading
"The ". An explicit artist_sort ("Davis, Miles") always wins. No ICU: the rules a library
needs are few and small enough to write down here, where a test can pin them.
"""

from __future__ import annotations

import unicodedata

from unidecode import unidecode

AFTER_Z = 0x7B  # letters of the local alphabet that follow z get ranks from here up

# For each language: its letters after z, in order, and letters it files as one of those.
ALPHABETS = {
    "da": ("æøå", {"ä": "æ", "ö": "ø", "ü": "y", "aa": "å"}),
    "sv": ("åäö", {"æ": "ä", "ø": "ö", "ü": "y"}),
}
ALPHABETS["nb"] = ALPHABETS["nn"] = ALPHABETS["no"] = ALPHABETS["da"]
LEADING_ARTICLES = {"en": ("the ",)}
NUMBERS_HEADING = "0–9"


def language(lang: str | None) -> str:
    return (lang or "en").lower().split("-")[0].split("_")[0]


def filing_name(name: str, lang: str | None, artist_sort: str | None = None) -> str:
    """The text an artist is filed under: artist_sort, or the name without "The "."""
    if artist_sort:
        return artist_sort.strip()
    name = unicodedata.normalize("NFC", name.strip())
    for article in LEADING_ARTICLES.get(language(lang), ()):
        if name.lower().startswith(article) and len(name) > len(article):
            return name[len(article):].lstrip()
    return name


def _letters(text: str, lang: str) -> list[int]:
    """Ranks of the letters of text in lang's alphabet; spaces rank lowest, punctuation none."""
    extra, same_as = ALPHABETS.get(lang, ("", {}))
    text = unicodedata.normalize("NFC", text).lower()
    for many, one in same_as.items():
        if len(many) > 1:
            text = text.replace(many, one)
    ranks = []
    for char in text:
        char = same_as.get(char, char)
        if char in extra:
            ranks.append(AFTER_Z + extra.index(char))
            continue
        for folded in unidecode(char).lower():
            if folded.isalnum():
                ranks.append(ord(folded))
            elif folded.isspace() and ranks and ranks[-1] != 1:
                ranks.append(1)
    return ranks


def sort_key(name: str, lang: str | None, artist_sort: str | None = None) -> tuple:
    """A key that puts artists in the order of the site's language; ties by exact name."""
    filed = filing_name(name, lang, artist_sort)
    return (tuple(_letters(filed, language(lang))), filed.casefold(), name)


def index_letter(name: str, lang: str | None, artist_sort: str | None = None) -> str:
    """The A–Z heading an artist is listed under (Å for Aalborg in Danish, 0–9 for 2Pac)."""
    lang = language(lang)
    ranks = [r for r in _letters(filing_name(name, lang, artist_sort), lang) if r != 1]
    if not ranks:
        return "#"
    first = ranks[0]
    if first >= AFTER_Z:
        return ALPHABETS[lang][0][first - AFTER_Z].upper()
    char = chr(first)
    return NUMBERS_HEADING if char.isdigit() else char.upper()


def heading_order(letter: str, lang: str | None) -> tuple:
    """Order of the A–Z headings themselves (0–9 first, local letters after Z)."""
    if letter == NUMBERS_HEADING:
        return (0,)
    return (1, tuple(_letters(letter, language(lang))) or (0,), letter)


