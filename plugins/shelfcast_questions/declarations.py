"""Ask-a-librarian: one answered question per file in questions/."""

from __future__ import annotations

from shelfcast_sitekit.declarations import POST, described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, SettingsBlock, checked_in_code

AGE_GROUPS = ("children", "young people", "adults")
FIRST_NAME = r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$"

# The question is read as the title by the site kit's check_common (which reports it missing
# or empty), the post's fields as on a post; the schema checks the rest. The questions' code
# keeps the privacy warnings and an empty topic list.
QUESTION_FIELDS = (
    checked_in_code(
        "shelfcast_sitekit.fields.check_common (the question is the title)",
        (
            described(
                "question",
                "The question as asked (its title).",
                "Spørgsmålet som stillet (dets titel).",
                "Frågan som den ställdes (dess titel).",
                required=True,
                example="Why is the sky blue?",
            ),
        ),
    )
    + tuple(f for f in POST.fields if f.name != "title")
    + (
        described(
            "asked_by",
            "The asker's first name only, or anonymous.",
            "Spørgerens fornavn, eller anonymous.",
            "Frågeställarens förnamn, eller anonymous.",
            default="anonymous",
            example="Maja",
            pattern=FIRST_NAME,
            hint="is more than a first name; write only the first name (e.g. Maja) or "
            "anonymous, never a surname or contact details",
        ),
        described(
            "age_group",
            "Who asked: children, young people or adults.",
            "Hvem spurgte: children, young people eller adults.",
            "Vem frågade: children, young people eller adults.",
            kind="enum",
            required=True,
            allowed=AGE_GROUPS,
            example="children",
            hint="is not an age group; write one of " + ", ".join(AGE_GROUPS),
        ),
        described(
            "topics",
            "At least one topic.",
            "Mindst ét emne.",
            "Minst ett ämne.",
            kind="list",
            required=True,
            aliases=("single",),
            item=described("topic", "A topic.", "Et emne.", "Ett ämne."),
            example=["space", "animals"],
        ),
        described(
            "answered_by",
            "The librarian who answered.",
            "Bibliotekaren, der svarede.",
            "Bibliotekarien som svarade.",
            example="Ola",
        ),
    )
)

QUESTION_FIELDS = labelled(QUESTION_FIELDS, {
    "question": words("Question", "Spørgsmål", "Fråga"),
    "asked_by": words("Asked by", "Spurgt af", "Frågat av"),
    "age_group": words("Age group", "Aldersgruppe", "Åldersgrupp"),
    "topics": words("Topics", "Emner", "Ämnen"),
    "topic": words("Topic", "Emne", "Ämne"),
    "answered_by": words("Answered by", "Besvaret af", "Besvarat av"),
})

CONTENT_TYPES = (
    ContentType(
        "question",
        label=words("Question", "Spørgsmål", "Fråga"),
        where=("{questions_path}/*.md",),
        where_defaults={"questions_path": "questions"},
        fields=QUESTION_FIELDS,
        help=words(
            "A question a reader asked, and the answer.",
            "Et spørgsmål fra en læser, og svaret.",
            "En fråga från en läsare, och svaret.",
        ),
    ),
)

SETTINGS = (
    SettingsBlock(
        "QUESTIONS",
        (
            setting(
                "path",
                "file",
                "questions",
                "Folder under content/ with one Markdown file per answered question.",
                example="questions",
            ),
            setting(
                "url",
                "file",
                "questions",
                "Folder of the pages in output/: questions/, "
                "questions/topic/<topic>/, questions/age/...",
                example="questions",
            ),
            setting(
                "feed_save_as",
                "file",
                "feeds/questions.atom.xml",
                "The questions' Atom feed.",
                example="feeds/questions.atom.xml",
            ),
            setting(
                "related",
                "integer",
                3,
                "Related questions shown per question.",
                minimum=0,
                maximum=20,
                example=3,
            ),
            # The "Ask us" box points at the library's own channels; the site collects nothing.
            setting(
                "ask_email",
                "email",
                None,
                "Where readers send questions; None: no e-mail link.",
                example="ask@library.example.org",
            ),
            setting(
                "ask_form_url",
                "url",
                None,
                "The library's own question form; None: none.",
                schemes=("https", "http"),
                example="https://library.example.org/ask",
            ),
            setting(
                "ask_chat_url",
                "url",
                None,
                "The library's chat service; None: none.",
                schemes=("https", "http"),
                example="https://chat.example.org/library",
            ),
        ),
    ),
)
