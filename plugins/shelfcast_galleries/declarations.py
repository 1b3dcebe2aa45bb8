"""Galleries: galleries/<name>/gallery.yaml lists the pictures (and videos) with their words."""

from __future__ import annotations

from shelfcast_sitekit.declarations import described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock, checked_in_code

CAPTION = described(
    "caption",
    "A line under the picture.",
    "En linje under billedet.",
    "En rad under bilden.",
    example="The book cake",
)
PHOTOGRAPHER = described(
    "photographer",
    "Who took it (credited).",
    "Hvem der tog det.",
    "Vem som tog den.",
    example="Amira Haddad",
)
LICENCE = described(
    "licence",
    "Licence of the pictures.",
    "Billedernes licens.",
    "Bildernas licens.",
    example="CC BY 4.0",
)
# A gallery entry is a picture or a video; the reading code takes each set from here.
PICTURE_FIELDS = (
    described(
        "file",
        "A picture in the gallery's folder.",
        "Et billede i gallerimappen.",
        "En bild i gallerimappen.",
        kind="image",
        example="cake.jpg",
    ),
    described(
        "alt",
        "What the picture shows (required for a picture).",
        "Hvad billedet viser (påkrævet for billeder).",
        "Vad bilden visar (krävs för en bild).",
        example="A cake shaped like a book",
    ),
    CAPTION,
    PHOTOGRAPHER,
    LICENCE,
)
VIDEO_FIELDS = (
    described(
        "video",
        "A video (MP4/WebM) instead of a picture.",
        "En video (MP4/WebM) i stedet for et billede.",
        "En video (MP4/WebM) i stället för en bild.",
        kind="file",
        example="dance.mp4",
    ),
    described(
        "captions",
        "The video's captions (.vtt) or 'none: <why>'.",
        "Videoens undertekster (.vtt) eller 'none: <hvorfor>'.",
        "Videons undertexter (.vtt) eller 'none: <varför>'.",
        kind="file",
        example="dance.vtt",
    ),
    described(
        "video_poster",
        "The video's still picture.",
        "Videoens stillbillede.",
        "Videons stillbild.",
        kind="image",
        example="dance.jpg",
    ),
    CAPTION,
    PHOTOGRAPHER,
    LICENCE,
)
ENTRY = Field(
    "entry",
    "block",
    fields=PICTURE_FIELDS + tuple(f for f in VIDEO_FIELDS if f not in PICTURE_FIELDS),
)

GALLERY = ContentType(
    "gallery",
    label=words("Gallery", "Galleri", "Galleri"),
    format="yaml",
    body=False,
    where=("{galleries_path}/*/gallery.yaml",),
    where_defaults={"galleries_path": "galleries"},
    fields=checked_in_code(
        "shelfcast_galleries.reading.read_gallery",
        (
            described(
                "title",
                "The gallery's title.",
                "Galleriets titel.",
                "Galleriets titel.",
                required=True,
                example="Summer reading party 2026",
            ),
            described(
                "date",
                "When the pictures were taken.",
                "Hvornår billederne blev taget.",
                "När bilderna togs.",
                kind="datetime",
                required=True,
                example="2026-08-20",
            ),
            PHOTOGRAPHER,
            LICENCE,
            described(
                "description",
                "A few words about the gallery.",
                "Lidt om galleriet.",
                "Några ord om galleriet.",
                kind="markdown",
            ),
            Field(
                "images",
                "list",
                required=True,
                item=ENTRY,
                example=[{"file": "cake.jpg", "alt": "A book cake", "caption": "The cake"}],
                help=words(
                    "The pictures, each with file, alt and caption.",
                    "Billederne, hver med file, alt og caption.",
                    "Bilderna, var och en med file, alt och caption.",
                ),
            ),
        ),
    ),
    help=words("A picture gallery.", "Et billedgalleri.", "Ett bildgalleri."),
)

GALLERY = labelled(GALLERY, {
    "title": words("Title", "Titel", "Rubrik"),
    "date": words("Date", "Dato", "Datum"),
    "photographer": words("Photographer", "Fotograf", "Fotograf"),
    "licence": words("Licence", "Licens", "Licens"),
    "description": words("Description", "Beskrivelse", "Beskrivning"),
    "images": words("Pictures", "Billeder", "Bilder"),
    "file": words("File", "Fil", "Fil"),
    "alt": words("Alt text", "Alt-tekst", "Alt-text"),
    "caption": words("Caption", "Billedtekst", "Bildtext"),
    "video": words("Video", "Video", "Video"),
    "captions": words("Subtitles", "Undertekster", "Undertexter"),
    "video_poster": words("Poster image", "Plakatbillede", "Affischbild"),
})
CONTENT_TYPES = (GALLERY,)

WIDTH = Field("width", "integer", minimum=16, maximum=8000)
SETTINGS = (
    SettingsBlock(
        "GALLERIES",
        (
            setting(
                "path",
                "file",
                "galleries",
                "Folder under content/ with one folder per gallery: gallery.yaml and the images.",
                example="galleries",
            ),
            setting(
                "url", "file", "galleries", "Folder of the pages in output/.", example="galleries"
            ),
            setting(
                "thumbnail_widths",
                "list",
                [480, 240],
                "Pixel widths of the thumbnails.",
                item=WIDTH,
                max_items=8,
                example=[480, 240],
            ),
            setting(
                "image_widths",
                "list",
                [1600, 800],
                "Pixel widths of the large copies.",
                item=WIDTH,
                max_items=8,
                example=[1600, 800],
            ),
            setting(
                "formats",
                "list",
                ["webp", "jpeg"],
                "Formats of the copies: webp and/or jpeg.",
                item=Field("format", "enum", allowed=("webp", "jpeg")),
                example=["webp", "jpeg"],
            ),
            setting(
                "quality",
                "integer",
                80,
                "Image quality of the copies.",
                minimum=1,
                maximum=95,
                example=80,
            ),
        ),
    ),
)
