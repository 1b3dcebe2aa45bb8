"""The kit's default settings: every build starts from these, then the library's library.py.

A kit file (pyproject.toml [tool.shelfcast]): `invoke upgrade` replaces it, a library never edits
it. A library changes a default by setting the same name in its library.py; a settings dict
there is laid over the dict here key by key (docs/upgrading.md). Run with runpy for each build
(shelfcast_sitekit.librarysettings.kit_defaults), so that no list or dict here outlives one build.
"""

# The address the site is previewed at; library.py's SITEURL is the public one, which
# publishconf.py keeps (pelicanconf.py sets this one again after library.py). Pages link
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
PLUGINS = ["shelfcast_sitekit"]
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

# --- Catalogue deep links (plugins/shelfcast_catalogue; docs/catalogue.md) -------------------
# Posts link books and records by identifier ([The Hobbit](isbn:9780261103344)); this says
# which catalogue those links open: CATALOGUE in library.py (`invoke init` writes it).
PLUGINS += ["shelfcast_catalogue"]

# --- Reader experience: UI languages and theme helpers (docs/languages.md, docs/theme.md)
PLUGINS += ["shelfcast_i18n", "shelfcast_theme"]
# UI strings come from themes/shelfcast/locale/<lang>.po; each post's `lang` picks its page's.
# Keys and defaults of I18N (date_style "long"): docs/settings.md. The kit's dicts hold no key
# a plugin declares a default for: a key set here would hide a library's old upper-case key
# of the same name (shelfcast_sitekit.settingmoves keeps the new one when both are there).
I18N = {}
# Share links, link-preview picture, search box, menu: keys and defaults in docs/settings.md.
SHELFCAST_THEME = {}
# Section titles per UI language; a plain string is used for every language.
SECTION_TITLES.update({
    "news": {"en": "News", "da": "Nyheder", "sv": "Nyheter"},
    "books": {"en": "Books", "da": "Bøger", "sv": "Böcker"},
    "music": {"en": "Music", "da": "Musik", "sv": "Musik"},
    "events": {"en": "Events", "da": "Arrangementer", "sv": "Evenemang"},
})

# --- Publishing (plugins/shelfcast_publish): host rules, redirects, upload targets ---------
# Targets belong in library.py's PUBLISH (see docs/publishing.md); host rules (_headers,
# .htaccess) are written into every build.
PLUGINS += ["shelfcast_publish"]
PUBLISH = {"targets": {}, "host_rules": True, "precompress": []}

# --- Podcasts (plugins/shelfcast_podcast; see docs/podcasts.md) -----------------------------
PLUGINS += ["shelfcast_podcast"]
CACHE_PATH = ".cache"  # audio facts are cached here (.cache/podcast-audio.json), never committed
# A show whose show.yaml names no owner uses PODCAST["owner"] from library.py.
PODCAST = {"explicit": False}

# --- Music pages (plugins/shelfcast_music): album reviews, playlists, artists, genres, decades
# Every key is optional; the defaults and their meaning are listed in docs/music.md.
PLUGINS += ["shelfcast_music"]
MUSIC = {
    "newest": 12,
    "cover_widths": [600, 300],
    "cover_formats": ["webp", "jpeg"],
}

# --- The library itself (plugins/shelfcast_library; docs/library.md): footer, "Visit us" page ---
PLUGINS += ["shelfcast_library"]
# LIBRARY (name, address, opening hours, branches) is the library's own: library.py.

# --- Search (plugins/shelfcast_search): Pagefind index over the built site, search.html ---
PLUGINS += ["shelfcast_search"]
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "search"]
# Pagefind runs at the end of every build into output/pagefind/ (keys: docs/settings.md).
SEARCH = {}

# --- Events (plugins/shelfcast_events): a post with an `event:` block is an event ---------
PLUGINS += ["shelfcast_events"]

# --- Learning programmes (plugins/shelfcast_programmes): content/programmes/<name>/ -----------
PLUGINS += ["shelfcast_programmes"]

# --- Archive mode (plugins/shelfcast_archive): closed sections, programmes or the whole site --
PLUGINS += ["shelfcast_archive"]
# CLOSED_PARTS in library.py names them: {"events": {"since": "2019-06-30", "note": "..."}}.

# --- Readers' voices: ask-a-librarian questions (README "Questions, comments and galleries") ---
# The "Ask us" box links to the library's own channels (QUESTIONS["ask_email"] in library.py);
# the site itself collects nothing.
PLUGINS += ["shelfcast_questions"]
# Comments are YAML files in content/comments/<post-slug>/, committed by a librarian who
# moderates; posts invite new ones by e-mail to COMMENTS["email"] in library.py.
PLUGINS += ["shelfcast_comments"]
# Photo galleries: content/galleries/<name>/gallery.yaml + images; published as resized copies
# without EXIF (no GPS positions, no camera serial numbers). Every key is optional.
PLUGINS += ["shelfcast_galleries"]
GALLERIES = {"thumbnail_widths": [480, 240], "image_widths": [1600, 800]}
# The web editor at /admin/ (plugins/shelfcast_editor, docs/editor.md): off until the library
# turns it on in library.py; then `make build` installs Decap CMS from npm and `make editor`
# tries it locally.
PLUGINS += ["shelfcast_editor"]
EDITOR = {"enabled": False, "backend": "github", "repo": "library/site"}

# The library's own template and stylesheet overrides (overrides/templates/, overrides/site.css)
# are wired in by shelfcast_sitekit.librarysettings when they exist; nothing to set here.
