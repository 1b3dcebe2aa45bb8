"""The CLOSED_PARTS setting, as data: a dict of closed parts, each with its date and note."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import Field, SettingsBlock

CLOSED_PART = Field("part", "block", help={"en": "One closed part: since when, and what its "
                                                   "pages say."}, fields=(
    setting("since", "date", None, "The day it closed, YYYY-MM-DD.", required=True,
            example="2019-06-30"),
    setting("note", "text", None, "A sentence shown on each of its pages.", required=True,
            pattern=r"\S", example="This project ended in 2019; the posts stay."),
))

# Names the library chooses: a section folder, "programmes/<name>" or "*" (the whole site).
SETTINGS = (SettingsBlock("CLOSED_PARTS", (), item=CLOSED_PART, help={"en": (
    "Closed parts of the site, by section folder, 'programmes/<name>' or '*' for the whole "
    "site: {\"events\": {\"since\": \"2019-06-30\", \"note\": \"...\"}}.")}),)
