"""The publish plugin's field on posts and pages: old addresses that redirect to the new one."""

from __future__ import annotations

from sitekit.declarations import described
from sitekit.schema import Field

ALIASES = described(
    "aliases",
    "Old addresses of this page; each redirects here.",
    "Sidens gamle adresser; hver viderestiller hertil.",
    "Sidans gamla adresser; var och en omdirigerar hit.",
    kind="list",
    aliases=("single",),
    item=Field("alias", "text", pattern=r"^/?[^\s:]+$"),
    example=["/2019/05/summer.html"],
)

# Variants of post and page (event, album, lesson...) take their base type's fields.
EXTENSIONS = {name: (ALIASES,) for name in ("post", "page", "episode", "question")}
