"""The site kit's content types (post, page) and the fields every post and page shares."""

from __future__ import annotations

from dataclasses import replace

from .schema import ContentType, Field, SettingsBlock, checked_in_code


def words(en: str, da: str, sv: str) -> dict:
    """A short text in English, Danish and Swedish."""
    return {"en": en, "da": da, "sv": sv}


def described(name: str, en: str, da: str, sv: str, kind: str = "text", **more) -> Field:
    """A field with its help text in English, Danish and Swedish."""
    return Field(name, kind, help=words(en, da, sv), **more)


def labelled(declared, labels: dict):
    """A field, a tuple of fields or a content type with the labels in `labels` (by field
    name, also for the fields inside blocks and lists): what the editor shows above each
    field in the site's language. A name not in `labels` keeps its label."""
    if isinstance(declared, ContentType):
        return replace(declared, fields=labelled(declared.fields, labels))
    if isinstance(declared, tuple):
        return tuple(labelled(f, labels) for f in declared)
    return replace(declared, label=labels.get(declared.name, declared.label),
                   fields=labelled(declared.fields, labels),
                   item=labelled(declared.item, labels) if declared.item else None)


STATUSES = ("published", "draft", "hidden")

TITLE = Field(
    "title",
    "text",
    required=True,
    example="Summer reading 2026",
    help=words(
        "The heading readers see.", "Overskriften, læserne ser.", "Rubriken som läsarna ser."
    ),
)
# A date's words since before the schema: the schema checks the form, the code the calendar.
DATE_HINT = "is not a date (write YYYY-MM-DD or YYYY-MM-DD HH:MM)"
DATE = Field(
    "date",
    "datetime",
    required=True,
    example="2026-06-01 10:00",
    hint=DATE_HINT,
    help=words(
        "Publication date: YYYY-MM-DD or YYYY-MM-DD HH:MM.",
        "Udgivelsesdato: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM.",
        "Publiceringsdatum: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM.",
    ),
)
MODIFIED = Field(
    "modified",
    "datetime",
    example="2026-06-03",
    hint=DATE_HINT,
    help=words(
        "Date of the last real change.",
        "Dato for sidste rigtige ændring.",
        "Datum för den senaste verkliga ändringen.",
    ),
)
AUTHOR = Field(
    "author",
    "text",
    example="Maja Holm",
    help=words(
        "One author (or use authors:).",
        "Én forfatter (eller brug authors:).",
        "En författare (eller använd authors:).",
    ),
)
# Most items a list field (tags) may hold: each becomes a page that lists its posts. WordPress
# posts carry up to about 50 tags (its own test export has one with 45); imports must build.
MAX_LIST_ITEMS = 100
LIST_HINT = f"keep the {MAX_LIST_ITEMS} that say most about the text"
AUTHORS = Field(
    "authors",
    "list",
    item=Field("author", "text"),
    aliases=("single",),
    max_items=MAX_LIST_ITEMS,
    hint=LIST_HINT,
    example=["Maja Holm", "Ola Berg"],
    help=words(
        "Several authors, as a list.",
        "Flere forfattere, som en liste.",
        "Flera författare, som en lista.",
    ),
)
TAGS = Field(
    "tags",
    "list",
    item=Field("tag", "text"),
    aliases=("single",),
    max_items=MAX_LIST_ITEMS,
    hint=LIST_HINT,
    example=["summer", "children"],
    help=words("Keywords, as a list.", "Emneord, som en liste.", "Nyckelord, som en lista."),
)
SUMMARY = Field(
    "summary",
    "markdown",
    example="Ten books for long evenings.",
    help=words(
        "One or two sentences for lists and feeds.",
        "En eller to sætninger til oversigter og feeds.",
        "En eller två meningar för listor och flöden.",
    ),
)
LANG = Field(
    "lang",
    "lang",
    example="da",
    help=words(
        "Language code when it differs from the site's.",
        "Sprogkode, hvis den er en anden end sitets.",
        "Språkkod om den skiljer sig från webbplatsens.",
    ),
)
SLUG = Field(
    "slug",
    "slug",
    example="summer-reading-2026",
    hint="is not a slug; use lower-case letters, digits and hyphens only, e.g. "
    "summer-reading-2026",
    help=words(
        "The last part of the address: lower-case letters, digits, hyphens.",
        "Sidste del af adressen: små bogstaver, tal og bindestreger.",
        "Sista delen av adressen: små bokstäver, siffror och bindestreck.",
    ),
)
STATUS = Field(
    "status",
    "enum",
    allowed=STATUSES,
    default="published",
    example="draft",
    hint="is not a status; write draft or published",
    help=words(
        "draft keeps it off the site; hidden publishes it unlisted.",
        "draft holder den væk fra sitet; hidden udgiver den uden for lister.",
        "draft håller den borta från webbplatsen; hidden publicerar den olistad.",
    ),
)
IMAGE = Field(
    "image",
    "image",
    example="images/reading-room.jpg",
    help=words(
        "A picture in content/images/ for lists and link previews.",
        "Et billede i content/images/ til oversigter og link-forhåndsvisning.",
        "En bild i content/images/ för listor och länkförhandsvisningar.",
    ),
)
IMAGE_ALT = Field(
    "image_alt",
    "text",
    example="Children reading on cushions",
    help=words(
        "What the picture shows, for readers who cannot see it.",
        "Hvad billedet viser, til læsere, der ikke kan se det.",
        "Vad bilden visar, för läsare som inte kan se den.",
    ),
)
TRANSLATION = Field(
    "translation",
    "boolean",
    example=True,
    help=words(
        "Marks this file as a translation of one with the same slug.",
        "Markerer filen som oversættelse af en med samme slug.",
        "Markerar filen som översättning av en med samma slug.",
    ),
)
TEMPLATE = Field(
    "template",
    "identifier",
    example="wide",
    pattern=r"^[a-z][a-z0-9_-]{0,40}$",
    hint="is not a template name; write the name of one of the theme's templates without "
    ".html, e.g. page",
    help=words(
        "A page template from the theme (rarely needed).",
        "En sideskabelon fra temaet (sjældent nødvendig).",
        "En sidmall från temat (behövs sällan).",
    ),
)

# What a librarian sees above each field of a post or page, in the site's language.
LABELS = {
    "title": words("Title", "Titel", "Rubrik"),
    "date": words("Date", "Dato", "Datum"),
    "modified": words("Changed", "Ændret", "Ändrad"),
    "author": words("Author", "Forfatter", "Författare"),
    "authors": words("Authors", "Forfattere", "Författare"),
    "tags": words("Tags", "Emneord", "Nyckelord"),
    "tag": words("Tag", "Emneord", "Nyckelord"),
    "summary": words("Summary", "Resumé", "Sammanfattning"),
    "lang": words("Language", "Sprog", "Språk"),
    "slug": words("Address (slug)", "Adresse (slug)", "Adress (slug)"),
    "status": words("Status", "Status", "Status"),
    "image": words("Image", "Billede", "Bild"),
    "image_alt": words("Image alt text", "Billedets alt-tekst", "Bildens alt-text"),
    "translation": words("Translation", "Oversættelse", "Översättning"),
    "template": words("Template", "Skabelon", "Mall"),
}
(TITLE, DATE, MODIFIED, AUTHOR, AUTHORS, TAGS, SUMMARY, LANG, SLUG, STATUS, IMAGE, IMAGE_ALT,
 TRANSLATION, TEMPLATE) = labelled((TITLE, DATE, MODIFIED, AUTHOR, AUTHORS, TAGS, SUMMARY,
                                   LANG, SLUG, STATUS, IMAGE, IMAGE_ALT, TRANSLATION,
                                   TEMPLATE), LABELS)

# check_common reads these into Pelican's metadata (the translation flag is Pelican's own);
# the fields in SCHEMA_CHECKED it reads as the schema has checked them (a date's calendar
# day it still checks itself: a pattern cannot say that 2026-02-31 is no day; and an author's
# name in typographic quotes, or author: and authors: both given).
CHECK_COMMON = "shelfcast_sitekit.fields.check_common"
SCHEMA_CHECKED = ("date", "modified", "summary", "author", "authors", "tags", "image_alt",
                  "slug", "status", "template", "translation")
# Of those, the ones check_common still reads into Pelican's metadata itself.
READ_BY_CHECK_COMMON = tuple(name for name in SCHEMA_CHECKED if name != "translation")
SHARED = (
    TITLE,
    MODIFIED,
    AUTHOR,
    AUTHORS,
    TAGS,
    SUMMARY,
    LANG,
    SLUG,
    STATUS,
    IMAGE,
    IMAGE_ALT,
    TRANSLATION,
    TEMPLATE,
)


def read_by_check_common(fields) -> tuple[Field, ...]:
    """The fields, those check_common checks itself marked as checked by it."""
    return tuple(f if f.name in SCHEMA_CHECKED else checked_in_code(CHECK_COMMON, (f,))[0]
                 for f in fields)


POST = ContentType(
    "post",
    label=words("Post", "Indlæg", "Inlägg"),
    where=("*.md",),
    fields=read_by_check_common((TITLE, DATE, *SHARED[1:])),
    help=words(
        "A blog post in content/posts/<section>/.",
        "Et blogindlæg i content/posts/<sektion>/.",
        "Ett blogginlägg i content/posts/<sektion>/.",
    ),
)
PAGE = ContentType(
    "page",
    label=words("Page", "Side", "Sida"),
    where=("pages/*.md",),
    fields=read_by_check_common(
        (
            TITLE,
            Field(
                "date",
                "datetime",
                example="2026-06-01",
                hint=DATE_HINT,
                help=words("Optional for pages.", "Valgfri for sider.", "Valfritt för sidor."),
                label=LABELS["date"],
            ),
            *SHARED[1:-2],
            SHARED[-1],
            SHARED[-2],
        )
    ),
    help=words(
        "A page such as About or Privacy in content/pages/.",
        "En side som Om os eller Privatliv i content/pages/.",
        "En sida som Om oss eller Integritet i content/pages/.",
    ),
)

CONTENT_TYPES = (POST, PAGE)


def default_type(kind: str) -> ContentType:
    """The site kit's own type for a reader kind ('page', else a post), used without a schema."""
    return PAGE if kind == "page" else POST


def setting(name: str, kind: str, default, help_text: str, **more) -> Field:
    """One key of a plugin's settings dict (settings are documented for maintainers, in
    English)."""
    return Field(name, kind, default=default, help={"en": help_text}, **more)


def _limit(name: str, default, help_text: str, kind: str = "integer", minimum=1) -> Field:
    return setting(name, kind, default, help_text, minimum=minimum, example=default)


# The site kit's own settings: the limits that keep every build short whatever a file holds
# (shelfcast_sitekit.limits, docs/hostile-input.md) and the raw HTML allowlist (.sanitise).
SETTINGS = (SettingsBlock("SITEKIT", (
    _limit("max_text_bytes", 2_000_000, "Largest Markdown or YAML file the build reads, in "
           "bytes; a long post is about 50 KB."),
    _limit("max_yaml_bytes", 200_000, "Largest front matter or show.yaml, in bytes; a "
           "300-track playlist is about 30 KB."),
    _limit("max_nesting", 50, "Deepest nesting of lists, block quotes and YAML values; real "
           "posts use 3 or 4."),
    # Python-Markdown needs minutes for 5 KB of '[' (its inline patterns backtrack).
    _limit("max_render_seconds", 5, "Longest one Markdown file may take to read and render, "
           "in seconds; a long post takes well under 1 s.", kind="number", minimum=0.1),
    # Decoding costs 4 bytes a pixel, and a 500 KB PNG can declare 169 million of them.
    _limit("max_image_pixels", 50_000_000, "Most pixels a picture may have; a 48-megapixel "
           "phone photo is within it."),
    _limit("max_video_bytes", 500_000_000, "Largest self-hosted video, in bytes; ten minutes "
           "of 720p H.264 is about 50 MB."),
    setting("html_allow", "block", None, "Tags and attributes raw HTML in posts may keep "
            "beyond Shelfcast's allowlist (docs/security.md); script, forms and frames never.",
            checked_by="shelfcast_sitekit.sanitise.build_policy",
            example={"tags": ["kbd"], "attributes": {"abbr": ["title"]}}),
    # What a build reuses and how many processes it uses (docs/speed.md); a library changes
    # them only to find a fault, so they are options of the kit, not settings of their own.
    setting("read_cache", "boolean", True, "Reuse each post's reading from the last build "
            "while its file and the settings are the same (.cache/sitekit-read)."),
    setting("page_cache", "boolean", True, "Reuse each page from the last build while "
            "everything it showed is the same (.cache/sitekit-pages)."),
    _limit("read_workers", 2, "Processes that read Markdown on a cold build; 1 reads in the "
           "build's own process."),
    _limit("render_workers", 2, "Processes that render pages on a cold build; 1 renders in "
           "the build's own process."),
)), SettingsBlock("SECTION_TITLES", (), item=setting(
    "title", "block", None, "A section folder's title: one text, or one per UI language.",
    item=Field("title", "text", pattern=r"\S"), aliases=("text",),
    example={"en": "News", "da": "Nyheder"}), help={"en": (
        "How the site names each section folder under content/posts/: {\"news\": \"News\"} or, "
        "per language, {\"news\": {\"en\": \"News\", \"da\": \"Nyheder\"}}.")}))
