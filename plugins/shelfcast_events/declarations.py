"""The events plugin's `event:` block, which turns any post into an event."""

from __future__ import annotations

from dataclasses import replace

from shelfcast_sitekit.declarations import described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock

WEB = ("https", "http")
MOMENT_OR_TIME = r"^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}[:.]\d{2}(:\d{2})?)?|\d{1,2}[:.]\d{2})$"
EVERY = r"^\s*(\d+\s+)?(day|days|week|weeks|month|months)\s*$"
NOT_A_WEB_ADDRESS = "is not a web address; paste the whole address, starting with https://"

EVENT_FIELDS = (
    described(
        "start",
        "When it starts: YYYY-MM-DD HH:MM (a date alone with all_day: true).",
        "Hvornår det starter: ÅÅÅÅ-MM-DD TT:MM (kun dato med all_day: true).",
        "När det börjar: ÅÅÅÅ-MM-DD TT:MM (bara datum med all_day: true).",
        kind="datetime",
        required=True,
        example="2026-12-03 19:00",
        hint="is not a date and time (a time without a date is not enough); "
             "write e.g. 2026-12-03 19:00",
    ),
    described(
        "end",
        "When it ends: a time (21:00) or a date and time.",
        "Hvornår det slutter: et klokkeslæt (21:00) eller dato og tid.",
        "När det slutar: en tid (21:00) eller datum och tid.",
        kind="datetime",
        pattern=MOMENT_OR_TIME,
        example="21:00",
        hint="is not a time; write 21:00 or 2026-12-03 21:00 (the last day, e.g. 2026-12-04, "
             "for an all-day event)",
    ),
    described(
        "all_day",
        "true for an event without times.",
        "true for et heldagsarrangement.",
        "true för ett heldagsevenemang.",
        kind="boolean",
        example=False,
    ),
    described(
        "location",
        "The room, or a branch key from LIBRARY['branches'].",
        "Lokalet, eller en filials nøgle fra LIBRARY['branches'].",
        "Lokalen, eller en filials nyckel från LIBRARY['branches'].",
        example="Reading room, main library",
    ),
    described(
        "address",
        "Street address when it is not the library's.",
        "Adresse, hvis det ikke er bibliotekets.",
        "Adress om det inte är bibliotekets.",
        example="Torvet 1, 4000 Ørstad",
    ),
    described(
        "online_url",
        "Where to join online.",
        "Hvor man deltager online.",
        "Var man deltar online.",
        kind="url",
        schemes=WEB,
        example="https://meet.example.org/library",
        hint=NOT_A_WEB_ADDRESS,
    ),
    described(
        "price",
        "Price in words; free, gratis or 0 for free.",
        "Pris med ord; free, gratis eller 0 for gratis.",
        "Pris med ord; free, gratis eller 0 för gratis.",
        example="free",
    ),
    described(
        "registration_url",
        "Where to sign up.",
        "Hvor man tilmelder sig.",
        "Var man anmäler sig.",
        kind="url",
        schemes=WEB,
        example="https://library.example.org/signup",
        hint=NOT_A_WEB_ADDRESS,
    ),
    described(
        "registration_deadline",
        "Last day to sign up.",
        "Sidste tilmeldingsdag.",
        "Sista anmälningsdag.",
        kind="datetime",
        example="2026-12-01",
    ),
    described(
        "capacity_note",
        "E.g. 'Max 20 children'.",
        "F.eks. 'Højst 20 børn'.",
        "T.ex. 'Högst 20 barn'.",
        example="Max 20 children",
    ),
    described(
        "cancelled",
        "true when the event is cancelled.",
        "true når det er aflyst.",
        "true när det är inställt.",
        kind="boolean",
        example=False,
    ),
    Field(
        "recurrence",
        "block",
        aliases=("dates",),
        fields=(
            described(
                "every",
                "How often: week, 2 weeks, month.",
                "Hvor tit: week, 2 weeks, month.",
                "Hur ofta: week, 2 weeks, month.",
                required=True,
                pattern=EVERY,
                example="2 weeks",
                hint="is not a repeat; write week, 2 weeks or month",
            ),
            described(
                "until",
                "The last date.",
                "Sidste dato.",
                "Sista datum.",
                kind="date",
                required=True,
                example="2027-06-01",
            ),
        ),
        example={"every": "2 weeks", "until": "2027-06-01"},
        help=words(
            "Repeats: every/until, or a list of dates.",
            "Gentagelser: every/until eller en liste af datoer.",
            "Upprepningar: every/until eller en lista med datum.",
        ),
    ),
    described(
        "uid",
        "Fixed calendar id; never change it.",
        "Fast kalender-id; ændr det aldrig.",
        "Fast kalender-id; ändra det aldrig.",
        example="repair-cafe@library.example.org",
    ),
)
EVENT_HELP = words(
    "Makes the post an event: when, where, price.",
    "Gør indlægget til et arrangement: hvornår, hvor, pris.",
    "Gör inlägget till ett evenemang: när, var, pris.",
)
# The schema checks the block (types, patterns, required and unknown fields) when the post
# is read; shelfcast_events.reading.read_event keeps only what a schema cannot say: the end
# after the start, a repeat's interval and last date, a day the calendar does not have
# (2027-02-30), a branch key from LIBRARY['branches'] and the deadline before the start.
EVENT = Field(
    "event",
    "block",
    fields=EVENT_FIELDS,
    help=EVENT_HELP,
)
EVENT = labelled(EVENT, {
    "event": words("Event", "Arrangement", "Evenemang"),
    "start": words("Starts", "Starter", "Börjar"),
    "end": words("Ends", "Slutter", "Slutar"),
    "all_day": words("All day", "Hele dagen", "Hela dagen"),
    "location": words("Place", "Sted", "Plats"),
    "address": words("Address", "Adresse", "Adress"),
    "online_url": words("Online address", "Onlineadresse", "Onlineadress"),
    "price": words("Price", "Pris", "Pris"),
    "registration_url": words("Sign-up address", "Tilmelding (adresse)", "Anmälan (adress)"),
    "registration_deadline": words("Sign up by", "Tilmeldingsfrist", "Sista anmälningsdag"),
    "capacity_note": words("Places", "Pladser", "Platser"),
    "cancelled": words("Cancelled", "Aflyst", "Inställt"),
    "recurrence": words("Repeats", "Gentages", "Upprepas"),
    "every": words("Every", "Hver", "Var"),
    "until": words("Until", "Indtil", "Till och med"),
    "except": words("Except on", "Undtagen", "Utom"),
    "uid": words("Calendar id (UID)", "Kalender-id (UID)", "Kalender-id (UID)"),
})

CONTENT_TYPES = (
    ContentType(
        "event",
        label=words("Event", "Arrangement", "Evenemang"),
        where=("*.md",),
        requires="event",
        base="post",
        fields=(replace(EVENT, required=True),),
    ),
)
EXTENSIONS = {"post": (EVENT,)}

SETTINGS = (
    SettingsBlock(
        "EVENTS",
        (
            setting(
                "path",
                "file",
                "events",
                "Folder of the listing pages: events/ (upcoming), "
                "events/past/, events/<branch>/, months.",
                example="events",
            ),
            setting(
                "calendar_save_as",
                "file",
                "events.ics",
                "The iCalendar file of every event.",
                example="events.ics",
            ),
            setting(
                "home_count",
                "integer",
                3,
                "Upcoming events on the home page.",
                minimum=0,
                maximum=50,
                example=3,
            ),
            setting(
                "currency",
                "text",
                None,
                "ISO 4217 code for free events' schema.org offer; None leaves it out.",
                pattern=r"^[A-Z]{3}$",
                example="DKK",
            ),
        ),
    ),
)
