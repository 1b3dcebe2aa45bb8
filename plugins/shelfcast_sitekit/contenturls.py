"""A post's `url` and `save_as` worked out once while what they are made from stays the same.

Pelican's `Article.url` and `save_as` are properties: each read copies the post's metadata,
works out its path relative to content/ and formats the URL setting again (about 80 µs). A
warm build of 5,000 posts read them 37,211 times (2.2 s of 20 s, issue 26): listings, feeds,
the sitemap, links and the page cache's checks each ask.

Pelican builds posts with its own `Article` and `Page` classes (no setting names another
class), so when a post is made (`content_object_init`) its class becomes the subclass below,
which answers `get_url_setting` from a memo on the post. The memo is keyed on everything the
answer is made from: the URL pattern as the settings hold it now, and the value of each field
the pattern names (`{slug}`, `{date:%Y}`, `{category}`...: the category's slug, the path as
Pelican works it out), compared by type and value. A field whose value could format
differently while comparing equal (a list, an object) is not memoised: Pelican works the URL
out as before. Nothing of Pelican is patched; a post read again, or patched by the resident
preview (a new title, a new slug), gets the URL its fields give now.

Where every field a pattern names is such a fixed value, the answer is also formatted from
those fields alone, as Pelican's `url_format` gives them (`{path}` through `path_to_url`),
rather than by Pelican: its `url_format` copies the whole metadata and works out the path
relative to content/ whether the pattern names it or not, about two thirds of a URL's cost,
and each post's first `url` and `save_as` are worked out on every build (about 15,000 at
5,000 posts and 500 episodes, issue 26).
"""

from __future__ import annotations

import datetime
import functools
import re
import string

from pelican import contents
from pelican.utils import SafeDatetime, path_to_url

MEMO = "_sitekit_urls"  # on a post: {setting name: ((pattern, field values), answer)}
# Values whose text in a format is fixed by their type and value (repr keeps a date's zone
# and fold, which equality ignores).
_PLAIN = frozenset({str, int, bool, type(None)})
_DATES = frozenset({datetime.datetime, datetime.date, SafeDatetime})
_ROOT = re.compile(r"[.\[]")


@functools.lru_cache(maxsize=256)
def pattern_fields(pattern: str) -> tuple[str, ...] | None:
    """The names a URL pattern formats (`{date:%Y}/{slug}.html` → date, slug); None when the
    pattern cannot be read that way (positional or nested fields): then no memo."""
    names = []
    try:
        for _text, name, spec, _conversion in string.Formatter().parse(pattern):
            if name is None:
                continue
            root = _ROOT.split(name, maxsplit=1)[0]
            if not root or root.isdigit() or (spec and "{" in spec):
                return None
            names.append(root)
    except ValueError:
        return None
    return tuple(names)


def _fixed(value):
    """value as part of a memo key, or None when its formatted text is not fixed by it."""
    kind = type(value)
    if kind in _PLAIN:
        return kind, value
    if kind in _DATES:
        return kind, repr(value)
    return None


MISSING = object()  # a field the pattern cannot be formatted from here


def _field(post, name: str):
    """What Pelican's `url_format` is made from for `name` (contents.Content.url_format), or
    MISSING where the pattern cannot be formatted from it (no date: Pelican uses the clock)."""
    if name == "path":
        return post.metadata.get("path", None) if "path" in post.metadata \
            else post.get_relative_source_path()
    if name == "slug":
        return getattr(post, "slug", "")
    if name == "lang":
        return getattr(post, "lang", "en")
    if name == "date":
        return post.date if hasattr(post, "date") else MISSING
    if name in ("author", "category"):
        return getattr(post, name).slug if hasattr(post, name) else ""
    if name in post.metadata:
        return post.metadata[name]
    return MISSING  # Pelican's format raises KeyError: let it


def _facts(post, pattern: str) -> tuple[tuple, list] | None:
    """(memo key, the values of the fields the pattern names, in its order), or None when one
    is not a fixed value."""
    names = pattern_fields(pattern)
    if names is None:
        return None
    facts, values = [], []
    for name in names:
        value = _field(post, name)
        fact = _fixed(value) if value is not MISSING else None
        if fact is None:
            return None
        facts.append(fact)
        values.append(value)
    return (pattern, tuple(facts)), values


def _formatted(pattern: str, values: list) -> str:
    """Pelican's own formatting (Content._expand_settings) with only the fields the pattern
    names, as url_format gives them: the path as a URL path, every other value as it is."""
    return pattern.format(**{name: path_to_url(value) if name == "path" else value
                             for name, value in zip(pattern_fields(pattern), values,
                                                    strict=True)})


class _RemembersURLs:
    """get_url_setting as Pelican's (contents.Content.get_url_setting), from a memo."""

    def _url_kind(self) -> str:  # pragma: no cover (each class below says)
        raise NotImplementedError

    def get_url_setting(self, key: str) -> str:
        # Pelican's own check is hasattr; front matter's override_url/override_save_as are set
        # on the post itself (Content.__init__), so its own attributes are where to look (a
        # lookup of a name the post lacks would go to the content classes' __getattr__).
        override = vars(self).get("override_" + key)
        if override is not None:
            return override
        setting = (f"{self._url_kind()}_{key if self.in_default_lang else 'lang_' + key}"
                   ).upper()
        pattern = str(self.settings[setting])
        found = _facts(self, pattern)
        if found is None:
            return super().get_url_setting(key)  # Pelican's own
        facts, values = found
        memo = self.__dict__.setdefault(MEMO, {})
        known = memo.get(setting)
        if known is not None and known[0] == facts:
            return known[1]
        answer = _formatted(pattern, values)
        memo[setting] = (facts, answer)
        return answer


# Named as Pelican's: a Page's settings are named after its class (PAGE_URL), and Pelican's
# Content._expand_settings reads the class's name for a page that is not a draft.
class Article(_RemembersURLs, contents.Article):
    def _url_kind(self) -> str:  # as contents.Article._expand_settings
        return "draft" if self.status == "draft" else "article"


class Page(_RemembersURLs, contents.Page):
    def _url_kind(self) -> str:  # as contents.Page._expand_settings
        return "draft_page" if self.status == "draft" else "page"


_REMEMBERING = {contents.Article: Article, contents.Page: Page}


def remember_urls(post) -> None:
    """Make a post Pelican just built (content_object_init) one that memoises its URLs; a
    plugin's own content class is left as it is."""
    remembering = _REMEMBERING.get(type(post))
    if remembering is not None:
        post.__class__ = remembering
