"""Listening figures from the host's access logs, counted by the IAB Podcast Measurement
Technical Guidelines v2.1, without keeping who listened.

The rules (docs/podcasts.md says the same in words):
- only GET requests answered 200 or 206 count; HEAD, redirects, 304 and errors do not;
- bots and agents that never listen (OPAWG's list and ours, agents.py) are left out;
- one listener is an IP address (an IPv6 address cut to its /64 network) plus a user agent;
  its requests for one episode within 24 hours of the first are one window, and their bytes
  are added up (an app fetching a file in byte ranges);
- a window is a download when it received at least one minute of audio (or the whole file,
  when the file is shorter): a browser's pre-load of two bytes is no download;
- the download's day is the day (UTC) its window began.

A listener is kept only as a salted hash: the salt is random per run and never written, so the
hashes cannot be linked to an address, nor across runs. No IP address leaves parse_line.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote, urlsplit

from .agents import AgentRule, classify

WINDOW = timedelta(hours=24)
COUNTED_STATUS = {200, 206}
MINUTE = 60

COMBINED = re.compile(
    r'^(?P<ip>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<target>\S+)[^"]*" '
    r'(?P<status>\d{3}) (?P<bytes>\d+|-) "(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)"')
# Amazon S3 server access log: owner bucket [time] ip requester id operation key "uri" status
# error bytes size total turnaround "referer" "agent" ...
S3 = re.compile(
    r'^\S+ \S+ \[(?P<time>[^\]]+)\] (?P<ip>\S+) \S+ \S+ (?P<operation>\S+) (?P<key>\S+) '
    r'"(?P<method>[A-Z]+) [^"]*" (?P<status>\d{3}) \S+ (?P<bytes>\d+|-) \S+ \S+ \S+ '
    r'"(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Request:
    when: datetime
    method: str
    path: str               # the URL path, decoded, without a query
    status: int
    sent: int               # bytes sent
    listener: str           # salted hash of network and user agent
    agent: str


@dataclass(frozen=True)
class EpisodeFile:
    """A published audio file (an enclosure or a smaller copy) of one episode."""

    path: str
    show: str
    episode: str            # its title, for the report
    guid: str               # what tells two episodes apart, even with one title
    length: int
    seconds: float

    @property
    def minimum(self) -> int:
        """Bytes that hold one minute of audio, or the whole file when it is shorter."""
        if self.seconds <= MINUTE:
            return self.length
        return -(-self.length * MINUTE // int(self.seconds))


@dataclass(frozen=True)
class Download:
    day: str                # YYYY-MM-DD, UTC
    show: str
    episode: str
    app: str
    platform: str


def network(ip: str) -> str:
    """The address as IAB v2.1 counts listeners: IPv6 cut to its first 64 bits."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def listener_hash(ip: str, agent: str, salt: bytes) -> str:
    return hashlib.sha256(salt + network(ip).encode() + b"\0" + agent.encode()).hexdigest()


def parse_line(line: str, salt: bytes) -> Request | None:
    """One access log line (nginx/Apache combined, or S3 server access log), or None."""
    found = COMBINED.match(line)
    if found:
        path = urlsplit(found["target"]).path
    else:
        found = S3.match(line)
        if not found:
            return None
        path = "/" + found["key"]
    try:
        when = datetime.strptime(found["time"], "%d/%b/%Y:%H:%M:%S %z").astimezone(UTC)
    except ValueError:
        return None
    agent = found["agent"].replace('\\"', '"')
    sent = 0 if found["bytes"] == "-" else int(found["bytes"])
    return Request(when, found["method"], unquote(path), int(found["status"]), sent,
                   listener_hash(found["ip"], agent, salt), agent)


def counted(request: Request, files: dict[str, EpisodeFile]) -> bool:
    return (request.method == "GET" and request.status in COUNTED_STATUS
            and request.path in files)


def count_downloads(requests: list[Request], files: dict[str, EpisodeFile],
                    rules: list[AgentRule]) -> list[Download]:
    """IAB downloads: one per listener, episode and 24-hour window that got a minute of audio."""
    by_listener: dict[tuple, list[Request]] = {}
    for request in sorted((r for r in requests if counted(r, files)), key=lambda r: r.when):
        agent = classify(request.agent, rules)
        if agent.listener:
            episode = files[request.path]
            by_listener.setdefault((episode.guid, request.listener), []).append(request)
    downloads = []
    for own in by_listener.values():
        agent, episode = classify(own[0].agent, rules), files[own[0].path]
        for start in windows_with_a_minute(own, files):
            downloads.append(Download(start.date().isoformat(), episode.show, episode.episode,
                                      agent.app, agent.platform))
    return sorted(downloads, key=lambda d: (d.day, d.show, d.episode, d.app))


def windows_with_a_minute(requests: list[Request], files: dict[str, EpisodeFile]):
    """Start times of the 24-hour windows (from each window's first request) in which one
    file of the episode got at least a minute of audio; requests are in time order."""
    start, received = None, Counter()
    for request in requests:
        if start is not None and request.when - start >= WINDOW:
            yield from _if_a_minute(start, received, files)
            start, received = None, Counter()
        start = start or request.when
        received[request.path] += request.sent
    if start is not None:
        yield from _if_a_minute(start, received, files)


def _if_a_minute(start: datetime, received: Counter, files: dict[str, EpisodeFile]):
    if any(sent >= files[path].minimum for path, sent in received.items()):
        yield start


def tally(downloads: list[Download], *fields: str) -> list[tuple]:
    """Downloads counted by the given fields, e.g. tally(d, "day", "episode"), sorted."""
    counts = Counter(tuple(getattr(d, f) for f in fields) for d in downloads)
    return sorted((*key, count) for key, count in counts.items())
