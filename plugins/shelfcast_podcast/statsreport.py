"""`invoke stats`: the published feeds say which files are episodes; the logs say who fetched
them; stats.py counts; this module writes downloads.csv and report.html outside output/.

Glue only: reading files and writing the report. Nothing here keeps an IP address: log lines
are read one at a time and parse_line hashes the address with a salt made for this run.
"""

from __future__ import annotations

import csv
import glob
import gzip
import html
import io
import os
import secrets
from urllib.parse import urlsplit

from lxml import etree

from . import published_feeds
from .agents import opawg_rules, our_rules, packaged_list, read_list
from .feedext import ITUNES, PODCAST
from .stats import Download, EpisodeFile, count_downloads, parse_line, tally

REPORT_FIELDS = ("day", "show", "episode", "app", "platform")


class StatsError(Exception):
    """Something the person running `invoke stats` can fix; the message says how."""


def log_files(patterns: list[str]) -> list[str]:
    """Each pattern as given, or the files it matches (access.log*, rotated .gz ones too)."""
    found = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) or [pattern]
        found += [m for m in matches if m not in found]
    missing = [f for f in found if not os.path.isfile(f)]
    if missing:
        raise StatsError(f"no log file {missing[0]!r}; give the access log's path, e.g. "
                         "invoke stats /var/log/nginx/access.log")
    return found


def read_requests(paths: list[str], salt: bytes, wanted: set[str]) -> tuple[list, int]:
    """Requests for the `wanted` URL paths (episode files) from every log line; also how many
    lines were in neither known format. Other requests (pages, images) are not kept."""
    requests, unknown = [], 0
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                request = parse_line(line.rstrip("\n"), salt)
                if request is None:
                    unknown += bool(line.strip())
                elif request.path in wanted:
                    requests.append(request)
    return requests, unknown


def strip_prefix(prefix: str | None, url: str) -> str:
    """The file's own URL from one behind an OP3-style prefix (urls.with_prefix undone)."""
    start = (prefix or "").rstrip("/") + "/"
    if prefix and url.startswith(start):
        return "https://" + url[len(start):]
    return url


def feed_files(feed_xml: bytes, show: str, prefix: str | None) -> list[EpisodeFile]:
    """Each item's enclosure and alternate copies as EpisodeFiles, keyed by URL path."""
    root = etree.fromstring(feed_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    files = []
    for item in root.iter("item"):
        guid = item.findtext("guid") or item.findtext("title") or "?"
        title = item.findtext("title") or guid
        seconds = _seconds(item.findtext(f"{{{ITUNES}}}duration"))
        versions = [(e.get("url"), e.get("length")) for e in item.iter("enclosure")]
        versions += [(a.find(f"{{{PODCAST}}}source").get("uri"), a.get("length"))
                     for a in item.iter(f"{{{PODCAST}}}alternateEnclosure")
                     if a.find(f"{{{PODCAST}}}source") is not None]
        for url, length in versions:
            path = urlsplit(strip_prefix(prefix, url or "")).path
            files.append(EpisodeFile(path, show, title, guid, int(length or 0), seconds))
    return files


def _seconds(text: str | None) -> float:
    seconds = 0.0
    for part in (text or "0").strip().split(":"):
        seconds = seconds * 60 + float(part or 0)
    return seconds


def published_files(output: str, settings: dict, prefix: str | None) -> dict:
    """Every episode file of every feed the built site's OPML lists, by URL path."""
    feeds = published_feeds(settings, output)
    if not feeds:
        raise StatsError(f"{output}/ lists no podcast feed; build the site first (invoke "
                         "build), or give the built folder with --site")
    files = {}
    for title, _url, relative in feeds:
        with open(os.path.join(output, relative), "rb") as handle:
            files.update({f.path: f for f in feed_files(handle.read(), title, prefix)})
    return files


def agent_rules(agents_file: str | None) -> list:
    try:
        listed = read_list(agents_file) if agents_file else packaged_list()
    except (OSError, ValueError) as err:
        raise StatsError(f"--agents {agents_file} cannot be read ({err}); give a JSON file in "
                         "the format of OPAWG's podcast user-agents list") from err
    return opawg_rules(listed) + our_rules()


def csv_text(downloads: list[Download]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*REPORT_FIELDS, "downloads"])
    writer.writerows(tally(downloads, *REPORT_FIELDS))
    return out.getvalue()


def html_report(downloads: list[Download], title: str, notes: list[str]) -> str:
    """A plain page: totals by episode, day, app and platform (no script, no outside files)."""
    parts = [f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>"
             f"{html.escape(title)}</title><h1>{html.escape(title)}</h1>",
             f"<p>{len(downloads)} downloads in all.</p>"]
    parts += [f"<p>{html.escape(note)}</p>" for note in notes]
    for heading, fields in (("By episode", ("show", "episode")), ("By day", ("day",)),
                            ("By app", ("app",)), ("By platform", ("platform",))):
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row)
                       + "</tr>" for row in tally(downloads, *fields))
        head = "".join(f"<th>{f}</th>" for f in (*fields, "downloads"))
        parts.append(f"<h2>{heading}</h2><table><tr>{head}</tr>{rows}</table>")
    return "\n".join(parts) + "\n"


def outside(folder: str, output: str) -> bool:
    folder, output = os.path.realpath(folder), os.path.realpath(output)
    return folder != output and not folder.startswith(output + os.sep)


def run_stats(patterns: list[str], output: str, settings: dict, config: dict,
              report_folder: str, agents_file: str | None = None) -> str:
    """Count, write downloads.csv and report.html into report_folder; returns a summary."""
    if not outside(report_folder, output):
        raise StatsError(f"{report_folder} is inside {output}/, which is published; write the "
                         "report elsewhere, e.g. --out stats")
    files = published_files(output, settings, config["prefix"])
    # A fresh salt per run, never written: the listener hashes die with this process.
    requests, unknown = read_requests(log_files(patterns), secrets.token_bytes(32), set(files))
    downloads = count_downloads(requests, files, agent_rules(agents_file))
    notes = [f"{unknown} log line(s) were in no known format and were skipped."] if unknown \
        else []
    os.makedirs(report_folder, exist_ok=True)
    with open(os.path.join(report_folder, "downloads.csv"), "w", encoding="utf-8") as out:
        out.write(csv_text(downloads))
    with open(os.path.join(report_folder, "report.html"), "w", encoding="utf-8") as out:
        out.write(html_report(downloads, f"Podcast downloads: {settings.get('SITENAME')}",
                              notes))
    return (f"{len(downloads)} downloads from {len(requests)} requests for episode files; wrote "
            f"{os.path.join(report_folder, 'downloads.csv')} and report.html"
            + (f" ({notes[0]})" if notes else ""))
