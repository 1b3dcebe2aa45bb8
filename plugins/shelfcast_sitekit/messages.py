"""The build's messages for the librarian in the site's language (DEFAULT_LANG): the frames
every report has (warning, note, the closing line) and the most common content errors, as our
own catalogue of message templates. Pure. A message with no template here stays English.
"""

from __future__ import annotations

import re

# Severity words and the closing line of a failed build.
FRAMES = {
    "da": {"warning": "advarsel", "note": "note",
           "summary": "{count} fejl: intet blev udgivet; ret linjerne ovenfor og byg igen."},
    "sv": {"warning": "varning", "note": "notis",
           "summary": "{count} fel: inget publicerades; rätta raderna ovan och bygg igen."},
    "en": {"warning": "warning", "note": "note",
           "summary": "{count} error(s): nothing was published; fix the lines above and build "
                      "again."},
}
# (English message as a pattern, {lang: translation with the same named groups}).
TEMPLATES = (
    (r"missing; add a line '(?P<f>[^']+): \.\.\.' to the front matter",
     {"da": "mangler; tilføj en linje '{f}: ...' i front matter",
      "sv": "saknas; lägg till en rad '{f}: ...' i front matter"}),
    (r"missing; add a line '(?P<f>[^']+): YYYY-MM-DD' to the front matter",
     {"da": "mangler; tilføj en linje '{f}: ÅÅÅÅ-MM-DD' i front matter",
      "sv": "saknas; lägg till en rad '{f}: ÅÅÅÅ-MM-DD' i front matter"}),
    (r"(?P<v>.+) is not a date \(write YYYY-MM-DD or YYYY-MM-DD HH:MM\)",
     {"da": "{v} er ikke en dato (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM)",
      "sv": "{v} är inte ett datum (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM)"}),
    (r"must be a single line of text, not (?P<v>.+)",
     {"da": "skal være én linje tekst, ikke {v}", "sv": "ska vara en rad text, inte {v}"}),
    (r"(?P<src>\S+) has no alt text, so a blind reader hears only the file name; describe the "
     r"picture in the brackets: (?P<example>.+)",
     {"da": "{src} har ingen alt-tekst, så en blind læser hører kun filnavnet; beskriv billedet "
            "i de firkantede parenteser: {example}",
      "sv": "{src} saknar alt-text, så en blind läsare hör bara filnamnet; beskriv bilden "
            "inom hakparenteserna: {example}"}),
    (r"(?P<v>.+) does not exist; check the spelling of the path",
     {"da": "{v} findes ikke; tjek stavningen af stien",
      "sv": "{v} finns inte; kontrollera stavningen av sökvägen"}),
)


def frames(lang: str | None) -> dict:
    return FRAMES.get((lang or "en").split("-")[0].lower(), FRAMES["en"])


def translated(message: str, lang: str | None) -> str:
    """The message in `lang` if our catalogue has its template; else as it is."""
    code = (lang or "en").split("-")[0].lower()
    for pattern, translations in TEMPLATES:
        match = re.fullmatch(pattern, message)
        if match and code in translations:
            return translations[code].format(**match.groupdict())
    return message


# What `invoke init` says once the answers are known, in the site's first language.
INIT_TEXTS = {
    "en": {"wrote": "Wrote {path}",
           "card": "Wrote {path} (the picture link previews show)",
           "removed": "Removed {count} demo file(s); examples to copy from are in "
                      "content/_examples/ (never published).",
           "kept": "Kept {path}: you changed it since the demo. Delete it if unneeded.",
           "done": "Done. Next: your opening hours and address (LIBRARY in library.py, see "
                   "docs/library.md), then `make build`."},
    "da": {"wrote": "Skrev {path}",
           "card": "Skrev {path} (billedet, som link-forhåndsvisninger viser)",
           "removed": "Fjernede {count} demofil(er); eksempler at kopiere fra ligger i "
                      "content/_examples/ (udgives aldrig).",
           "kept": "Beholdt {path}: du har ændret den siden demoen. Slet den, hvis den ikke "
                   "skal bruges.",
           "done": "Færdig. Næste skridt: jeres åbningstider og adresse (LIBRARY i library.py, "
                   "se docs/library.md), derefter `make build`."},
    "sv": {"wrote": "Skrev {path}",
           "card": "Skrev {path} (bilden som länkförhandsvisningar visar)",
           "removed": "Tog bort {count} demofil(er); exempel att kopiera från finns i "
                      "content/_examples/ (publiceras aldrig).",
           "kept": "Behöll {path}: du har ändrat den sedan demon. Ta bort den om den inte "
                   "behövs.",
           "done": "Klart. Nästa steg: era öppettider och er adress (LIBRARY i library.py, se "
                   "docs/library.md), sedan `make build`."},
}


def init_texts(lang: str | None) -> dict:
    return INIT_TEXTS.get((lang or "en").split("-")[0].lower(), INIT_TEXTS["en"])
