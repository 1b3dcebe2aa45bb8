"""'Borrow it': the library's own copy, through the catalogue plugin.

The catalogue plugin owns identifiers and catalogue URLs; this module only chooses what to
ask it for (the album's faust or barcode, else a search for artist and title) and turns its
IdentifierError into a problem on the review. A site without the catalogue plugin in
PLUGINS simply has no "Borrow it" links.
"""

from __future__ import annotations

import importlib

from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.problems import ContentProblem, problem_log


class Borrower:
    """Catalogue links for one build."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.enabled = "shelfcast_catalogue" in settings.get("PLUGINS", [])
        if self.enabled:
            self.links = importlib.import_module("shelfcast_catalogue.links")
            self.identifiers = importlib.import_module("shelfcast_catalogue.identifiers")
            config = importlib.import_module("shelfcast_catalogue.config")
            self.catalogue = config.load_config(settings)

    def link(self, identifier: str | None, query: str, item, field: str):
        """(Link or None, True when the link is a search rather than a record)."""
        if not self.enabled:
            return None, False
        if identifier:
            try:
                link = self.links.resolve(identifier, self.catalogue)
                # A catalogue without a template for the scheme searches for the number.
                return link, link.template == "search"
            except self.identifiers.IdentifierError as err:
                lines = item.metadata.get("front_matter_lines") or {}
                scheme = identifier.split(":", 1)[0]
                problem_log(self.settings).add(ContentProblem(
                    display_path(item.source_path), lines.get(field.split(".")[0]),
                    f"{field}.{scheme}", str(err)))
                return None, False
        return self.links.search_link(query, self.catalogue), True
