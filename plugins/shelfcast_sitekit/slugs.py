"""The one slug helper: Pelican's `slugify` with the site's slug settings.

A post's or page's slug is what Pelican makes from its title (or file name) with the site's
SLUG_REGEX_SUBSTITUTIONS, SLUGIFY_USE_UNICODE and SLUGIFY_PRESERVE_CASE; new-post, new-episode,
the comments' post lookup and the importers make theirs with `slug_for`, so they agree with it.

Names that became page addresses by a rule of their own before this helper existed keep that
rule, written below as substitutions for the same helper: their URLs are published, and a
reader's bookmark or a podcast app's link must not move.
"""

from __future__ import annotations

import functools
import os

from markupsafe import escape
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

# Words only: every run of other characters is one hyphen, none at either end
# ('Space & stars' -> space-stars, 'AC/DC' -> ac-dc). Event keys, question topics and ages.
WORDS = ((r"[\W_]+", "-"), (r"\A-+|-+\Z", ""))
# Music's artists and genres: '&' reads 'and', an apostrophe goes (Guns N' Roses ->
# guns-n-roses), then words only.
NAMES = (("&", " and "), ("'", ""), *WORDS)


def slug_for(text, settings=None, subs=None) -> str:
    """`text` as a slug, the way Pelican slugs a title with `settings` (Pelican's defaults
    when None); `subs` replaces SLUG_REGEX_SUBSTITUTIONS for names with a rule of their own."""
    settings = settings or DEFAULT_CONFIG
    if subs is None:
        subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    else:
        # A name is plain text, not a title's HTML: slugify must not strip '<...>' from it
        # nor read '&amp;' as '&', or 'x<y>z' would lose the letters its old slug kept.
        text = escape(str(text))
    return slugify(str(text), regex_subs=subs,
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def word_slug(text) -> str:
    """A name by the words-only rule (WORDS): event keys, question topics and age groups, the
    rule their published addresses were made with ('Space & stars' -> space-stars)."""
    return slug_for(text, subs=WORDS)


def slug_of_document(title, path: str, settings=None) -> str | None:
    """The slug Pelican gives a document without `slug:`: from its title, or from its file
    name when SLUGIFY_SOURCE is 'basename'; None when there is nothing to make it from."""
    settings = settings or DEFAULT_CONFIG
    if settings.get("SLUGIFY_SOURCE", "title") == "basename":
        return slug_for(os.path.splitext(os.path.basename(path))[0], settings)
    return slug_for(title, settings) if title else None


def named_slug(wrapper):
    """A tag, section or author (Pelican's URLWrapper) given the slug Pelican's own `slug`
    would make of its name (its class's <CLASS>_REGEX_SUBSTITUTIONS, else
    SLUG_REGEX_SUBSTITUTIONS), worked out once per name and rule rather than once per post:
    each post has its own objects, and a warm build at 5,000 posts slugified 21,402 of them
    for about 50 names (issue 26). A name whose slug is empty is left to Pelican, which warns.
    The slug is given through Pelican's `slug` setter, which marks it as not made from the
    name: a plugin that renames a tag afterwards sets its slug too (none of the kit's does)."""
    settings = wrapper.settings
    subs = settings.get(f"{type(wrapper).__name__.upper()}_REGEX_SUBSTITUTIONS",
                        settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    try:
        rule = tuple((source, replacement) for source, replacement in subs)
        slug = _remembered_slug(wrapper.name, rule,
                                settings.get("SLUGIFY_PRESERVE_CASE", False),
                                settings.get("SLUGIFY_USE_UNICODE", False))
    except (TypeError, ValueError):
        return wrapper  # a rule this cannot remember: Pelican slugifies it as before
    if slug:
        wrapper.slug = slug
    return wrapper


@functools.lru_cache(maxsize=4096)
def _remembered_slug(name, rule: tuple, preserve_case, use_unicode) -> str:
    return slugify(name, regex_subs=rule, preserve_case=preserve_case, use_unicode=use_unicode)
