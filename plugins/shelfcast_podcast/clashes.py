"""Episodes that clash across the whole site: one guid, one audio file, one episode number.

Apps treat two items with one guid as one episode (the second never appears, or replaces the
first); two items with one enclosure make apps download the same file twice; two episode 4s
in a season make Apple Podcasts show only one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shelfcast_sitekit.problems import ContentProblem


@dataclass(frozen=True)
class EpisodeKey:
    """What may not be shared, for one episode, with the file it comes from."""

    path: str
    show: str
    guid: str
    enclosure: str
    season: int | None = None
    episode: int | None = None
    episode_type: str = "full"
    lines: tuple = ()          # (("guid", 5), ("audio", 4), ...) front matter line numbers


def _grouped(episodes: list[EpisodeKey], key) -> list[list[EpisodeKey]]:
    groups: dict = {}
    for episode in episodes:
        value = key(episode)
        if value is not None:
            groups.setdefault(value, []).append(episode)
    return [group for group in groups.values() if len(group) > 1]


def _problems(group: list[EpisodeKey], field: str, line_field: str, message: str
              ) -> list[ContentProblem]:
    problems = []
    for episode in group:
        others = ", ".join(e.path for e in group if e is not episode)
        problems.append(ContentProblem(episode.path, dict(episode.lines).get(line_field), field,
                                       message.format(others=others, e=episode)))
    return problems


def clashes(episodes: list[EpisodeKey]) -> list[ContentProblem]:
    """One error per episode for each thing it shares with another, naming the other files."""
    problems = []
    for group in _grouped(episodes, lambda e: e.guid):
        problems += _problems(group, "guid", "guid",
            "{e.guid!r} is also the guid of {others}; every episode needs its own guid "
            "(give the newer episode a new one, e.g. from `invoke new-episode`)")
    for group in _grouped(episodes, lambda e: e.enclosure):
        problems += _problems(group, "audio", "audio",
            "the same audio file is also the episode {others}; each episode needs its own "
            "audio file (apps would download it twice)")
    numbered = [e for e in episodes if e.episode_type == "full"]
    for group in _grouped(numbered, lambda e: None if e.episode is None
                          else (e.show, e.season, e.episode)):
        season = f"season {group[0].season}" if group[0].season is not None else "the show"
        problems += _problems(group, "episode", "episode",
            f"episode {group[0].episode} of {season} is also {{others}}; give each episode "
            "its own number (Apple Podcasts shows only one of them)")
    return problems
