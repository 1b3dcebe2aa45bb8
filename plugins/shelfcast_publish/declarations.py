"""The publish plugin's field on posts and pages (old addresses that redirect to the new one)
and its PUBLISH setting."""

from __future__ import annotations

from shelfcast_sitekit.declarations import described, setting, words
from shelfcast_sitekit.schema import Field, SettingsBlock

ALIASES = described(
    "aliases",
    "Old addresses of this page; each redirects here.",
    "Sidens gamle adresser; hver viderestiller hertil.",
    "Sidans gamla adresser; var och en omdirigerar hit.",
    kind="list",
    aliases=("single",),
    item=Field("alias", "text", pattern=r"^/?[^\s:]+$"),
    example=["/2019/05/summer.html"],
    # Each old address is read (query strings, paths inside the site) by redirects.py.
    checked_by="shelfcast_publish.redirects.read_aliases",
    label=words("Old addresses", "Gamle adresser", "Gamla adresser"),
)

# Variants of post and page (event, album, lesson...) take their base type's fields.
EXTENSIONS = {name: (ALIASES,) for name in ("post", "page", "episode", "question")}

COMPRESSIONS = ("gzip", "brotli")
TARGET = setting("target", "block", None, "One upload target: {\"type\": \"rsync\" | \"s3\" | "
                 "\"gh-pages\" | \"folder\", ...} (docs/publishing.md).",
                 # Which fields a target takes depends on its type: settings.check_target.
                 checked_by="shelfcast_publish.settings.check_target")

SETTINGS = (SettingsBlock("PUBLISH", (
    setting("targets", "block", {}, "Where `invoke publish --to <name>` uploads: name -> "
            "target (docs/publishing.md); credentials never go here.", item=TARGET,
            example={"share": {"type": "folder", "path": "/mnt/webshare/library"}}),
    setting("host_rules", "boolean", True, "Write _headers and .htaccess into every build.",
            example=True),
    setting("precompress", "list", [], "Compressed copies `invoke publish` makes for hosts "
            "that serve them.", item=Field("compression", "enum", allowed=COMPRESSIONS),
            example=["gzip"]),
    # Outside output/: it is server configuration, not a file to publish.
    setting("nginx_redirects", "text", ".cache/nginx-redirects.conf", "The nginx include for "
            "old addresses with a query (/?p=123), rewritten by every build; relative to the "
            "project folder.", pattern=r"\S", example="/etc/nginx/library-redirects.conf"),
)),)
