"""Grouping questions by topic and age group, and finding related ones: pure functions."""

from __future__ import annotations

from collections import defaultdict

from shelfcast_sitekit.slugs import word_slug


def related(question, others: list, count: int) -> list:
    """Questions sharing most topics with `question`, newest first among equals."""
    topics = {word_slug(t) for t in question.fields.topics}
    scored = [(len(topics & {word_slug(t) for t in other.fields.topics}), other)
              for other in others if other is not question]
    scored = [(score, other) for score, other in scored if score]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].date.timestamp(), pair[1].slug))
    return [other for _score, other in scored[:count]]


def by_topic(questions: list) -> dict[str, tuple[str, list]]:
    """{topic slug: (topic as first written, questions newest first)}, sorted by topic."""
    groups: dict = defaultdict(list)
    names: dict = {}
    for question in questions:
        for topic in question.fields.topics:
            key = word_slug(topic)
            names.setdefault(key, topic)
            groups[key].append(question)
    return {key: (names[key], groups[key]) for key in sorted(groups)}


def by_age_group(questions: list, order: list[str]) -> dict[str, list]:
    groups: dict = defaultdict(list)
    for question in questions:
        groups[question.fields.age_group].append(question)
    return {group: groups[group] for group in order if groups.get(group)}


def most_asked(topics: list[tuple], count: int) -> list[tuple]:
    """The `count` (name, url, questions) topics with most questions, in their given order."""
    if len(topics) <= count:
        return topics
    kept = {id(t) for t in sorted(topics, key=lambda t: -t[2])[:count]}
    return [t for t in topics if id(t) in kept]
