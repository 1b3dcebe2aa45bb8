"""`invoke stats`: downloads counted from access logs by the IAB v2.1 rules, keeping no address.

The log below is written by hand; next to each line is what the rules make of it, and the
expected table is worked out from those notes, not from our code.
"""

from __future__ import annotations

import csv
import gzip
import math
import subprocess
import sys
from pathlib import Path

import pytest
from mpegframes import cbr
from podcasttools import EPISODE, ROOT, SHOW_YAML, episode, image_bytes

INVOKE = Path(sys.executable).with_name("invoke")
FIRST, SECOND = "/podcasts/talk/audio/first.mp3", "/podcasts/talk/audio/second.mp3"
APPLE = "AppleCoreMedia/1.0.0.20E247 (iPhone; U; CPU OS 16_4 like Mac OS X; da_dk)"
ANTENNAPOD = "AntennaPod/3.2.0"
OVERCAST = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/120.0.0.0 Safari/537.36")
POCKETCASTS = "Pocket Casts"
SPOTIFY = "Spotify/8.8.0 Android/33 (SM-G991B)"
SHARED_ADDRESS = "203.0.113.5"      # one library's Wi-Fi: two patrons, two apps
ADDRESSES = (SHARED_ADDRESS, "198.51.100.7", "198.51.100.8", "192.0.2.44", "192.0.2.45",
             "2001:db8:1:2::10", "2001:db8:1:2::99", "192.0.2.99", "203.0.113.77")


@pytest.fixture
def counted_site(site):
    """first.mp3 lasts 120 s, second.mp3 30 s (shorter than the one minute IAB asks for)."""
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    site.write("podcasts/talk/cover.png", image_bytes())
    site.write("podcasts/talk/audio/first.mp3", cbr(120))
    site.write("podcasts/talk/audio/second.mp3", cbr(30))
    site.write("podcasts/talk/first.md", EPISODE)
    site.write("podcasts/talk/second.md", episode(title="Second episode", guid="test-guid-2",
                                                  audio="audio/second.mp3",
                                                  date="2026-01-06 10:00"))
    assert site.build() == 0, site.messages
    for name in ("plugins", "themes"):
        (site.root / name).symlink_to(ROOT / name)
    (site.root / "tasks.py").write_bytes((ROOT / "tasks.py").read_bytes())
    return site


def combined(ip, day_time, method, path, status, sent, agent):
    return (f'{ip} - - [{day_time} +0000] "{method} {path} HTTP/1.1" {status} {sent} "-" '
            f'"{agent}"')


def s3(ip, day_time, method, key, status, sent, agent):
    return (f"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be library-site "
            f"[{day_time} +0000] {ip} - 3E57427F3EXAMPLE REST.{method}.OBJECT {key} "
            f'"{method} /{key} HTTP/1.1" {status} - {sent} {sent} 70 10 "-" "{agent}" - '
            "Ke1bUcazaN1jWuUlPJaxF64cQVpUEhoZKEG/hmy/gijN/I1DeWqDfFvnpybfEseEME/u7ME1234= "
            "SigV4 ECDHE-RSA-AES128-SHA AuthHeader library-site.s3.amazonaws.com TLSV1.2 - -")


def access_log(first: int, second: int) -> tuple[str, dict]:
    """The hand-written log (first/second: the files' sizes) and the downloads it holds."""
    minute = math.ceil(first * 60 / 120)        # bytes of one minute of first.mp3
    part = minute // 3 + 1                      # three ranges of this add up to a minute
    lines = [
        # A: Apple Podcasts, whole file -> 1 download on the 10th; the same again an hour
        # later is in the same 24 h window -> nothing more; 26 h later -> a new download.
        combined(SHARED_ADDRESS, "10/Jan/2026:08:00:00", "GET", FIRST, 200, first, APPLE),
        combined(SHARED_ADDRESS, "10/Jan/2026:09:00:00", "GET", FIRST, 200, first, APPLE),
        combined(SHARED_ADDRESS, "11/Jan/2026:10:00:00", "GET", FIRST, 200, first, APPLE),
        # B: behind the same address, another app, three ranges that together make a minute
        # (each alone does not) -> 1 download on the 10th.
        combined(SHARED_ADDRESS, "10/Jan/2026:08:05:00", "GET", FIRST, 206, part, ANTENNAPOD),
        combined(SHARED_ADDRESS, "10/Jan/2026:08:06:00", "GET", FIRST, 206, part, ANTENNAPOD),
        combined(SHARED_ADDRESS, "10/Jan/2026:08:07:00", "GET", FIRST, 206, part, ANTENNAPOD),
        # C: a range of less than a minute, and nothing more -> nothing.
        combined("198.51.100.7", "10/Jan/2026:12:00:00", "GET", FIRST, 206, minute - 1,
                 OVERCAST),
        # A bot fetching the whole file -> nothing.
        combined("198.51.100.8", "10/Jan/2026:13:00:00", "GET", FIRST, 200, first, GOOGLEBOT),
        # A browser's pre-load of two bytes (bytes=0-1) -> nothing.
        combined("192.0.2.44", "10/Jan/2026:14:00:00", "GET", FIRST, 206, 2, CHROME),
        # HEAD, not modified, not found -> nothing.
        combined("192.0.2.45", "10/Jan/2026:15:00:00", "HEAD", FIRST, 200, 0, POCKETCASTS),
        combined("192.0.2.45", "10/Jan/2026:15:01:00", "GET", FIRST, 304, 0, POCKETCASTS),
        combined("192.0.2.45", "10/Jan/2026:15:02:00", "GET", FIRST, 404, 153, SPOTIFY),
        # D: two addresses in one IPv6 /64 with one app -> one listener, 1 download (10th).
        combined("2001:db8:1:2::10", "10/Jan/2026:16:00:00", "GET", SECOND, 200, second,
                 POCKETCASTS),
        combined("2001:db8:1:2::99", "10/Jan/2026:17:00:00", "GET", SECOND, 200, second,
                 POCKETCASTS),
        # E: second.mp3 is shorter than a minute, so only the whole file counts -> nothing.
        combined("192.0.2.99", "11/Jan/2026:09:00:00", "GET", SECOND, 206, second - 1000,
                 SPOTIFY),
        # F: from an S3 server access log, Spotify, whole file -> 1 download on the 11th.
        s3("203.0.113.77", "11/Jan/2026:11:00:00", "GET", SECOND[1:], 200, second, SPOTIFY),
        # A page, and a line in no known format -> nothing.
        combined("198.51.100.7", "10/Jan/2026:12:00:05", "GET", "/index.html", 200, 5120,
                 OVERCAST),
        "this line is in no log format at all",
    ]
    expected = {("2026-01-10", "First episode", "Apple Podcasts"): 1,
                ("2026-01-11", "First episode", "Apple Podcasts"): 1,
                ("2026-01-10", "First episode", "AntennaPod"): 1,
                ("2026-01-10", "Second episode", "Pocket Casts"): 1,
                ("2026-01-11", "Second episode", "Spotify"): 1}
    return "\n".join(lines) + "\n", expected


def run_stats(site, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), "stats", *arguments], cwd=site.root,
                          capture_output=True, text=True, timeout=120)


def test_downloads_follow_the_iab_rules_and_no_address_is_written(counted_site):
    site = counted_site
    first = (site.output / FIRST[1:]).stat().st_size
    second = (site.output / SECOND[1:]).stat().st_size
    text, expected = access_log(first, second)
    nginx, bucket = site.root / "logs" / "access.log", site.root / "logs" / "s3-2026-01.log.gz"
    nginx.parent.mkdir()
    # The S3 line goes into a rotated, gzipped log of its own: two logs, two formats, one run.
    nginx.write_text("".join(line + "\n" for line in text.splitlines() if "REST." not in line))
    bucket.write_bytes(gzip.compress("".join(line + "\n" for line in text.splitlines()
                                             if "REST." in line).encode()))
    done = run_stats(site, f"{nginx} logs/s3-*.log.gz", "--out", "stats")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 log line(s) were in no known format" in done.stdout
    with (site.root / "stats" / "downloads.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    found = {(r["day"], r["episode"], r["app"]): int(r["downloads"]) for r in rows}
    assert found == expected
    written = "".join(p.read_text() for p in (site.root / "stats").iterdir())
    assert "Podcast downloads" in (site.root / "stats" / "report.html").read_text()
    for address in ADDRESSES:
        assert address not in written
    assert "2001:db8" not in written


def test_an_opawg_list_given_with_agents_names_the_apps(counted_site, tmp_path):
    site = counted_site
    first = (site.output / FIRST[1:]).stat().st_size
    log = tmp_path / "one.log"
    log.write_text(combined(SHARED_ADDRESS, "10/Jan/2026:08:00:00", "GET", FIRST, 200, first,
                            "LibraryPlayer/2.0 (Android)") + "\n")
    agents = tmp_path / "user-agents.json"
    agents.write_text('[{"user_agents": ["^LibraryPlayer/"], "app": "Library Player", '
                      '"os": "android"}, {"user_agents": ["^AntennaPod/"], "app": "AntennaPod",'
                      ' "bot": true}]')
    done = run_stats(site, str(log), "--out", str(tmp_path / "report"), "--agents", str(agents))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = list(csv.DictReader((tmp_path / "report" / "downloads.csv").open()))
    assert [(r["app"], r["platform"], r["downloads"]) for r in rows] == [
        ("Library Player", "android", "1")]


def test_the_report_is_never_written_into_the_published_folder(counted_site, tmp_path):
    log = tmp_path / "empty.log"
    log.write_text("")
    done = run_stats(counted_site, str(log), "--out", "output/stats")
    assert done.returncode == 1
    assert "is inside output/, which is published" in done.stdout + done.stderr
    assert not (counted_site.output / "stats").exists()


def test_a_missing_log_is_named(counted_site):
    done = run_stats(counted_site, "logs/nothing-here.log")
    assert done.returncode == 1
    assert "no log file 'logs/nothing-here.log'" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_enclosures_behind_a_prefix_are_counted_by_the_files_own_path(show_site):
    from shelfcast_podcast.statsreport import feed_files

    assert show_site.build(PODCAST={"prefix": "https://op3.dev/e/",
                                    "alternates": []}) == 0, show_site.messages
    feed = (show_site.output / "podcasts/talk/feed.xml").read_bytes()
    assert b"https://op3.dev/e/127.0.0.1:8000/podcasts/talk/audio/first.mp3" in feed
    files = feed_files(feed, "Test Talk", "https://op3.dev/e/")
    assert [f.path for f in files] == ["/podcasts/talk/audio/first.mp3"]


def test_ipv6_listeners_are_their_64_bit_network():
    from shelfcast_podcast.stats import network

    assert network("2001:db8:1:2:aaaa::1") == network("2001:db8:1:2:ffff::9") == "2001:db8:1:2::"
    assert network("203.0.113.5") == "203.0.113.5"


def test_an_agents_file_that_is_no_json_is_named(counted_site, tmp_path):
    log, agents = tmp_path / "one.log", tmp_path / "agents.json"
    log.write_text("")
    agents.write_text("{not json")
    done = run_stats(counted_site, str(log), "--out", str(tmp_path / "r"), "--agents",
                     str(agents))
    assert done.returncode == 1
    assert f"--agents {agents} cannot be read" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
