"""The kit's test site's library.py: a made-up library, as the demo's (tests never read the
library's own library.py). This library's own settings.

`invoke init` writes the name, address, languages and catalogue; the rest is yours to edit
(docs/library.md). A settings dict here is laid over the kit's dict of the same name key by
key. Turn a feature off with e.g. PLUGINS.remove("shelfcast_galleries"); never write the whole
PLUGINS list, or new features in a new kit version would not reach you (docs/upgrading.md).
"""

SITENAME = "Ørstad Public Library"
AUTHOR = "Ørstad Public Library"
SITESUBTITLE = "Books, music, events and podcasts from your local library"
# The public address; the preview (make build, make serve) uses http://127.0.0.1:8000.
SITEURL = "https://orstad-bibliotek.dk"
TIMEZONE = "Europe/Copenhagen"
DEFAULT_LANG = "en"

# Which catalogue isbn:/ean:... links open (docs/catalogue.md). The demo library runs DPL CMS,
# the Danish public libraries' site; the address is made up and never requested in a build.
CATALOGUE = {"system": "dpl-cms", "base_url": "https://bibliotek.example.dk"}

# The footer and the "Visit us" page (docs/library.md).
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

# Podcasts: the owner of a show whose show.yaml names none; Apple writes to this address.
PODCAST = {"owner": {"name": "Ørstad Public Library", "email": "podcast@library.example.org"}}
EVENTS = {"currency": "DKK"}
QUESTIONS = {"ask_email": "ask@library.example.org"}
COMMENTS = {"email": "comments@library.example.org"}
SECTION_TITLES["guides"] = {"en": "Guides", "da": "Vejledninger", "sv": "Guider"}  # noqa: F821
# Closed parts of the site: their pages stay, marked as closed (README "Archive mode").
CLOSED_PARTS = {
    "guides": {"since": "2026-06-30",
               "note": "The self-service guides project ended in June 2026; the guides stay."},
}

# Where `invoke publish --to <name>` uploads (docs/publishing.md). Credentials never go here:
# S3 keys come from AWS_* environment variables, SSH keys from your SSH agent.
PUBLISH = {
    "targets": {
        # The GitHub Actions workflow publishes here: the gh-pages branch of this repository.
        "gh-pages": {"type": "gh-pages", "remote": "origin", "branch": "gh-pages"},
        # "webserver": {"type": "rsync", "destination": "library@web.example.org:/var/www/library"},
        # "bucket": {"type": "s3", "bucket": "library-site", "endpoint_url": None},
        # "share": {"type": "folder", "path": "/mnt/webshare/library"},
    },
}
