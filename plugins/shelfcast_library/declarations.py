"""The LIBRARY setting, as data: the library itself (name, address, hours, branches)."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import Field, SettingsBlock

ADDRESS = setting("address", "block", None, "Where it is.", fields=tuple(
    setting(part, "text", None, f"The address's {part.replace('_', ' ')}.", example=example)
    for part, example in (("street", "Torvet 1"), ("postal_code", "4000"), ("city", "Ørstad"),
                          ("region", "Sjælland"), ("country", "DK"))),
    example={"street": "Torvet 1", "postal_code": "4000", "city": "Ørstad"})
HOURS = setting("opening_hours", "block", None, "{\"regular\": {\"mon\": \"10:00-18:00\", ...}, "
                "\"exceptions\": [{\"date\": \"2026-12-24\", \"hours\": \"closed\"}]}.",
                checked_by="shelfcast_library.settings.read_library",
                example={"regular": {"mon": "10:00-18:00"}})


def location_fields(name_required: bool) -> tuple[Field, ...]:
    """What a place readers can visit has: the library itself or one of its branches."""
    return (
        setting("name", "text", None, "The name readers know it by" + (
            " (required)." if name_required else " (default: SITENAME)."),
                required=name_required, pattern=r"\S", example="Nørreby Branch"),
        ADDRESS,
        setting("phone", "text", None, "Phone number, as readers dial it.",
                example="+45 12 34 56 78"),
        setting("email", "email", None, "E-mail address.", example="info@library.example.org"),
        HOURS,
        setting("map_url", "url", None, "A map of where it is.", schemes=("https",),
                example="https://www.openstreetmap.org/#map=18/55.64/12.08"),
    )


SETTINGS = (SettingsBlock("LIBRARY", (
    *location_fields(name_required=False),
    # Inside content/, an image small enough to make icons from: checked with the file.
    setting("logo", "file", None, "The logo, under content/ (SVG, PNG or JPEG).",
            checked_by="shelfcast_library._logo_problems", example="images/logo.svg"),
    setting("social", "block", None, "Links to the library elsewhere: name -> address.",
            item=Field("link", "url", schemes=("https",)),
            example={"Instagram": "https://www.instagram.com/orstad.library/"}),
    setting("branches", "list", [], "Branches: each with the keys of the library itself "
            "(name required).", item=Field("branch", "block", fields=location_fields(True)),
            example=[{"name": "Nørreby Branch"}]),
    setting("accent_colour", "colour", None, "Links and buttons; a colour too light to read "
            "on the site's surfaces is refused.", example="#0b5394"),
    setting("page_save_as", "file", "visit.html", "The \"Visit us\" page; \"\" for none.",
            aliases=("empty",), example="visit.html"),
)),)
