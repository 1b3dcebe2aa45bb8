"""The SEARCH settings dict, as data (keys lower-case)."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import Field, SettingsBlock

SETTINGS = (SettingsBlock("SEARCH", (
    setting("index", "boolean", True, "Run Pagefind over the output at the end of every build.",
            example=True),
    setting("bundle_dir", "file", "pagefind", "Folder under the output that holds the index "
            "and pagefind.js; the search page loads it.", pattern=r"[^/]", example="pagefind"),
    setting("exclude_selectors", "list", [], "CSS selectors of parts of indexed pages that "
            "search should ignore.", item=Field("selector", "text", pattern=r"\S"),
            example=[".share-links"]),
    setting("pages_per_part", "integer", 1000, "A site with more indexed pages than this is "
            "indexed in parts of about this many pages, searched as one; a build after an "
            "edit indexes again only the part holding the edited page.", minimum=1,
            example=1000),
# The old upper-case keys are moved by shelfcast_sitekit.settingmoves before this is read.
)),)
