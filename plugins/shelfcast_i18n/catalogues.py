"""Read gettext catalogues (.po) and compile them in memory, so no binary .mo is committed."""

from __future__ import annotations

import gettext
import io
import os
import re
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.problems import WARNING, ContentProblem

# One quoted string, closed, with only escaped quotes inside (Babel silently truncates others).
QUOTED = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{QUOTED}\s*$')


@dataclass(frozen=True)
class Catalogues:
    """The UI translations of one build, one per language code (e.g. 'da', 'sv')."""

    translations: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)  # language code -> the .po file it came from

    def languages(self) -> list[str]:
        return sorted(self.translations)

    def for_lang(self, lang: str | None) -> gettext.NullTranslations:
        """The catalogue for a language tag; 'sv-FI' falls back to 'sv', unknown to English."""
        code = self.code_for(lang)
        return gettext.NullTranslations() if code is None else self.translations[code]

    def code_for(self, lang: str | None) -> str | None:
        """The language code whose catalogue a language tag uses, or None (English)."""
        tag = (lang or "").replace("_", "-").lower()
        return next((c for c in (tag, tag.split("-")[0]) if c in self.translations), None)

    def has(self, lang: str | None) -> bool:
        return isinstance(self.for_lang(lang), gettext.GNUTranslations)


def compile_po(path: str) -> tuple[gettext.GNUTranslations | None, list[ContentProblem]]:
    """Compile one .po file in memory; problems name the file and the line to fix."""
    shown = display_path(path)
    lang = os.path.splitext(os.path.basename(path))[0]
    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None, [ContentProblem(shown, None, None, f"{lang!r} is not a language code; "
                                     "name the file after the language, e.g. da.po or sv.po")]
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [ContentProblem(shown, None, None, "is not UTF-8; save it as UTF-8")]
    problems = syntax_problems(text, shown)
    if problems:
        return None, problems
    try:
        catalog = read_po(io.BytesIO(data), locale=lang.replace("-", "_"), abort_invalid=True)
    except PoFileError as err:
        return None, [ContentProblem(shown, None, None, f"cannot be read ({err}); "
                                     "compare it with the lines around it in another .po file")]
    problems = list(_format_problems(catalog, shown))
    if any(p.severity != WARNING for p in problems):
        return None, problems
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer), problems


def syntax_problems(text: str, shown: str) -> list[ContentProblem]:
    """Lines that are neither comments nor `keyword "text"` nor a `"continued text"` line."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PO_LINE.match(stripped):
            problems.append(ContentProblem(shown, number, None, "is not a .po line; write "
                            'msgid "English" or msgstr "translation", with both quotes'))
    return problems[:1]


def _format_problems(catalog, shown: str):
    """A translation whose %(name)s placeholders differ from the English would break pages."""
    for message, errors in catalog.check():
        for error in errors:
            line = message.lineno or None
            yield ContentProblem(shown, line, None, f"translation of {message.id!r}: {error}; "
                                 "keep every %(name)s placeholder exactly as in the msgid")


def load_catalogues(folder: str) -> tuple[Catalogues, list[ContentProblem]]:
    """Compile every <lang>.po in a folder."""
    translations, paths, problems = {}, {}, []
    names = sorted(n for n in os.listdir(folder) if n.endswith(".po")) \
        if os.path.isdir(folder) else []
    for name in names:
        compiled, found = compile_po(os.path.join(folder, name))
        problems += found
        if compiled is not None:
            translations[name[:-3].lower()] = compiled
            paths[name[:-3].lower()] = os.path.join(folder, name)
    return Catalogues(translations, paths), problems
