"""A post's url and save_as are worked out once (shelfcast_sitekit.contenturls), and still
follow every field they are made from: a memo that missed one would link to an old address."""

from __future__ import annotations

import copy
import datetime

import pytest
from pelican import contents
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category
from shelfcast_sitekit import contenturls

PATTERNS = {
    "ARTICLE_URL": "{category}/{date:%Y/%H}/{slug}.html",
    "ARTICLE_SAVE_AS": "{category}/{date:%Y/%H}/{slug}.html",
    "ARTICLE_LANG_URL": "{lang}/{author}/{slug}.html",
    "ARTICLE_LANG_SAVE_AS": "{lang}/{author}/{slug}.html",
    "DRAFT_URL": "drafts/{path}-{series}.html",
    "DRAFT_SAVE_AS": "drafts/{path}-{series}.html",
    "PAGE_URL": "pages/{slug}/",
    "PAGE_SAVE_AS": "pages/{slug}/index.html",
    "DRAFT_PAGE_URL": "drafts/pages/{slug}.html",
    "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",
}


PLUS_TWO = datetime.timezone(datetime.timedelta(hours=2))


def settings() -> dict:
    values = copy.deepcopy(DEFAULT_CONFIG)
    values.update(PATTERNS, PATH="/site/content", DEFAULT_LANG="en", WITH_FUTURE_DATES=True)
    return values


def article(kind, config, **metadata) -> contents.Article:
    fields = {"title": "A post", "slug": "a-post", "series": "one",
              "date": datetime.datetime(2024, 5, 1, 10, 0, tzinfo=PLUS_TWO),
              "category": Category("News", config), "author": Author("Ann", config)}
    fields.update(metadata)
    post = kind("Text", metadata=fields, settings=config,
                source_path="/site/content/posts/a-post.md")
    contenturls.remember_urls(post)
    return post


def pelicans(post) -> tuple[str, str]:
    """What Pelican's own class answers for the post as it is now."""
    return (contents.Content.get_url_setting(post, "url"),
            contents.Content.get_url_setting(post, "save_as"))


def test_a_post_is_given_the_remembering_class_named_as_pelicans():
    config = settings()
    post = article(contents.Article, config)
    page = contents.Page("Text", metadata={"title": "About", "slug": "about"}, settings=config,
                         source_path="/site/content/pages/about.md")
    contenturls.remember_urls(page)
    assert isinstance(post, contents.Article) and isinstance(page, contents.Page)
    assert type(page).__name__ == "Page"  # Pelican names PAGE_URL after the class
    assert (page.url, page.save_as) == ("pages/about/", "pages/about/index.html")


EDITS = {
    "slug": lambda post, config: setattr(post, "slug", "new-slug"),
    "date": lambda post, config: setattr(post, "date", datetime.datetime(2019, 1, 1)),
    "category": lambda post, config: setattr(post, "category", Category("Events", config)),
    "the category's slug": lambda post, config: setattr(post.category, "slug", "events"),
    "draft": lambda post, config: setattr(post, "status", "draft"),
    "language": lambda post, config: (setattr(post, "lang", "fr"),
                                      setattr(post, "in_default_lang", False)),
    "the pattern in the settings": lambda post, config: config.update(
        ARTICLE_URL="{slug}/", ARTICLE_SAVE_AS="{slug}/index.html"),
    # The same moment (equal datetimes) in another zone: another hour in the address.
    "a date's zone": lambda post, config: setattr(post, "date", datetime.datetime(
        2024, 5, 1, 8, 0, tzinfo=datetime.UTC)),
    "an override": lambda post, config: setattr(post, "override_url", "elsewhere.html"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_the_url_follows_each_field_it_is_made_from(edit):
    config = settings()
    post = article(contents.Article, config)
    first = (post.url, post.save_as)
    assert first == pelicans(post)
    EDITS[edit](post, config)
    if edit == "draft":  # the draft pattern names the path and a metadata field
        first_draft = (post.url, post.save_as)
        assert first_draft == pelicans(post)
        post.metadata["series"] = "two"
    assert (post.url, post.save_as) == pelicans(post)
    assert (post.url, post.save_as) != first


def test_a_page_follows_its_slug_and_status():
    config = settings()
    page = contents.Page("Text", metadata={"title": "About", "slug": "about"}, settings=config,
                         source_path="/site/content/pages/about.md")
    contenturls.remember_urls(page)
    assert page.url == "pages/about/"
    page.slug = "visit"
    assert page.url == "pages/visit/" == pelicans(page)[0]
    page.status = "draft"
    assert page.save_as == "drafts/pages/visit.html" == pelicans(page)[1]


def test_a_url_is_worked_out_once_while_its_fields_stay(monkeypatch):
    config = settings()
    post = article(contents.Article, config)
    formatted = []
    url_format = contents.Content.url_format

    def counting(self):
        formatted.append(1)
        return url_format.fget(self)

    monkeypatch.setattr(contents.Content, "url_format", property(counting))
    assert post.url == "news/2024/10/a-post.html"
    # The memo answers while the fields stay: what it holds is what the post says.
    memo = vars(post)[contenturls.MEMO]
    memo["ARTICLE_URL"] = (memo["ARTICLE_URL"][0], "remembered.html")
    for _ in range(5):
        assert post.url == "remembered.html"
    # Made from the fields the pattern names alone, never from Pelican's whole url_format.
    assert formatted == []


# Patterns naming each field url_format gives, metadata of several types, format specs,
# attributes and conversions: the answer made from the named fields is Pelican's.
FORMATS = ["{path}", "{path}/{slug}.html", "{date:%Y-%m-%d %H:%M %z}/{slug!r}", "{lang}-{slug}",
           "{author}/{category}/{slug}", "{date.year}/{series}/{number:03d}.html",
           "{slug:>12}/{flag}/index.html", "{category}{{literal}}{slug}"]


@pytest.mark.parametrize("pattern", FORMATS)
def test_a_url_made_from_its_fields_is_pelicans(pattern):
    config = settings()
    config.update(ARTICLE_URL=pattern, ARTICLE_SAVE_AS=pattern)
    post = article(contents.Article, config, number=7, flag=True)
    assert (post.url, post.save_as) == pelicans(post)
    post.metadata["path"] = "elsewhere/a post.md"  # the path as front matter gives it
    post.metadata["number"] = 12
    assert (post.url, post.save_as) == pelicans(post)


def test_a_pattern_naming_a_field_the_post_lacks_fails_as_pelicans():
    config = settings()
    config.update(ARTICLE_URL="{slug}/{nowhere}.html")
    post = article(contents.Article, config)
    with pytest.raises(KeyError, match="nowhere"):
        contents.Content.get_url_setting(post, "url")
    with pytest.raises(KeyError, match="nowhere"):
        _ = post.url


def test_a_field_that_is_not_a_plain_value_is_formatted_every_time(monkeypatch):
    config = settings()
    post = article(contents.Article, config, series=["one"])
    post.status = "draft"
    formatted = []
    url_format = contents.Content.url_format
    monkeypatch.setattr(contents.Content, "url_format",
                        property(lambda self: formatted.append(1) or url_format.fget(self)))
    first = post.url
    post.metadata["series"].append("two")  # the same list, changed in place
    assert post.url != first and post.url == pelicans(post)[0]
    assert len(formatted) >= 2
