"""Tell podcast apps at once that a feed changed: a WebSub hub and Podping, after a publish.

A static host cannot be asked whether a feed changed, so apps poll it every few hours; a ping
at publish puts new episodes in apps within minutes. Only feeds whose bytes differ from the
last successful ping are announced (their SHA-256 digests are kept per target under .cache/);
a ping that fails is a warning and is tried again at the next publish, never a failed publish.

The request goes through the one fetcher (shelfcast_sitekit/fetcher.py: http/https only, public
addresses, a total deadline, a capped answer), only to the hub and Podping addresses in the
settings, without following redirects.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from shelfcast_sitekit.fetcher import FetchError, Limits
from shelfcast_sitekit.fetcher import send as send_request

DEADLINE_SECONDS = 10
MAX_ANSWER = 64 << 10
RECORD = os.path.join(".cache", "announced-feeds-{target}.json")
USER_AGENT = "Shelfcast (+https://podcastindex.org/namespace/1.0)"


@dataclass(frozen=True)
class Feed:
    url: str                # the public URL apps subscribe to (the WebSub topic)
    digest: str             # SHA-256 of the published bytes


@dataclass(frozen=True)
class Ping:
    """One HTTP request to send: to a hub, or to Podping."""

    feed: Feed
    method: str
    url: str
    body: bytes | None
    headers: dict


def changed_feeds(feeds: list[Feed], announced: dict[str, str]) -> list[Feed]:
    """Feeds whose digest is not the one last announced."""
    return [feed for feed in feeds if announced.get(feed.url) != feed.digest]


def pings(feeds: list[Feed], hub: str | None, podping_url: str | None,
          token: str | None) -> list[Ping]:
    """WebSub publish notices (POST hub.mode=publish&hub.url=feed), then Podping's GET ?url=
    with the token, for each feed; none for a service that is not set up."""
    found = []
    for feed in feeds:
        if hub:
            body = urlencode({"hub.mode": "publish", "hub.url": feed.url}).encode()
            found.append(Ping(feed, "POST", hub, body,
                              {"Content-Type": "application/x-www-form-urlencoded"}))
        if token and podping_url:
            found.append(Ping(feed, "GET", f"{podping_url}?{urlencode({'url': feed.url})}",
                              None, {"Authorization": token}))
    return found


def send(ping: Ping, deadline: float = DEADLINE_SECONDS, allow_local: bool = False) -> str | None:
    """Send one ping; None when the service accepted it (2xx), else why not, in words."""
    limits = Limits(max_bytes=MAX_ANSWER, seconds=deadline, redirects=0,
                    allow_local=allow_local)
    try:
        status, reason = send_request(ping.url, ping.method, ping.body,
                                      {"User-Agent": USER_AGENT, **ping.headers}, limits)
    except FetchError as err:
        return f"it could not be reached ({err.why})"
    return None if 200 <= status < 300 else f"it answered {status} {reason}"


def read_record(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_record(path: str, record: dict[str, str]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(record, handle, sort_keys=True, indent=0)
    os.replace(partial, path)


def announce(feeds: list[Feed], settings: dict, record_path: str, out,
             allow_local: bool = False) -> None:
    """Ping for each changed feed; remember a feed as announced once all its pings went
    (allow_local: the hub may be on 127.0.0.1, for tests)."""
    announced = read_record(record_path)
    failed = set()
    for ping in pings(changed_feeds(feeds, announced), settings["websub_hub"],
                      settings["podping_url"], settings["podping_token"]):
        problem = send(ping, allow_local=allow_local)
        service = "Podping" if ping.method == "GET" else "the WebSub hub"
        if problem:
            failed.add(ping.feed.url)
            print(f"warning: could not tell {service} ({urlsplit(ping.url).netloc}) about "
                  f"{ping.feed.url}: {problem}. The site is published; apps see the change "
                  "when they next check the feed, and the next publish tries again.", file=out)
        else:
            print(f"Told {service} about {ping.feed.url}.", file=out)
    for feed in changed_feeds(feeds, announced):
        if feed.url not in failed and (settings["websub_hub"] or settings["podping_token"]):
            announced[feed.url] = feed.digest
    write_record(record_path, announced)
