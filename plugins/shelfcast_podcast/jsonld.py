"""schema.org JSON-LD for show pages (PodcastSeries) and episode pages (PodcastEpisode).

Plain dicts: the templates write them with `|tojson`, which escapes them for a <script>.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SeriesFacts:
    name: str
    url: str             # absolute URLs from here on
    feed_url: str
    description: str
    language: str
    image: str
    author: str = ""


def series_ref(series: SeriesFacts) -> dict:
    """The show as an episode points to it."""
    return {"@type": "PodcastSeries", "name": series.name, "url": series.url,
            "webFeed": series.feed_url}


def series_json_ld(series: SeriesFacts, publisher: dict, episodes: list[dict]) -> dict:
    """A show page: the series, who makes it and its episodes ({name, url} each)."""
    data = {"@context": "https://schema.org", **series_ref(series),
            "description": series.description, "inLanguage": series.language,
            "image": series.image, "publisher": publisher,
            "episode": [{"@type": "PodcastEpisode", **e} for e in episodes]}
    if series.author:
        data["author"] = {"@type": "Organization", "name": series.author}
    return data


def episode_json_ld(episode: dict, series: SeriesFacts, publisher: dict) -> dict:
    """An episode page. `episode` holds name, url, description, date (datetime), language,
    seconds, image, audio_url, mime, number, season and mentions (None when absent)."""
    duration = f"PT{episode['seconds']}S"
    data = {"@context": "https://schema.org", "@type": "PodcastEpisode",
            "name": episode["name"], "url": episode["url"],
            "description": episode["description"],
            "datePublished": episode["date"].isoformat(), "inLanguage": episode["language"],
            "duration": duration, "image": episode["image"],
            "associatedMedia": {"@type": "AudioObject", "contentUrl": episode["audio_url"],
                                "encodingFormat": episode["mime"], "duration": duration},
            "partOfSeries": series_ref(series), "publisher": publisher}
    if episode.get("number") is not None:
        data["episodeNumber"] = episode["number"]
    if episode.get("season") is not None:
        data["partOfSeason"] = {"@type": "PodcastSeason", "seasonNumber": episode["season"],
                                "partOfSeries": series_ref(series)}
    if episode.get("mentions"):
        data["mentions"] = episode["mentions"]
    return data
