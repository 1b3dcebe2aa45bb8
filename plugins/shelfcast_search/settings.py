"""The SEARCH settings dict: defaults in one place, validated once per build."""

from __future__ import annotations

from shelfcast_sitekit.problems import ContentProblem

DEFAULTS = {
    # Run Pagefind over the output at the end of every build.
    "INDEX": True,
    # Folder under the output that holds the index and pagefind.js; the search page loads it.
    "BUNDLE_DIR": "pagefind",
    # CSS selectors of parts of indexed pages that search should ignore.
    "EXCLUDE_SELECTORS": [],
}


def search_settings(raw) -> tuple[dict, list[ContentProblem]]:
    """Merge the site's SEARCH dict over the defaults; return it with any problems found."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return dict(DEFAULTS), [_problem(None, "must be a dict like SEARCH = {\"INDEX\": True}")]
    problems = [_problem(key, f"is not a search setting (known: {', '.join(DEFAULTS)})")
                for key in raw if key not in DEFAULTS]
    merged = {**DEFAULTS, **{k: v for k, v in raw.items() if k in DEFAULTS}}
    if not isinstance(merged["INDEX"], bool):
        problems.append(_problem("INDEX", "must be True or False"))
    bundle = merged["BUNDLE_DIR"]
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in bundle.split("/") \
            or bundle.startswith("/"):
        problems.append(_problem("BUNDLE_DIR", "must be a folder name inside the output, "
                                               "e.g. \"pagefind\""))
    selectors = merged["EXCLUDE_SELECTORS"]
    if not isinstance(selectors, list | tuple) or not all(
            isinstance(s, str) and s.strip() for s in selectors):
        problems.append(_problem("EXCLUDE_SELECTORS",
                                 "must be a list of CSS selectors, e.g. [\".share-links\"]"))
    return merged, problems


def _problem(key: str | None, message: str) -> ContentProblem:
    name = "SEARCH" if key is None else f"SEARCH[{key!r}]"
    return ContentProblem("pelicanconf.py", None, name, message)
