"""The podcast plugin's content types (one episode, Markdown; one show, show.yaml) and its
PODCAST setting."""

from __future__ import annotations

from shelfcast_sitekit.declarations import POST, described, labelled, setting, words
from shelfcast_sitekit.schema import ContentType, Field, SettingsBlock, checked_in_code

EPISODE_TYPES = ("full", "trailer", "bonus")
SHOW_TYPES = ("episodic", "serial")
MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "course")
HTTPS = ("https",)
WEB = ("https", "http")
UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
FOLDER = r"^[a-z0-9]+(-[a-z0-9]+)*$"

CHAPTER = Field(
    "chapter",
    "block",
    fields=(
        Field(
            "start",
            "text",
            required=True,
            example="00:04:30",
            help=words(
                "When the chapter starts (HH:MM:SS).",
                "Hvornår kapitlet starter (TT:MM:SS).",
                "När kapitlet börjar (TT:MM:SS).",
            ),
        ),
        Field(
            "title",
            "text",
            required=True,
            example="The interview",
            help=words("The chapter's title.", "Kapitlets titel.", "Kapitlets titel."),
        ),
        Field(
            "url",
            "url",
            schemes=WEB,
            example="https://library.example.org/books",
            help=words("A link for the chapter.", "Et link til kapitlet.", "En länk för kapitlet."),
        ),
    ),
)
PERSON = Field(
    "person",
    "block",
    fields=(
        Field(
            "name",
            "text",
            required=True,
            example="Maja Holm",
            help=words("The person's name.", "Personens navn.", "Personens namn."),
        ),
        Field(
            "role",
            "text",
            default="host",
            example="guest",
            help=words(
                "host, guest, ... (Podcasting 2.0 roles).",
                "host, guest, ... (roller).",
                "host, guest, ... (roller).",
            ),
        ),
        Field(
            "group",
            "text",
            default="cast",
            example="cast",
            help=words("The role's group.", "Rollens gruppe.", "Rollens grupp."),
        ),
        Field(
            "href",
            "url",
            schemes=HTTPS,
            example="https://library.example.org/staff/maja",
            help=words("A page about the person.", "En side om personen.", "En sida om personen."),
        ),
        Field(
            "img",
            "url",
            schemes=HTTPS,
            example="https://library.example.org/maja.jpg",
            help=words("A photo of the person.", "Et foto af personen.", "Ett foto av personen."),
        ),
    ),
)
PERSONS = Field(
    "persons",
    "list",
    item=PERSON,
    example=[{"name": "Maja Holm", "role": "host"}],
    help=words("Who speaks in it.", "Hvem der medvirker.", "Vem som medverkar."),
)

EPISODE_FIELDS = (
    Field(
        "audio",
        "file",
        upload_folder="audio",
        example="audio/episode-1.mp3",
        help=words(
            "The audio file in the show's audio/ folder.",
            "Lydfilen i programmets audio/-mappe.",
            "Ljudfilen i programmets audio/-mapp.",
        ),
    ),
    Field(
        "guid",
        "text",
        example="book-talk-1",
        pattern=r"\S",
        hint="is not a guid; keep the guid exactly as it was first published",
        help=words(
            "Fixed id for podcast apps; never change it.",
            "Fast id til podcast-apps; ændr det aldrig.",
            "Fast id för poddappar; ändra det aldrig.",
        ),
    ),
    Field(
        "episode",
        "integer",
        minimum=1,
        example=1,
        help=words("Episode number.", "Episodenummer.", "Avsnittsnummer."),
    ),
    Field(
        "season",
        "integer",
        minimum=1,
        example=1,
        help=words("Season number.", "Sæsonnummer.", "Säsongsnummer."),
    ),
    Field(
        "episode_type",
        "enum",
        allowed=EPISODE_TYPES,
        default="full",
        example="trailer",
        hint="is not an episode type; write full, trailer or bonus",
        help=words(
            "full, trailer or bonus.", "full, trailer eller bonus.", "full, trailer eller bonus."
        ),
    ),
    Field(
        "explicit",
        "boolean",
        example=False,
        help=words(
            "true if not for children.", "true hvis ikke for børn.", "true om inte för barn."
        ),
    ),
    Field(
        "transcript",
        "file",
        upload_folder="audio",
        example="audio/episode-1.vtt",
        help=words(
            "Transcript (.vtt or .srt) in the audio/ folder.",
            "Udskrift (.vtt eller .srt) i audio/-mappen.",
            "Transkription (.vtt eller .srt) i audio/-mappen.",
        ),
    ),
    Field(
        "chapters",
        "list",
        item=CHAPTER,
        example=[{"start": "00:00", "title": "Intro"}],
        help=words("Chapter marks.", "Kapitelmærker.", "Kapitelmarkeringar."),
    ),
    PERSONS,
    Field(
        "audio_url",
        "url",
        schemes=WEB,
        example="https://media.example.org/ep1.mp3",
        help=words(
            "Audio hosted elsewhere (instead of audio:).",
            "Lyd hostet andetsteds (i stedet for audio:).",
            "Ljud som ligger på annan plats (i stället för audio:).",
        ),
    ),
    Field(
        "audio_length",
        "integer",
        minimum=1,
        example=31457280,
        help=words(
            "Hosted audio's size in bytes.",
            "Den hostede lyds størrelse i bytes.",
            "Det externa ljudets storlek i byte.",
        ),
    ),
    Field(
        "audio_type",
        "text",
        pattern=r"^(audio|video)/",
        example="audio/mpeg",
        help=words(
            "Hosted audio's media type.",
            "Den hostede lyds medietype.",
            "Det externa ljudets medietyp.",
        ),
    ),
    Field(
        "duration",
        "text",
        pattern=r"^(\d+:)?(\d+:)?\d+$",
        example="00:42:10",
        help=words(
            "Hosted audio's length: seconds or HH:MM:SS.",
            "Den hostede lyds længde: sekunder eller TT:MM:SS.",
            "Det externa ljudets längd: sekunder eller TT:MM:SS.",
        ),
    ),
    Field(
        "fediverse_thread",
        "url",
        schemes=HTTPS,
        example="https://mastodon.example/@library/1234",
        hint="is not an https:// address; paste the address of the episode's post on the "
        "library's Mastodon account",
        help=words(
            "The episode's post on Mastodon, for comments in apps.",
            "Episodens opslag på Mastodon, til kommentarer i apps.",
            "Avsnittets inlägg på Mastodon, för kommentarer i appar.",
        ),
    ),
    Field(
        "imported",
        "block",
        aliases=("any",),
        help=words(
            "What an imported feed had that is not published (kept).",
            "Hvad et importeret feed havde, som ikke udgives (gemt).",
            "Vad ett importerat flöde hade som inte publiceras (sparat).",
        ),
    ),
)

EPISODE_FIELDS = labelled(EPISODE_FIELDS, {
    "audio": words("Audio file", "Lydfil", "Ljudfil"),
    "guid": words("Episode id (GUID)", "Episode-id (GUID)", "Avsnitts-id (GUID)"),
    "episode": words("Episode number", "Episodenummer", "Avsnittsnummer"),
    "season": words("Season", "Sæson", "Säsong"),
    "episode_type": words("Episode type", "Episodetype", "Avsnittstyp"),
    "explicit": words("Explicit content", "Eksplicit indhold", "Explicit innehåll"),
    "transcript": words("Transcript", "Udskrift", "Transkription"),
    "chapters": words("Chapters", "Kapitler", "Kapitel"),
    "persons": words("People", "Medvirkende", "Medverkande"),
    "name": words("Name", "Navn", "Namn"),
    "role": words("Role", "Rolle", "Roll"),
    "duration": words("Duration", "Varighed", "Längd"),
    "audio_url": words("Audio address", "Lydfilens adresse", "Ljudfilens adress"),
    "audio_length": words("Audio size (bytes)", "Lydfilens størrelse (byte)",
                          "Ljudfilens storlek (byte)"),
    "audio_type": words("Audio format", "Lydformat", "Ljudformat"),
    "imported": words("Imported", "Importeret", "Importerad"),
})

# check_episode reads these as the schema has checked them; the rest it checks itself: the
# audio file (inside the show folder, its frames), a transcript's type and lines, chapters
# against the audio's length, hosted audio's three fields together, a guid unique across
# files (its shape is the schema's), an episode number's own words for 0.
EPISODE_SCHEMA_CHECKED = ("episode_type", "explicit", "fediverse_thread", "guid")

EPISODE = ContentType(
    "episode",
    label=words("Episode", "Episode", "Avsnitt"),
    where=("{podcast_path}/*/*.md",),
    where_defaults={"podcast_path": "podcasts"},
    fields=POST.fields + tuple(
        f if f.name in EPISODE_SCHEMA_CHECKED
        else checked_in_code("shelfcast_podcast.episodes.check_episode", (f,))[0]
        for f in EPISODE_FIELDS),
    help=words(
        "One podcast episode: front matter and show notes.",
        "Én podcast-episode: front matter og shownoter.",
        "Ett poddavsnitt: front matter och programanteckningar.",
    ),
)


SHOW_FIELDS = (
    described(
        "title",
        "The show's name.",
        "Programmets navn.",
        "Programmets namn.",
        required=True,
        example="Book Talk",
    ),
    described(
        "description",
        "What the show is about (up to 4000 bytes).",
        "Hvad programmet handler om (højst 4000 bytes).",
        "Vad programmet handlar om (högst 4000 byte).",
        required=True,
        kind="markdown",
        example="Librarians talk about books.",
    ),
    described(
        "language",
        "The show's language code.",
        "Programmets sprogkode.",
        "Programmets språkkod.",
        kind="lang",
        example="en",
    ),
    described(
        "author",
        "Who makes the show.",
        "Hvem der laver programmet.",
        "Vem som gör programmet.",
        example="Ørstad Public Library",
    ),
    Field(
        "owner",
        "block",
        fields=(
            described(
                "name", "Owner's name.", "Ejerens navn.", "Ägarens namn.", example="Ørstad Library"
            ),
            described(
                "email",
                "Owner's e-mail (directories write to it).",
                "Ejerens e-mail.",
                "Ägarens e-post.",
                kind="email",
                example="podcast@library.example.org",
            ),
        ),
        help=words(
            "Who directories contact.", "Hvem kataloger kontakter.", "Vem kataloger kontaktar."
        ),
    ),
    Field(
        "categories",
        "list",
        item=Field("category", "text"),
        aliases=("single",),
        example=["Arts > Books"],
        help=words(
            "Apple Podcasts categories.", "Apple Podcasts-kategorier.", "Apple Podcasts-kategorier."
        ),
    ),
    described(
        "explicit",
        "true if not for children.",
        "true hvis ikke for børn.",
        "true om inte för barn.",
        kind="boolean",
        example=False,
    ),
    described(
        "image",
        "Square artwork (JPEG or PNG, 1400-3000 px) in the show folder.",
        "Kvadratisk billede (JPEG eller PNG, 1400-3000 px) i programmappen.",
        "Kvadratisk bild (JPEG eller PNG, 1400-3000 px) i programmappen.",
        kind="image",
        example="cover.png",
    ),
    described(
        "type",
        "episodic (newest first) or serial (in order).",
        "episodic (nyeste først) eller serial (i rækkefølge).",
        "episodic (nyaste först) eller serial (i ordning).",
        kind="enum",
        allowed=SHOW_TYPES,
        default="episodic",
        example="serial",
    ),
    described(
        "copyright",
        "Copyright line.",
        "Ophavsretslinje.",
        "Upphovsrättsrad.",
        example="© 2026 Ørstad Library",
    ),
    described(
        "link",
        "The show's web page.",
        "Programmets webside.",
        "Programmets webbsida.",
        kind="url",
        schemes=WEB,
        example="https://library.example.org/podcast",
    ),
    described(
        "guid",
        "podcast:guid (a UUID); leave out for the standard one.",
        "podcast:guid (et UUID); udelad for standarden.",
        "podcast:guid (ett UUID); utelämna för standard.",
        pattern=UUID,
        example="917393e3-1b1e-5cef-ace4-edaa54e1f810",
    ),
    described(
        "locked",
        "Stops other hosts importing the feed.",
        "Forhindrer import hos andre.",
        "Hindrar import hos andra.",
        kind="boolean",
        default=True,
        example=True,
    ),
    Field(
        "funding",
        "block",
        fields=(
            described(
                "url",
                "Where to support the show.",
                "Hvor man kan støtte.",
                "Var man kan stödja.",
                kind="url",
                schemes=HTTPS,
                required=True,
                example="https://library.example.org/s",
            ),
            described(
                "text",
                "The link's text.",
                "Linkets tekst.",
                "Länkens text.",
                required=True,
                example="Support us",
            ),
        ),
        help=words("A support link.", "Et støttelink.", "En stödlänk."),
    ),
    described(
        "new_feed_url",
        "The feed's new address when the show moves.",
        "Feedets nye adresse, når programmet flytter.",
        "Flödets nya adress när programmet flyttar.",
        kind="url",
        schemes=WEB,
        example="https://new.example.org/feed.xml",
    ),
    described(
        "old_feed_url",
        "Where an imported show's feed was.",
        "Hvor et importeret feed lå.",
        "Var ett importerat flöde låg.",
        kind="url",
        schemes=WEB,
        example="https://old.example.org/feed.xml",
    ),
    described(
        "complete",
        "true when no more episodes will come.",
        "true når der ikke kommer flere.",
        "true när inga fler kommer.",
        kind="boolean",
        example=False,
    ),
    PERSONS,
    described(
        "medium",
        "podcast:medium.",
        "podcast:medium.",
        "podcast:medium.",
        kind="enum",
        allowed=MEDIUMS,
        example="podcast",
    ),
    Field(
        "license",
        "block",
        aliases=("text",),
        fields=(
            described(
                "name",
                "Licence short name.",
                "Licensens kortnavn.",
                "Licensens kortnamn.",
                required=True,
                pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,127}$",
                example="CC-BY-4.0",
            ),
            described(
                "url",
                "Licence text's address.",
                "Licensteksten.",
                "Licenstextens adress.",
                kind="url",
                schemes=HTTPS,
                example="https://library.example.org/license",
            ),
        ),
        example="CC-BY-4.0",
        help=words("The licence of the episodes.", "Episodernes licens.", "Avsnittens licens."),
    ),
    Field(
        "update_frequency",
        "block",
        aliases=("text",),
        fields=(
            described("text", "In words.", "Med ord.", "Med ord.", required=True, example="weekly"),
            described(
                "rrule",
                "RFC 5545 rule.",
                "RFC 5545-regel.",
                "RFC 5545-regel.",
                example="FREQ=WEEKLY",
            ),
            described(
                "dtstart",
                "First date.",
                "Første dato.",
                "Första datum.",
                kind="date",
                example="2026-01-05",
            ),
        ),
        example="weekly",
        help=words(
            "How often episodes come.", "Hvor tit der kommer episoder.", "Hur ofta avsnitt kommer."
        ),
    ),
    described(
        "block",
        "true hides the show from directories.",
        "true skjuler programmet.",
        "true döljer programmet.",
        kind="boolean",
        example=False,
    ),
    Field(
        "podroll",
        "list",
        aliases=("single",),
        item=Field(
            "show",
            "block",
            aliases=("text",),
            fields=(
                described(
                    "guid",
                    "Partner show's UUID.",
                    "Partnerens UUID.",
                    "Partnerns UUID.",
                    required=True,
                    pattern=UUID,
                ),
                described(
                    "url",
                    "Partner's feed.",
                    "Partnerens feed.",
                    "Partnerns flöde.",
                    kind="url",
                    schemes=WEB,
                ),
            ),
        ),
        example=["other-show"],
        help=words("Shows you recommend.", "Programmer I anbefaler.", "Program ni rekommenderar."),
    ),
    Field(
        "txt",
        "list",
        aliases=("single",),
        item=Field(
            "line",
            "block",
            aliases=("text",),
            fields=(
                described("text", "The text.", "Teksten.", "Texten.", required=True),
                described("purpose", "What it is for.", "Hvad den er til.", "Vad den är till."),
            ),
        ),
        example=[{"purpose": "verify", "text": "S6lpp-7ZCn8"}],
        help=words(
            "podcast:txt lines (e.g. verification).", "podcast:txt-linjer.", "podcast:txt-rader."
        ),
    ),
)

SHOW = ContentType(
    "show",
    label=words("Podcast show", "Podcast", "Podd"),
    format="yaml",
    body=False,
    where=("{podcast_path}/*/show.yaml",),
    where_defaults={"podcast_path": "podcasts"},
    fields=checked_in_code("shelfcast_podcast.show.load_show", SHOW_FIELDS),
    help=words(
        "One podcast: podcasts/<show>/show.yaml.",
        "Én podcast: podcasts/<show>/show.yaml.",
        "En podd: podcasts/<show>/show.yaml.",
    ),
)

CONTENT_TYPES = (EPISODE, SHOW)


# --- The PODCAST setting ------------------------------------------------------------------

# Subscribe links on show pages. {feed} is the feed URL, {feed_quoted} the same URL-encoded,
# {feed_bare} without its scheme (the form app URL schemes take).
DEFAULT_APPS = [
    ["Apple Podcasts", "podcast://{feed_bare}"],
    ["AntennaPod", "https://antennapod.org/deeplink/subscribe?url={feed_quoted}"],
    ["Pocket Casts", "pktc://subscribe/{feed_bare}"],
    ["Overcast", "overcast://x-callback-url/add?url={feed_quoted}"],
    ["Castro", "castro://subscribe/{feed_bare}"],
    ["gPodder", "gpodder://{feed_bare}"],
]
ALTERNATE_NAMES = ("opus", "aac")


def _address(name: str, default: str, help_text: str) -> Field:
    """A generated page's address or file; {path} is PODCAST["path"], {show} the show's folder."""
    return setting(name, "file", default, help_text, example=default)


SETTINGS = (SettingsBlock("PODCAST", (
    setting("path", "file", "podcasts", "Folder under content/ holding one folder per show.",
            pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", example="podcasts"),
    _address("feed_url", "{path}/{show}/feed.xml", "A show's feed; never change it once "
             "published: apps poll this address."),
    _address("show_url", "{path}/{show}/", "A show's page address."),
    _address("show_save_as", "{path}/{show}/index.html", "A show's page file."),
    _address("episode_url", "{path}/{show}/{slug}.html", "An episode's page."),
    _address("opml_save_as", "podcasts.opml", "The OPML list of every show's feed."),
    _address("cache_file", "podcast-audio.json", "Audio facts cache, under CACHE_PATH."),
    setting("owner", "block", None, "Owner of a show whose show.yaml names none (Apple writes "
            "to this address).", fields=(
                setting("name", "text", None, "The owner's name.", required=True,
                        pattern=r"\S", example="Ørstad Public Library"),
                setting("email", "email", None, "The owner's address.", required=True,
                        example="podcast@library.example.org")),
            example={"name": "Ørstad Public Library", "email": "podcast@library.example.org"}),
    setting("explicit", "boolean", False, "Default of a show's explicit flag.", example=False),
    setting("apps", "list", DEFAULT_APPS, "Subscribe links on show pages: [\"App name\", "
            "\"link with {feed}, {feed_quoted} or {feed_bare}\"] pairs.",
            checked_by="shelfcast_podcast.settings.apps_problem",
            example=[["AntennaPod", "https://antennapod.org/deeplink/subscribe?url="
                                    "{feed_quoted}"]]),
    setting("generator", "text", "Shelfcast", "The feeds' generator tag.", example="Shelfcast"),
    setting("alternates", "list", [], "Smaller copies of each episode made with ffmpeg: [] "
            "(off), [\"opus\"] or [\"opus\", \"aac\"]; True means [\"opus\"].",
            item=Field("encoding", "enum", allowed=ALTERNATE_NAMES), max_items=2,
            aliases=("boolean",), example=["opus"]),
    setting("prefix", "url", None, "A measurement prefix before enclosure URLs (opt-in), "
            "e.g. OP3's.", example="https://op3.dev/e/"),
    setting("websub_hub", "url", None, "A WebSub hub to announce new episodes to.", example="https://pubsubhubbub.appspot.com/"),
    setting("podping_token", "text", None, "Podping token (or the SHELFCAST_PODPING_TOKEN "
            "environment variable, better: it is a secret).", example=None),
    setting("podping_url", "url", "https://podping.cloud/", "The Podping server.", example="https://podping.cloud/"),
)),)
