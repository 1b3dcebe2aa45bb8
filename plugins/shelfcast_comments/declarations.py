"""Readers' comments: one YAML file each, in comments/<post-slug>/, moderated by committing."""

from __future__ import annotations

from shelfcast_sitekit.declarations import described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock

COMMENT = ContentType(
    "comment",
    label=words("Comment", "Kommentar", "Kommentar"),
    format="yaml",
    body=False,
    where=("{comments_path}/*/*.yaml",),
    where_defaults={"comments_path": "comments"},
    # Checked by the schema; reading.read_comment adds what it cannot say: the text's length
    # against COMMENTS["max_length"] (a setting, lifted by imported: true) and the privacy,
    # bidi and YAML alias checks of what a reader sent.
    fields=(
        described(
            "name",
            "The commenter's name as shown (up to 60 characters).",
            "Kommentatorens navn som vist (højst 60 tegn).",
            "Kommentatorns namn som det visas (högst 60 tecken).",
            required=True,
            example="Anna",
            max_length=60,
            pattern=r"^[^\n]*$",
            hint="is longer than a name; write a name (at most 60 characters, one line)",
        ),
        described(
            "date",
            "When it was written.",
            "Hvornår den blev skrevet.",
            "När den skrevs.",
            kind="datetime",
            required=True,
            example="2026-11-02 14:05",
        ),
        described(
            "text",
            "The comment (plain text, paragraphs by blank lines).",
            "Kommentaren (ren tekst, afsnit med tomme linjer).",
            "Kommentaren (ren text, stycken med tomma rader).",
            kind="markdown",
            required=True,
            example="Thank you for the tip!",
        ),
        described(
            "reply_to",
            "The id (file name) of the comment it answers.",
            "Id (filnavn) på den kommentar, den svarer på.",
            "Id (filnamn) på kommentaren den svarar på.",
            kind="identifier",
            pattern=r"^[a-z0-9-]+$",
            example="2026-11-02-anna",
            hint="is not a comment's id; write the file name of the comment it answers, "
            "without .yaml, e.g. 2026-11-02-anna",
        ),
        described(
            "website",
            "The commenter's web site.",
            "Kommentatorens websted.",
            "Kommentatorns webbplats.",
            kind="url",
            schemes=("https", "http"),
            example="https://anna.example.org",
            hint="is not an http:// or https:// address; remove it or write the full address",
        ),
        described(
            "pending",
            "On: the comment waits for a moderator and is not shown. Turn it off to approve "
            "it, once you have read it and removed the reader's contact details.",
            "Til: kommentaren venter på en moderator og vises ikke. Slå fra for at godkende "
            "den, når du har læst den og fjernet læserens kontaktoplysninger.",
            "På: kommentaren väntar på en moderator och visas inte. Slå av för att godkänna "
            "den, när du har läst den och tagit bort läsarens kontaktuppgifter.",
            kind="boolean",
            example=True,
            label=words("Waiting for approval", "Afventer godkendelse",
                        "Väntar på godkännande"),
            hint="is not true or false; write `pending: true` to hold the comment back, or "
            "leave the line out to show it",
        ),
        described(
            "imported",
            "true for a comment moved in from an old blog.",
            "true for en kommentar flyttet fra en gammel blog.",
            "true för en kommentar flyttad från en gammal blogg.",
            kind="boolean",
            example=True,
        ),
    ),
    help=words(
        "A reader's comment on a post.",
        "En læsers kommentar til et indlæg.",
        "En läsares kommentar till ett inlägg.",
    ),
)

# A post invites comments unless it says comments: closed; a thread on Mastodon takes them too.
POST_FIELDS = (
    Field(
        "comments",
        "enum",
        allowed=("open", "closed"),
        default="open",
        example="closed",
        hint="is not a choice; write comments: closed (or leave the line out to invite comments)",
        help=words(
            "closed: no comments on this post.",
            "closed: ingen kommentarer her.",
            "closed: inga kommentarer här.",
        ),
    ),
    Field(
        "fediverse_thread",
        "url",
        schemes=("https",),
        example="https://mastodon.example/@library/1234",
        hint="is not an https:// address; paste the address of the post's thread on the "
        "library's Mastodon account",
        help=words(
            "The post on Mastodon where readers can reply.",
            "Opslaget på Mastodon, hvor læsere kan svare.",
            "Inlägget på Mastodon där läsare kan svara.",
        ),
    ),
)
POST_FIELDS = labelled(POST_FIELDS, {
    "comments": words("Comments", "Kommentarer", "Kommentarer"),
    "fediverse_thread": words("Mastodon thread", "Mastodon-tråd", "Mastodon-tråd"),
})
EXTENSIONS = {"post": POST_FIELDS}
COMMENT = labelled(COMMENT, {
    "name": words("Name", "Navn", "Namn"),
    "date": words("Date", "Dato", "Datum"),
    "text": words("Text", "Tekst", "Text"),
    "reply_to": words("Reply to", "Svar på", "Svar på"),
    "website": words("Web site", "Websted", "Webbplats"),
    "imported": words("Imported", "Importeret", "Importerad"),
})
CONTENT_TYPES = (COMMENT,)

SETTINGS = (
    SettingsBlock(
        "COMMENTS",
        (
            setting(
                "path",
                "file",
                "comments",
                "Folder under content/ with one folder per post (its "
                "slug), one YAML file per comment.",
                example="comments",
            ),
            setting(
                "email",
                "email",
                None,
                "Readers send comments here; the library moderates and "
                "commits them. None: no invitation.",
                example="comments@library.example.org",
            ),
            setting(
                "per_page",
                "integer",
                50,
                "Threads per page; longer discussions continue on more pages.",
                minimum=1,
                maximum=1000,
                example=50,
            ),
            setting(
                "max_length",
                "integer",
                5000,
                "Longer comments are refused (characters).",
                minimum=1,
                maximum=100_000,
                example=5000,
            ),
            setting(
                "archive",
                "boolean",
                False,
                "Archive mode: every post keeps its comments, no post invites new ones.",
                example=False,
            ),
        ),
    ),
)
