"""The learning programmes plugin: programme.yaml, participants.yaml and numbered lessons."""

from __future__ import annotations

from shelfcast_sitekit.declarations import described, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock

WEB = ("https", "http")
FOLDER = {"programmes_path": "programmes"}

PROGRAMME = ContentType(
    "programme",
    label=words("Learning programme", "Læringsforløb", "Lärprogram"),
    format="yaml",
    body=False,
    where=("{programmes_path}/*/programme.yaml",),
    where_defaults=FOLDER,
    # Checked by the schema; the code adds only that the start is a day the calendar has.
    fields=(
        described(
            "title",
            "The programme's name.",
            "Forløbets navn.",
            "Programmets namn.",
            required=True,
            example="23 things",
        ),
        described(
            "description",
            "What participants learn.",
            "Hvad deltagerne lærer.",
            "Vad deltagarna lär sig.",
            kind="markdown",
        ),
        described(
            "start",
            "The day the first lesson is released.",
            "Dagen, den første lektion udgives.",
            "Dagen då första lektionen släpps.",
            kind="date",
            required=True,
            example="2027-01-11",
        ),
        described(
            "pace",
            "Lessons released a week.",
            "Lektioner udgivet om ugen.",
            "Lektioner som släpps per vecka.",
            kind="integer",
            minimum=1,
            default=1,
            example=2,
            hint="is not how many lessons are released a week; write a whole number, "
            "e.g. pace: 2",
        ),
        described(
            "licence",
            "The lessons' licence.",
            "Lektionernes licens.",
            "Lektionernas licens.",
            example="CC BY 4.0",
        ),
        described(
            "licence_url",
            "The licence's text.",
            "Licensens tekst.",
            "Licensens text.",
            kind="url",
            schemes=WEB,
            example="https://creativecommons.org/licenses/by/4.0/",
        ),
        Field(
            "helpers",
            "list",
            item=Field("helper", "text"),
            example=["Karen Holm"],
            help=words(
                "Who helps participants.",
                "Hvem der hjælper deltagerne.",
                "Vem som hjälper deltagarna.",
            ),
        ),
    ),
    help=words(
        "A programme: programmes/<name>/programme.yaml.",
        "Et forløb: programmes/<navn>/programme.yaml.",
        "Ett program: programmes/<namn>/programme.yaml.",
    ),
)

PARTICIPANTS = ContentType(
    "participants",
    label=words("Participants", "Deltagere", "Deltagare"),
    format="yaml",
    body=False,
    where=("{programmes_path}/*/participants.yaml",),
    where_defaults=FOLDER,
    fields=(
        Field(
            "participants",
            "list",
            required=True,
            item=Field(
                "participant",
                "block",
                fields=(
                    described(
                        "name",
                        "Shown on the page.",
                        "Vises på siden.",
                        "Visas på sidan.",
                        required=True,
                        example="Anna",
                    ),
                    described(
                        "blog",
                        "The participant's blog.",
                        "Deltagerens blog.",
                        "Deltagarens blogg.",
                        kind="url",
                        schemes=WEB,
                    ),
                    described(
                        "feed",
                        "The blog's feed.",
                        "Bloggens feed.",
                        "Bloggens flöde.",
                        kind="url",
                        schemes=WEB,
                    ),
                ),
            ),
            help=words("Who takes part.", "Hvem der deltager.", "Vem som deltar."),
        ),
    ),
)

LESSON = ContentType(
    "lesson",
    label=words("Lesson", "Lektion", "Lektion"),
    where=("{programmes_path}/*/*.md",),
    where_defaults=FOLDER,
    base="page",
    fields=(
        described(
            "thing",
            "The lesson's number.",
            "Lektionens nummer.",
            "Lektionens nummer.",
            kind="integer",
            required=True,
            minimum=1,
            example=7,
            # Two lessons with one number is a rule across files: the generator's.
            hint="is not a lesson number; write the lesson's number, e.g. thing: 7",
        ),
        described(
            "time",
            "How long it takes.",
            "Hvor lang tid den tager.",
            "Hur lång tid den tar.",
            example="30 minutes",
        ),
    ),
    help=words(
        "One numbered lesson of a programme.",
        "Én nummereret lektion i et forløb.",
        "En numrerad lektion i ett program.",
    ),
)

CONTENT_TYPES = (PROGRAMME, PARTICIPANTS, LESSON)

SETTINGS = (
    SettingsBlock(
        "PROGRAMMES",
        (
            setting(
                "path",
                "file",
                "programmes",
                "Folder under content/ with one folder per programme.",
                example="programmes",
            ),
            setting(
                "url",
                "file",
                "programmes/{programme}/",
                "URL pattern of a programme's pages, with {programme}.",
                example="programmes/{programme}/",
            ),
            # Participants' own blogs are fetched only with `invoke build --fetch-participants`.
            setting(
                "fetch_participants",
                "boolean",
                False,
                "Fetch participants' blog feeds.",
                example=False,
            ),
            setting(
                "fetch_timeout",
                "number",
                5,
                "Seconds to wait for one participant's feed.",
                minimum=0.1,
                maximum=120,
                example=5,
            ),
            setting(
                "posts_per_participant",
                "integer",
                3,
                "Newest posts shown per participant.",
                minimum=0,
                maximum=50,
                example=3,
            ),
            setting(
                "cache_file",
                "file",
                "participant-feeds.json",
                "File name under CACHE_PATH.",
                example="participant-feeds.json",
            ),
        ),
    ),
)
