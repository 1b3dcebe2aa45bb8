"""schema.org JSON-LD for a review of an album, and COinS so Zotero can cite the album.

Both are built from plain values (an Album and a few facts about the review page) and
return text ready to put in the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from .albums import Album
from .durations import iso8601


@dataclass(frozen=True)
class ReviewFacts:
    """What the page knows about the review itself (absolute URLs)."""

    headline: str
    url: str
    date: str
    authors: tuple[str, ...]
    publisher: str
    lang: str
    cover_url: str | None = None
    description: str | None = None


def album_jsonld(album: Album, review: ReviewFacts) -> dict:
    """A schema.org Review whose itemReviewed is the MusicAlbum."""
    item = {"@type": "MusicAlbum", "name": album.title, "byArtist": _artist(album.artist)}
    if album.tracks:
        item["numTracks"] = len(album.tracks)
        item["track"] = [_recording(album, track) for track in album.tracks]
    if album.genres:
        item["genre"] = album.genres
    if album.year:
        item["datePublished"] = str(album.year)
    if review.cover_url:
        item["image"] = review.cover_url
    if album.musicbrainz:
        item["sameAs"] = f"https://musicbrainz.org/release/{album.musicbrainz}"
    release = _release(album)
    if release:
        item["albumRelease"] = release
    data = {"@context": "https://schema.org", "@type": "Review", "name": review.headline,
            "url": review.url, "datePublished": review.date, "inLanguage": review.lang,
            "itemReviewed": item,
            "publisher": {"@type": "Organization", "name": review.publisher}}
    data["author"] = [{"@type": "Person", "name": a} for a in review.authors] or \
        {"@type": "Organization", "name": review.publisher}
    if review.description:
        data["description"] = review.description
    return data


def _artist(name: str) -> dict:
    return {"@type": "MusicGroup", "name": name}


def _recording(album: Album, track) -> dict:
    recording = {"@type": "MusicRecording", "position": track.position, "name": track.title}
    if track.seconds is not None:
        recording["duration"] = iso8601(track.seconds)
    if track.artist:
        recording["byArtist"] = _artist(track.artist)
    return recording


def _release(album: Album) -> dict | None:
    release = {"@type": "MusicRelease", "name": album.title}
    if album.catalogue_number:
        release["catalogNumber"] = album.catalogue_number
    if album.label:
        release["recordLabel"] = {"@type": "Organization", "name": album.label}
    barcode = album.ean or album.upc
    if barcode:
        release[f"gtin{len(barcode)}" if len(barcode) in (8, 12, 13, 14) else "gtin"] = barcode
    if album.total_seconds is not None:
        release["duration"] = iso8601(album.total_seconds)
    return release if len(release) > 2 else None


def script_json(data: dict) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can appear in it."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def coins_title(album: Album, referrer: str) -> str:
    """The title attribute of a COinS span (Z39.88 KEV, Dublin Core, audioRecording)."""
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
             ("rfr_id", f"info:sid/{referrer}"), ("rft.type", "audioRecording"),
             ("rft.title", album.title), ("rft.creator", album.artist)]
    pairs += [("rft.contributor", artist) for artist in album.track_artists]
    if album.year:
        pairs.append(("rft.date", str(album.year)))
    if album.label:
        pairs.append(("rft.publisher", album.label))
    if album.ean or album.upc:
        pairs.append(("rft.identifier", f"urn:ean:{album.ean or album.upc}"))
    if album.catalogue_number:
        pairs.append(("rft.identifier", album.catalogue_number))
    pairs += [("rft.subject", genre) for genre in album.genres]
    pairs.append(("rft.format", "audio"))
    return urlencode(pairs)
