"""Pelican's lists of posts per period (year and month archives) and per listing (tag,
section, author), made in one pass instead of one scan of every post per list.

Pelican 4.12 makes each list by testing every post against another list: for each of the 188
years and months of the bench's 5,000 posts `[a for a in articles if a in dates]`
(`_build_period_archives`), and for each tag, section and author `[a for a in self.dates if a
in articles]` (`generate_tags`, `generate_categories`, `generate_authors`). That was about
1.5 s of a warm build's process at 5,000 posts (issue 26, docs/speed.md) and grows with the
square of the site. Pelican's own methods still do everything; only the membership test is
answered from a set. It is the same answer: Pelican's `in` compares posts by identity (its
content classes define no equality), and so do these sets. Each is set on the generator
instance by the build's run_steps; Pelican's class is left as it is.
"""

from __future__ import annotations

# ArticlesGenerator's listing methods and the attribute each loops over: (item, posts) pairs.
LISTINGS = {"generate_tags": "tags", "generate_categories": "categories",
            "generate_authors": "authors"}


def linear_period_archives(generator):
    """The generator's `_build_period_archives`: Pelican's, each archive's `articles` (the
    posts of its dates, in the order of `articles`) made in one pass."""
    pelican_method = type(generator)._build_period_archives

    def build(sorted_articles, articles, settings):
        archives = pelican_method(generator, sorted_articles, [], settings)
        place = {id(article): index for index, article in enumerate(articles)}
        for periods in archives.values():
            for archive in periods:
                found = sorted({place[id(a)] for a in archive["dates"] if id(a) in place})
                archive["articles"] = [articles[index] for index in found]
        return archives

    return build


class _Members(list):
    """A listing's posts whose `in` is a set lookup (by identity, as a list's is here)."""

    def __init__(self, posts: list):
        super().__init__(posts)
        self.original = posts
        self._ids = {id(post) for post in posts}

    def __contains__(self, post) -> bool:
        return id(post) in self._ids


def linear_listing(generator, method: str):
    """The generator's `method` (one of LISTINGS): Pelican's, run over the listing with each
    list of posts answering `in` from a set; the writer is handed the listing's own list."""
    pelican_method = getattr(type(generator), method)
    name = LISTINGS[method]

    def generate(write):
        listing = getattr(generator, name)
        pairs = listing.items() if isinstance(listing, dict) else listing
        members = [(item, _Members(posts)) for item, posts in pairs]
        setattr(generator, name, dict(members) if isinstance(listing, dict) else members)

        def writing(*args, **kwargs):
            if isinstance(kwargs.get("articles"), _Members):
                kwargs["articles"] = kwargs["articles"].original
            return write(*args, **kwargs)

        try:
            pelican_method(generator, writing)
        finally:
            setattr(generator, name, listing)

    return generate


def install(generator) -> None:
    """Set the one-pass lists on an ArticlesGenerator instance."""
    generator._build_period_archives = linear_period_archives(generator)
    for method in LISTINGS:
        setattr(generator, method, linear_listing(generator, method))
