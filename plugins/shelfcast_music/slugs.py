"""ASCII slugs for artist and genre pages that stay put from one build to the next."""

from __future__ import annotations

from collections import defaultdict

from shelfcast_sitekit.slugs import NAMES, slug_for


def ascii_slug(name: str) -> str:
    """Sigur Rós -> sigur-ros, Mø -> mo, AC/DC -> ac-dc; "" when nothing is left (the one
    slug helper with music's own rule, which made the published artist and genre URLs)."""
    return slug_for(name, subs=NAMES)


def assign_slugs(names, fallback: str = "artist") -> dict[str, str]:
    """Give each distinct name its own slug.

    Names whose slugs coincide (Bjork, Björk) are told apart by suffixes -2, -3... given in
    the sorted order of the names, so the result depends only on which names exist, never on
    the order files were read in.
    """
    by_slug = defaultdict(list)
    for name in sorted(set(names)):
        by_slug[ascii_slug(name) or fallback].append(name)
    slugs = {}
    taken = set(by_slug)
    for slug, group in sorted(by_slug.items()):
        slugs[group[0]] = slug
        number = 2
        for name in group[1:]:
            while f"{slug}-{number}" in taken:
                number += 1
            slugs[name] = f"{slug}-{number}"
            taken.add(slugs[name])
    return slugs


def collisions(slugs: dict[str, str]) -> list[list[str]]:
    """Groups of names that would share a slug without the suffixes (to warn about)."""
    groups = defaultdict(list)
    for name in sorted(slugs):
        groups[ascii_slug(name)].append(name)
    return [group for _slug, group in sorted(groups.items()) if len(group) > 1]
