"""The publish plugin's field on posts and pages: old addresses that redirect to the new one."""

from __future__ import annotations

from shelfcast_sitekit.declarations import described
from shelfcast_sitekit.schema import Field

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
)

# Variants of post and page (event, album, lesson...) take their base type's fields.
EXTENSIONS = {name: (ALIASES,) for name in ("post", "page", "episode", "question")}
