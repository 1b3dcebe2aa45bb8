"""The year, month and day archives and the tag, section and author pages list the same posts,
in the same order, as Pelican's own methods make them (shelfcast_sitekit.postlists: one pass
instead of a scan of every post for each list)."""

from __future__ import annotations

import copy
import datetime
import random

import pytest
from pelican import contents
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG
from shelfcast_sitekit.postlists import linear_listing, linear_period_archives

GRANULARITIES = ("year", "month", "day")


def posts(count: int, rng: random.Random) -> list:
    config = copy.deepcopy(DEFAULT_CONFIG)
    made = []
    for number in range(count):
        date = datetime.datetime(rng.randrange(2019, 2027), rng.randrange(1, 13),
                                 rng.randrange(1, 29), rng.randrange(24))
        made.append(contents.Article(f"Text {number}", settings=config,
                                     metadata={"title": f"Post {number}", "date": date},
                                     source_path=f"/site/content/post-{number}.md"))
    return made


def shown(archives) -> dict:
    """Each archive's fields, its posts by identity (as Pelican compares them)."""
    return {granularity: [{**archive, "dates": [id(a) for a in archive["dates"]],
                           "articles": [id(a) for a in archive["articles"]]}
                          for archive in archives[granularity]]
            for granularity in archives}


def test_each_periods_posts_are_pelicans_in_pelicans_order():
    rng = random.Random(26)
    articles = posts(300, rng)
    rng.shuffle(articles)  # the listing order (ARTICLE_ORDER_BY) is not the dates' order
    dates = sorted(articles[:280], key=lambda a: a.date)  # and a few posts are in no period
    settings = {**DEFAULT_CONFIG, "YEAR_ARCHIVE_SAVE_AS": "archive/{date:%Y}/index.html",
                "MONTH_ARCHIVE_SAVE_AS": "archive/{date:%Y}/{date:%m}/index.html",
                "DAY_ARCHIVE_SAVE_AS": "archive/{date:%Y}/{date:%m}/{date:%d}/index.html"}
    generator = ArticlesGenerator.__new__(ArticlesGenerator)
    pelicans = ArticlesGenerator._build_period_archives(generator, dates, articles, settings)
    ours = linear_period_archives(generator)(dates, articles, settings)
    assert set(ours) == set(GRANULARITIES)
    assert shown(ours) == shown(pelicans)
    assert sum(len(a["articles"]) for a in ours["year"]) == 280


class _Named:
    """A tag, section or author as the listing methods use it."""

    def __init__(self, name: str):
        self.name = self.slug = self.page_name = name
        self.save_as, self.url = f"{name}.html", f"{name}.html"

    def __lt__(self, other):
        return self.name < other.name


def listing_generator(rng: random.Random) -> ArticlesGenerator:
    generator = ArticlesGenerator.__new__(ArticlesGenerator)
    articles = posts(200, rng)
    generator.articles, generator.context = articles, {}
    generator.dates = sorted(articles, key=lambda a: a.date)
    generator.get_template = lambda name: f"template {name}"
    groups = {name: [_Named(f"{name}-{n}") for n in range(12)]
              for name in ("tags", "categories", "authors")}
    for name, items in groups.items():
        chosen = {item: [a for a in articles if rng.random() < 0.2] for item in items}
        setattr(generator, name, chosen if name == "tags" else sorted(chosen.items()))
    return generator


def written(generator, method) -> list:
    calls = []

    def write(*args, **kwargs):
        calls.append((args, {key: [id(a) for a in value] if key in ("dates", "all_articles")
                             else value for key, value in kwargs.items()}))

    method(write)
    return calls


@pytest.mark.parametrize("method", ["generate_tags", "generate_categories", "generate_authors"])
def test_each_listings_pages_are_given_pelicans_posts(method):
    generator = listing_generator(random.Random(26))
    before = {name: getattr(generator, name) for name in ("tags", "categories", "authors")}
    pelicans = written(generator, lambda write: getattr(ArticlesGenerator, method)(
        generator, write))
    ours = written(generator, linear_listing(generator, method))
    assert ours == pelicans and len(ours) == 12
    # The listing's own list is what the page gets (a template sees no other kind of list)...
    assert all(type(kwargs["articles"]) is list for _args, kwargs in ours)
    # ...and the generator's listings are its own again after.
    assert all(getattr(generator, name) is value for name, value in before.items())
