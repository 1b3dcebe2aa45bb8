"""Settings for a local build (`make build`, `make serve`). publishconf.py adds production URLs."""

AUTHOR = "Ørstad Public Library"
SITENAME = "Ørstad Public Library"
SITESUBTITLE = "Books, music, events and podcasts from your local library"
# The address the site is previewed at; publishconf.py sets the public one. Pages link
# relatively (RELATIVE_URLS); feeds, enclosures, OPML, sitemap and canonical links use the
# SITEURL in force at the end (FEED_DOMAIN follows it unless you set one of your own).
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Europe/Copenhagen"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "themes/shelfcast"
# Templates mark every UI string with _("..."); the site kit installs the translations.
# Everything a template prints is escaped (the site kit enforces it too): content is text
# written by anyone, and only the sanitised bodies are printed as HTML (docs/security.md).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "extensions": ["jinja2.ext.i18n"]}
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["sitekit"]
# Limits that keep every build short whatever a file holds (docs/hostile-input.md); a file
# over a limit stops the build with a message naming it.
SITEKIT = {
    "max_text_bytes": 2_000_000,  # largest Markdown or YAML file; a long post is about 50 KB
    "max_yaml_bytes": 200_000,    # largest front matter or show.yaml
    "max_nesting": 50,            # lists and quotes inside each other; posts use 3 or 4
    "max_render_seconds": 5,      # longest one file may take to render; posts take < 1 s
}

ARTICLE_PATHS = ["posts", "music"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Dot files, and content/_examples/ (what `invoke init` keeps to copy from), are never built.
IGNORE_FILES = ["**/.*", "_examples"]  # Pelican's default, plus the examples

# The preview (make build, make serve) shows drafts (status: draft) and posts dated in the
# future under drafts/, with a "Draft" or "Scheduled for" banner; never in feeds, sitemap or
# search. publishconf.py sets PREVIEW = False: the published site has no drafts at all.
PREVIEW = True
# Future-dated posts count as drafts until a build after their date publishes them.
WITH_FUTURE_DATES = False

ARTICLE_URL = "posts/{date:%Y}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
ARTICLE_LANG_URL = "posts/{date:%Y}/{slug}-{lang}.html"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = PAGE_URL
PAGE_LANG_URL = "{slug}-{lang}.html"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL
CATEGORY_URL = "section/{slug}/"
CATEGORY_SAVE_AS = "section/{slug}/index.html"
CATEGORIES_SAVE_AS = "section/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_SAVE_AS = "author/index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_URL = "archive/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archive/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "archive/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archive/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404"]
TEMPLATE_PAGES = {}

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Blog feeds: all posts and one per section, Atom and RSS, absolute URLs.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/section-{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/section-{slug}.rss.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = False

# Section folder names under content/posts/ and how the site names them.
SECTION_TITLES = {"news": "News", "books": "Books", "music": "Music", "events": "Events"}

MENUITEMS = []
DISPLAY_PAGES_ON_MENU = True
DISPLAY_CATEGORIES_ON_MENU = True

LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

# --- Catalogue deep links (plugins/catalogue; docs/catalogue.md) -------------------
# Posts link books and records by identifier ([The Hobbit](isbn:9780261103344)); this says
# which catalogue those links open. The demo library runs DPL CMS, the Danish public
# libraries' site; the address is made up and never requested during a build.
PLUGINS += ["catalogue"]
CATALOGUE = {
    "system": "dpl-cms",
    "base_url": "https://bibliotek.example.dk",
}

# --- Reader experience: UI languages and theme helpers (docs/languages.md, docs/theme.md)
PLUGINS += ["shelfcast_i18n", "shelfcast_theme"]  # noqa: F405
# UI strings come from themes/shelfcast/locale/<lang>.po; each post's `lang` picks its page's.
I18N = {"DATE_STYLE": "long"}
SHELFCAST_THEME = {"SHARE_LINKS": ["email", "mastodon", "bluesky", "facebook"],
                   "MASTODON_SHARE_URL": "https://mastodon.social/share",
                   "DEFAULT_IMAGE": "images/site-card.png",
                   "SEARCH_URL": "search.html"}
# Section titles per UI language; a plain string is used for every language.
SECTION_TITLES.update({  # noqa: F405
    "news": {"en": "News", "da": "Nyheder", "sv": "Nyheter"},
    "books": {"en": "Books", "da": "Bøger", "sv": "Böcker"},
    "music": {"en": "Music", "da": "Musik", "sv": "Musik"},
    "events": {"en": "Events", "da": "Arrangementer", "sv": "Evenemang"},
})
SECTION_TITLES["guides"] = {"en": "Guides", "da": "Vejledninger", "sv": "Guider"}  # noqa: F405

# --- Publishing (plugins/publish): host rules, redirects, upload targets -------------------
# Targets belong in publishconf.py (see docs/publishing.md); host rules (_headers,
# .htaccess) are written into every build.
PLUGINS += ["publish"]
PUBLISH = {"targets": {}, "host_rules": True, "precompress": []}

# --- Podcasts (plugins/podcast; see docs/podcasts.md) ---------------------------------------
PLUGINS += ["podcast"]
CACHE_PATH = ".cache"  # audio facts are cached here (.cache/podcast-audio.json), never committed
PODCAST = {
    # Used for a show whose show.yaml names no owner; Apple writes to this address.
    "owner": {"name": "Ørstad Public Library", "email": "podcast@library.example.org"},
    "explicit": False,
}

# --- Music pages (plugins/music): album reviews, playlists, artists A–Z, genres, decades. ---
# Every key is optional; the defaults and their meaning are listed in docs/music.md.
PLUGINS += ["music"]
MUSIC = {
    "newest": 12,
    "cover_widths": [600, 300],
    "cover_formats": ["webp", "jpeg"],
}

# --- The library itself (plugins/shelfcast_library; docs/library.md): footer, "Visit us" page ---
PLUGINS += ["shelfcast_library"]
LIBRARY = {
    "name": "Ørstad Public Library",
    "address": {"street": "Torvet 1", "postal_code": "4000", "city": "Ørstad", "country": "DK"},
    "phone": "+45 12 34 56 78",
    "email": "info@library.example.org",
    "opening_hours": {
        "regular": {"mon": "10:00-19:00", "tue": "10:00-19:00", "wed": "10:00-19:00",
                    "thu": "10:00-19:00", "fri": "10:00-17:00", "sat": "10:00-14:00"},
        "exceptions": [{"date": "2026-12-24", "hours": "closed", "note": "Christmas Eve"},
                       {"date": "2026-12-31", "hours": "10:00-12:00", "note": "New Year's Eve"}],
    },
    "branches": [{"name": "Nørreby Branch",
                  "address": {"street": "Skolevej 4", "postal_code": "4001", "city": "Ørstad"},
                  "opening_hours": {"regular": {"tue": "13:00-18:00", "thu": "13:00-18:00"}}},
                 {"name": "Strand Library",
                  "address": {"street": "Strandvejen 12", "postal_code": "4002",
                              "city": "Ørstad"},
                  "opening_hours": {"regular": {"mon": "12:00-17:00", "wed": "12:00-19:00",
                                                "sat": "10:00-13:00"}}}],
    # "accent_colour": "#0b5394",   # links and buttons; the build refuses a hard-to-read colour
}

# --- Search (plugins/shelfcast_search): Pagefind index over the built site, search.html ---
PLUGINS += ["shelfcast_search"]
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "search"]
SEARCH = {
    "index": True,              # run Pagefind at the end of every build
    "bundle_dir": "pagefind",   # output/pagefind/: the index and pagefind.js
    "exclude_selectors": [],    # CSS selectors of page parts search should skip
}

# --- Events (plugins/shelfcast_events): a post with an `event:` block is an event ---------
PLUGINS += ["shelfcast_events"]  # noqa: F405
EVENTS = {"currency": "DKK"}

# --- Learning programmes (plugins/shelfcast_programmes): content/programmes/<name>/ -----------
PLUGINS += ["shelfcast_programmes"]  # noqa: F405

# --- Archive mode (plugins/shelfcast_archive): closed sections, programmes or the whole site --
PLUGINS += ["shelfcast_archive"]  # noqa: F405
ARCHIVE = {
    "guides": {"since": "2026-06-30",
               "note": "The self-service guides project ended in June 2026; the guides stay."},
}

# --- Readers' voices: ask-a-librarian questions (README "Questions, comments and galleries") ---
# The "Ask us" box links to the library's own channels; the site itself collects nothing.
PLUGINS += ["shelfcast_questions"]  # noqa: F405
QUESTIONS = {"ask_email": "ask@library.example.org"}
# Comments are YAML files in content/comments/<post-slug>/, committed by a librarian who
# moderates; posts invite new ones by e-mail to this address (None: no invitation).
PLUGINS += ["shelfcast_comments"]  # noqa: F405
COMMENTS = {"email": "comments@library.example.org"}
# Photo galleries: content/galleries/<name>/gallery.yaml + images; published as resized copies
# without EXIF (no GPS positions, no camera serial numbers). Every key is optional.
PLUGINS += ["shelfcast_galleries"]  # noqa: F405
GALLERIES = {"thumbnail_widths": [480, 240], "image_widths": [1600, 800]}
# The web editor at /admin/ (plugins/shelfcast_editor, docs/editor.md): off until the library
# turns it on; then `make build` installs Decap CMS from npm and `make editor` tries it locally.
PLUGINS += ["shelfcast_editor"]  # noqa: F405
EDITOR = {"enabled": False, "backend": "github", "repo": "library/site"}
