"""A tag's, section's or author's slug, given once per name by the reader
(slugs.named_slug), is the one Pelican's own URLWrapper.slug makes: tag pages and links keep
their published addresses."""

from __future__ import annotations

import copy

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag
from shelfcast_sitekit.slugs import named_slug

NAMES = ["Books", "Science fiction", "Café & Crème", "C++ / C#", "<b>Bold</b> news", "Ünïcode",
         "日本語", "  spaced  ", "MiXeD Case"]

RULES = {
    "Pelican's defaults": {},
    "a rule for tags": {"TAG_REGEX_SUBSTITUTIONS": [[r"[^\w\s-]", ""], [r"\s+", "_"]]},
    "a rule for sections": {"CATEGORY_REGEX_SUBSTITUTIONS": [("news", "nieuws")]},
    "the site's rule": {"SLUG_REGEX_SUBSTITUTIONS": [(r"\s+", "+")]},
    "case kept": {"SLUGIFY_PRESERVE_CASE": True},
    "unicode kept": {"SLUGIFY_USE_UNICODE": True},
}


@pytest.mark.parametrize("rule", sorted(RULES))
@pytest.mark.parametrize("kind", [Tag, Category, Author])
def test_the_slug_given_is_pelicans(kind, rule):
    settings = {**copy.deepcopy(DEFAULT_CONFIG), **RULES[rule]}
    for name in NAMES:
        assert named_slug(kind(name, settings)).slug == kind(name, settings).slug, name


def test_a_slug_changes_with_the_rule_not_only_with_the_name():
    plain = named_slug(Tag("Science fiction", dict(DEFAULT_CONFIG)))
    ruled = named_slug(Tag("Science fiction", {**DEFAULT_CONFIG,
                                               "TAG_REGEX_SUBSTITUTIONS": [(r"\s+", "_")]}))
    assert (plain.slug, ruled.slug) == ("science-fiction", "science_fiction")


def test_a_name_with_no_slug_is_left_to_pelican_which_warns(caplog):
    tag = named_slug(Tag("!!!", {**DEFAULT_CONFIG, "SLUG_REGEX_SUBSTITUTIONS": [(r"\W", "")]}))
    assert tag.slug == ""
    assert "Unable to generate valid slug" in caplog.text


def test_a_rule_that_cannot_be_remembered_is_left_to_pelican():
    settings = {**DEFAULT_CONFIG, "SLUG_REGEX_SUBSTITUTIONS": [[r"\s+", "_"]],
                "SLUGIFY_PRESERVE_CASE": ["not", "a", "flag"]}
    assert named_slug(Tag("Science Fiction", settings)).slug == Tag("Science Fiction",
                                                                    settings).slug
