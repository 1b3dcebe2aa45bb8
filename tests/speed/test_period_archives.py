"""The year, month and day archives list the same posts, in the same order, as Pelican's own
method makes them (shelfcast_sitekit.periodarchives: one pass instead of a scan of every post
for each period)."""

from __future__ import annotations

import copy
import datetime
import random

from pelican import contents
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG
from shelfcast_sitekit.periodarchives import linear_period_archives

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
