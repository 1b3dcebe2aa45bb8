"""What `invoke import-wordpress` and `invoke import-feed` do, minus the command line.

Everything remote is read through the site kit's fetcher (http(s) only, public addresses,
deadline, size cap; `allow_local` for tests on 127.0.0.1) and everything is written through
its write guard (inside content/, all or nothing).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from shelfcast_sitekit.fetcher import FetchError, Limits, fetch_bytes, fetch_to_file
from shelfcast_sitekit.writeguard import WriteRefused, check_all, write_file

from .blogger import label_aliases, read_blogger
from .downloads import MEDIA_LIMITS, fetch_images, unreachable
from .landing import Landed
from .podcastfeed import (
    MAX_FEED_BYTES,
    artwork_file,
    artwork_request,
    parse_feed,
    placeholder_artwork,
    plan_feed,
)
from .report import feed_report, wordpress_report
from .staging import Check, land_checked
from .wordpress import Options, Report, media_urls, plan_wordpress
from .wxr import Export, ImportError_, read_export

__all__ = ["ImportError_", "import_blogger", "import_feed", "import_wordpress"]
FEED_LIMITS = Limits(max_bytes=MAX_FEED_BYTES, seconds=60)
# Chapters (JSON) and transcripts (SRT/VTT) are small; they are held in memory.
EXTRA_LIMITS = Limits(max_bytes=5 * 1024 * 1024, seconds=60)


def import_wordpress(export_path: str, content: str, report_path: str, timezone: str,
                     show: str | None = None, download: bool = False,
                     podcast_folder: str = "podcasts", allow_local: bool = False,
                     media_limits: Limits = MEDIA_LIMITS, check: Check | None = None,
                     comment_limit: int = 5000) -> tuple[Landed, str]:
    """Import the export into `content`; ImportError_ (nothing written) on bad input or when
    `check` says the site would not build with the imported files."""
    return _import_blog(read_export(_existing(export_path)), export_path, content, report_path,
                        Options(timezone, show, podcast_folder, comment_limit, _now()),
                        download, replace(media_limits, allow_local=allow_local), check)


def import_blogger(export_path: str, content: str, report_path: str, timezone: str,
                   download: bool = False, allow_local: bool = False,
                   media_limits: Limits = MEDIA_LIMITS, check: Check | None = None,
                   comment_limit: int = 5000) -> tuple[Landed, str]:
    """Import a Blogger export as `import_wordpress` does a WordPress one."""
    return _import_blog(read_blogger(_existing(export_path)), export_path, content,
                        report_path, Options(timezone, None, "podcasts", comment_limit, _now()),
                        download, replace(media_limits, allow_local=allow_local), check,
                        label_aliases)


def _existing(export_path: str) -> str:
    if not os.path.isfile(export_path):
        raise ImportError_(f"{export_path} does not exist; give the path of the export file")
    return export_path


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _import_blog(export: Export, export_path: str, content: str, report_path: str,
                 options: Options, download: bool, media_limits: Limits,
                 check: Check | None,
                 extra_files: Callable[[Export, Report], dict] | None = None,
                 ) -> tuple[Landed, str]:
    """Plan, download (with --download), check on a staged copy, land, report;
    `extra_files(export, report)` adds files of one kind of blog (Blogger's label pages)."""
    with _scratch(content) as scratch:
        fetched_files, local, missing = {}, {}, []
        if download:
            fetched = fetch_images(media_urls(export), "imported", scratch, media_limits)
            fetched_files, local, missing = fetched.files, fetched.local, fetched.unreachable
        plan = plan_wordpress(export, options, local)
        extra = extra_files(export, plan.report) if extra_files else {}
        landed = _land({**fetched_files, **plan.files, **extra}, content, check)
    text = wordpress_report(os.path.basename(export_path), plan.report, landed, missing)
    _write_report(report_path, text)
    return landed, text


def read_source(source: str, limits: Limits = FEED_LIMITS) -> bytes:
    """The feed's bytes, from a file or a web address; ImportError_ when neither answers."""
    if source.startswith(("http://", "https://")):
        try:
            return fetch_bytes(source, limits)
        except FetchError as error:
            raise ImportError_(f"{source}: {error.why}; {error.advice}; nothing was imported") \
                from None
    if not os.path.isfile(source):
        raise ImportError_(f"{source} does not exist; give the feed's file or its web address")
    if os.path.getsize(source) > MAX_FEED_BYTES:
        raise ImportError_(f"{source} is larger than {MAX_FEED_BYTES // 2**20} MB, far larger "
                           "than any podcast feed; give the feed's own file; nothing was "
                           "imported")
    with open(source, "rb") as handle:
        return handle.read()


def import_feed(source: str, show: str, content: str, report_path: str, timezone: str,
                download: bool = False, podcast_folder: str = "podcasts",
                allow_local: bool = False, media_limits: Limits = MEDIA_LIMITS,
                check: Check | None = None) -> tuple[Landed, str]:
    """Import a podcast feed as the show `show`; ImportError_ (nothing written) on bad input or
    when `check` says the site would not build with the imported files."""
    try:  # before anything is fetched: --show is outside text too
        check_all(content, [f"{podcast_folder}/{show}/show.yaml"])
    except WriteRefused as refused:
        raise _outside(content, refused) from None
    # Feed, chapters and transcripts are small: never more time than a media file gets.
    seconds = min(FEED_LIMITS.seconds, media_limits.seconds)
    feed = replace(FEED_LIMITS, allow_local=allow_local, seconds=seconds)
    channel = parse_feed(read_source(source, feed),
                         os.path.basename(source.rstrip("/")) or source)
    extras = replace(EXTRA_LIMITS, allow_local=allow_local, seconds=seconds)
    plan = plan_feed(channel, source, show, timezone, podcast_folder, download,
                     lambda url: fetch_bytes(url, extras))
    with _scratch(content) as scratch:
        files, missing = dict(plan.files), []
        for url, relative in plan.media.items():
            try:
                files[f"{podcast_folder}/{show}/{relative}"] = fetch_to_file(
                    url, scratch, replace(media_limits, allow_local=allow_local))
            except FetchError as error:
                missing.append(unreachable(url, error))
        if any(not u.startswith(plan.artwork_url or "-") for u in missing):
            raise ImportError_("These files could not be downloaded, so the episodes would "
                               "have no audio:\n" + "\n".join(missing) + "\nImport without "
                               "--download to leave the audio where it is hosted; nothing was "
                               "imported")
        _placeholder_for_missing_artwork(plan, files, missing, f"{podcast_folder}/{show}")
        landed = _land(files, content, check)
    text = feed_report(source, plan.report, landed, missing)
    _write_report(report_path, text)
    return landed, text


def _scratch(content: str) -> tempfile.TemporaryDirectory:
    """Downloads wait here, beside content/ (same disk: landing them is a rename)."""
    parent = os.path.dirname(os.path.abspath(content))
    return tempfile.TemporaryDirectory(prefix=".import-downloads-", dir=parent)


def _placeholder_for_missing_artwork(plan, files: dict, missing: list[str],
                                     folder: str) -> None:
    """Artwork that did not answer: the show still builds, with a placeholder to replace."""
    if plan.artwork_url and any(u.startswith(plan.artwork_url) for u in missing):
        name = artwork_file(plan.artwork_url)
        files[f"{folder}/{name}"] = placeholder_artwork(name)
        plan.report.repairs.append(artwork_request(folder, plan.artwork_url))


def _land(files: dict, content: str, check: Check | None) -> Landed:
    try:
        return land_checked(files, content, check)
    except WriteRefused as refused:
        raise _outside(content, refused) from None


def _outside(content: str, refused: WriteRefused) -> ImportError_:
    return ImportError_(f"The import would write outside {os.path.basename(content)}/:\n"
                        f"{refused}\nNothing was imported.")


def _write_report(report_path: str, text: str) -> None:
    folder, name = os.path.split(os.path.abspath(report_path))
    write_file(folder, name, text, overwrite=True)
