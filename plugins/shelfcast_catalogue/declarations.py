"""The CATALOGUE setting, as data: which catalogue identifier links (isbn:, ean:...) open."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import Field, SettingsBlock

from .identifiers import SCHEMES
from .presets import PRESETS

# Templates may be given per identifier scheme, and for the catalogue's search.
TEMPLATE_KEYS = (*SCHEMES, "search")


def _parameter(name: str, help_text: str, example: str) -> Field:
    return setting(name, "text", None, help_text, pattern=r"\S", example=example)


SETTINGS = (SettingsBlock("CATALOGUE", (
    setting("system", "enum", None, "A catalogue system whose links Shelfcast knows; None: "
            "templates only.", allowed=tuple(sorted(PRESETS)), example="koha"),
    setting("base_url", "url", None, "The catalogue's address.",
            example="https://catalogue.example.org"),
    setting("templates", "block", {}, "Link templates per identifier scheme (and search); "
            "each overrides the system's own.",
            fields=tuple(setting(key, "text", None, f"The {key} link template.", pattern=r"\S",
                                 example=f"https://catalogue.example.org/search?q={{{key}}}")
                         for key in TEMPLATE_KEYS),
            example={"isbn": "https://catalogue.example.org/search?isbn={isbn}"}),
    _parameter("vid", "Primo VE: the view id.", "45KBDK_KGL:KGL"),
    _parameter("tab", "Primo VE: the tab.", "Everything"),
    _parameter("scope", "Primo VE: the search scope.", "MyInst_and_CI"),
)),)
