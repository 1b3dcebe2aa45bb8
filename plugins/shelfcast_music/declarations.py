"""The music plugin's content: album reviews and playlists (posts with an album: or playlist:
block), and the blocks themselves, which any post may carry."""

from __future__ import annotations

from dataclasses import replace

from shelfcast_sitekit.declarations import described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock

OLDEST_YEAR = 1877  # Edison's phonograph: nothing recorded is older
LENGTH = r"^(\d+:)?\d{1,2}:\d{2}$"
UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
BARCODE = r"^\d{8}$|^\d{12,13}$"
# What the music plugin's code checks (shelfcast_music.albums and .playlists): what a schema
# cannot say. The schema checks the rest of both blocks when the post is read.
READ_BY = "shelfcast_music.reading.read_blocks"
ONE_ARTIST_LINE = "must be a single line of text, not a list; for several artists write one " \
    "line, e.g. 'A & B'"

ARTIST = described(
    "artist", "Who plays.", "Hvem der spiller.", "Vem som spelar.", example="Miles Davis",
    hint=ONE_ARTIST_LINE,
)
TRACK = Field(
    "track",
    "block",
    fields=(
        described(
            "title",
            "The track's title.",
            "Nummerets titel.",
            "Spårets titel.",
            required=True,
            example="So What",
        ),
        described(
            "length",
            "Length, M:SS.",
            "Længde, M:SS.",
            "Längd, M:SS.",
            pattern=LENGTH,
            example="9:22",
            # An unquoted 9:22 is YAML's base-60 number 562, its length in seconds: read by
            # shelfcast_music.durations.parse_length, which the pattern cannot say.
            checked_by=READ_BY,
        ),
        ARTIST,
    ),
    aliases=("text",),  # a track may be its title alone: - So What
)
ALBUM = Field(
    "album",
    "block",
    fields=(
        Field("artist", "text", required=True, example="Miles Davis", help=ARTIST.help,
              hint=ONE_ARTIST_LINE),
        described(
            "artist_sort",
            "The artist as sorted (Davis, Miles).",
            "Kunstneren som sorteret (Davis, Miles).",
            "Artisten som sorterad (Davis, Miles).",
            example="Davis, Miles",
        ),
        described(
            "title",
            "The album's title.",
            "Albummets titel.",
            "Albumets titel.",
            required=True,
            example="Kind of Blue",
        ),
        described(
            "year",
            "Year of release.",
            "Udgivelsesår.",
            "Utgivningsår.",
            kind="integer",
            minimum=OLDEST_YEAR,
            example=1959,
            checked_by=READ_BY,  # not after the build's year; "1959" in quotes is read too
        ),
        described("label", "Record label.", "Pladeselskab.", "Skivbolag.", example="Columbia"),
        described(
            "catalogue_number",
            "The label's catalogue number.",
            "Selskabets katalognummer.",
            "Bolagets katalognummer.",
            example="CL 1355",
        ),
        described(
            "ean",
            "Barcode (EAN-13), checked.",
            "Stregkode (EAN-13), kontrolleres.",
            "Streckkod (EAN-13), kontrolleras.",
            kind="identifier",
            pattern=BARCODE,
            example="5099706935126",
            checked_by=READ_BY,  # the check digit
        ),
        described(
            "upc",
            "Barcode (UPC-A), checked.",
            "Stregkode (UPC-A).",
            "Streckkod (UPC-A).",
            kind="identifier",
            pattern=BARCODE,
            example="074646935120",
            checked_by=READ_BY,  # the check digit
        ),
        described(
            "faust",
            "The record's faust number.",
            "Pladens faustnummer.",
            "Skivans faustnummer.",
            kind="identifier",
            example="25704011",
        ),
        Field(
            "genres",
            "list",
            item=Field("genre", "text"),
            aliases=("single",),
            example=["Jazz", "Modal jazz"],
            help=words("Genres.", "Genrer.", "Genrer."),
        ),
        Field(
            "tracks",
            "list",
            item=TRACK,
            example=[{"title": "So What", "length": "9:22"}],
            hint="is not a list of tracks; write each on a line starting with '- ', like "
                 "- {title: So What, length: \"9:22\"}",
            help=words("The tracks in order.", "Numrene i rækkefølge.", "Spåren i ordning."),
        ),
        described(
            "musicbrainz",
            "MusicBrainz release id.",
            "MusicBrainz-udgivelses-id.",
            "MusicBrainz-utgåvans id.",
            kind="identifier",
            pattern=UUID,
            example="8e3e4c1a-1b1e-4cef-ace4-edaa54e1f810",
            checked_by=READ_BY,  # the ID, or the release URL it is taken from
        ),
        described(
            "cover",
            "Cover picture in content/.",
            "Coverbillede i content/.",
            "Omslagsbild i content/.",
            kind="image",
            example="covers/kind-of-blue.png",
            checked_by=READ_BY,  # next to the review or in images/, and a picture that opens
        ),
        described(
            "cover_alt",
            "What the cover shows.",
            "Hvad coveret viser.",
            "Vad omslaget visar.",
            example="A trumpeter in blue light",
        ),
        Field(
            "links",
            "block",
            item=Field("link", "url", schemes=("https", "http"),
                       hint="is not a web address; write the full address starting with "
                            "https://"),
            example={"Bandcamp": "https://example.bandcamp.com/album/x"},
            help=words(
                "Name: address of places to listen.",
                "Navn: adresse på steder at lytte.",
                "Namn: adress till ställen att lyssna.",
            ),
        ),
    ),
    help=words("The album reviewed.", "Det anmeldte album.", "Det recenserade albumet."),
)

PLAYLIST = Field(
    "playlist",
    "block",
    fields=(
        described(
            "title",
            "The playlist's title.",
            "Playlistens titel.",
            "Spellistans titel.",
            example="Nordic winter evenings",
        ),
        described(
            "description",
            "What ties it together.",
            "Hvad der binder den sammen.",
            "Vad som binder ihop den.",
            kind="markdown",
        ),
        Field(
            "tracks",
            "list",
            required=True,
            item=Field(
                "entry",
                "block",
                fields=(
                    Field("artist", "text", required=True, help=ARTIST.help,
                          hint=ONE_ARTIST_LINE),
                    Field("title", "text", required=True, help=TRACK.field("title").help),
                    described(
                        "album",
                        "The album it is on.",
                        "Albummet den er på.",
                        "Albumet den finns på.",
                    ),
                    described(
                        "ean",
                        "The album's barcode.",
                        "Albummets stregkode.",
                        "Albumets streckkod.",
                        kind="identifier",
                        pattern=BARCODE,
                        checked_by=READ_BY,  # the check digit
                    ),
                    described(
                        "faust",
                        "The album's faust number.",
                        "Albummets faustnummer.",
                        "Albumets faustnummer.",
                        kind="identifier",
                    ),
                    TRACK.field("length"),
                ),
            ),
            help=words("The tracks.", "Numrene.", "Spåren."),
        ),
    ),
    help=words("A playlist.", "En playliste.", "En spellista."),
)

# The schema checks both blocks when the post is read; the fields marked READ_BY above are
# left to shelfcast_music.reading.read_blocks, as are the rules between fields or files (a
# post with both blocks, an empty track list).
REVIEW_FIELDS = labelled((ALBUM, PLAYLIST), {
    "album": words("Album", "Album", "Album"),
    "playlist": words("Playlist", "Playliste", "Spellista"),
    "artist": words("Artist", "Kunstner", "Artist"),
    "artist_sort": words("Artist, as sorted", "Kunstner, som sorteret", "Artist, som sorterad"),
    "title": words("Title", "Titel", "Titel"),
    "year": words("Year", "År", "År"),
    "label": words("Record label", "Pladeselskab", "Skivbolag"),
    "catalogue_number": words("Catalogue number", "Katalognummer", "Katalognummer"),
    "genres": words("Genres", "Genrer", "Genrer"),
    "genre": words("Genre", "Genre", "Genre"),
    "tracks": words("Tracks", "Numre", "Spår"),
    "track": words("Track", "Nummer", "Spår"),
    "length": words("Length", "Længde", "Längd"),
    "cover": words("Cover", "Omslag", "Omslag"),
    "cover_alt": words("Cover alt text", "Omslagets alt-tekst", "Omslagets alt-text"),
    "links": words("Links", "Links", "Länkar"),
    "description": words("Description", "Beskrivelse", "Beskrivning"),
})
MUSIC_FILES = ("*.md",)

CONTENT_TYPES = (
    ContentType(
        "album",
        label=words("Album review", "Albumanmeldelse", "Albumrecension"),
        where=MUSIC_FILES,
        requires="album",
        base="post",
        fields=(replace(REVIEW_FIELDS[0], required=True),),
    ),
    ContentType(
        "playlist",
        label=words("Playlist", "Playliste", "Spellista"),
        where=MUSIC_FILES,
        requires="playlist",
        base="post",
        fields=(replace(REVIEW_FIELDS[1], required=True),),
    ),
)
EXTENSIONS = {"post": REVIEW_FIELDS}


def _page(name: str, default: str, what: str) -> Field:
    """A path of generated pages inside the site; a per-item one must keep its {slug}."""
    return setting(name, "file", default, what, example=default,
                   pattern=r"\{slug\}" if "{slug}" in default else None)


SETTINGS = (SettingsBlock("MUSIC", (
    _page("index_save_as", "music/index.html", "The music front page."),
    _page("artists_save_as", "music/artists/index.html", "Artists A-Z."),
    _page("artist_url", "music/artists/{slug}/", "An artist's page address."),
    _page("artist_save_as", "music/artists/{slug}/index.html", "An artist's page file."),
    _page("genres_save_as", "music/genres/index.html", "The genre index."),
    _page("genre_url", "music/genres/{slug}/", "A genre's page address."),
    _page("genre_save_as", "music/genres/{slug}/index.html", "A genre's page file."),
    _page("genre_feed_atom", "feeds/music-genre-{slug}.atom.xml", "A genre's Atom feed."),
    _page("decades_save_as", "music/decades/index.html", "The decade index."),
    _page("decade_url", "music/decades/{slug}/", "A decade's page address."),
    _page("decade_save_as", "music/decades/{slug}/index.html", "A decade's page file."),
    setting("covers_folder", "file", "music/covers", "Output folder of the resized covers.",
            example="music/covers"),
    setting("cover_widths", "list", [600, 300], "Pixel widths of the resized covers.",
            item=Field("width", "integer", minimum=16, maximum=4000), max_items=8,
            example=[600, 300]),
    setting("cover_formats", "list", ["webp", "jpeg"], "Formats of the resized covers.",
            item=Field("format", "enum", allowed=("webp", "jpeg")), example=["webp", "jpeg"]),
    setting("cover_quality", "integer", 82, "Image quality of the covers.", minimum=1,
            maximum=100, example=82),
    setting("cover_cache", "file", ".cache/music-covers", "Where resized covers are kept "
            "between builds.", example=".cache/music-covers"),
    setting("newest", "integer", 12, "Newest reviews on the music front page.", minimum=1,
            maximum=100, example=12),
    setting("collation", "lang", None, "Language whose alphabet sorts artists (default: the "
            "site's).", example="da"),
    setting("various_artists", "list", ["Various Artists", "Various", "Diverse kunstnere",
                                        "Blandade artister", "Olika artister"],
            "Artist names that mark a compilation.", item=Field("name", "text"),
            example=["Various Artists"]),
)),)
