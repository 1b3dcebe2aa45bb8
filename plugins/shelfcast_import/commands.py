"""What `invoke import-wordpress` and `invoke import-feed` do, minus the command line."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .downloads import fetch, fetch_images
from .landing import Landed
from .podcastfeed import (
    artwork_file,
    artwork_request,
    parse_feed,
    placeholder_artwork,
    plan_feed,
)
from .report import feed_report, wordpress_report
from .staging import Check, land_checked
from .wordpress import Options, media_urls, plan_wordpress
from .wxr import ImportError_, read_export

__all__ = ["ImportError_", "import_feed", "import_wordpress"]


def import_wordpress(export_path: str, content: str, report_path: str, timezone: str,
                     show: str | None = None, download: bool = False,
                     podcast_folder: str = "podcasts", check: Check | None = None,
                     comment_limit: int = 5000) -> tuple[Landed, str]:
    """Import the export into `content`; ImportError_ (nothing written) on bad input or when
    `check` says the site would not build with the imported files."""
    if not os.path.isfile(export_path):
        raise ImportError_(f"{export_path} does not exist; give the path of the export file")
    export = read_export(export_path)
    fetched_files, local, unreachable = {}, {}, []
    if download:
        fetched = fetch_images(media_urls(export), "imported")
        fetched_files, local, unreachable = fetched.files, fetched.local, fetched.unreachable
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    plan = plan_wordpress(export, Options(timezone, show, podcast_folder, comment_limit, now),
                          local)
    landed = land_checked({**fetched_files, **plan.files}, content, check)
    text = wordpress_report(os.path.basename(export_path), plan.report, landed, unreachable)
    with open(report_path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return landed, text


def read_source(source: str) -> bytes:
    """The feed's bytes, from a file or a web address; ImportError_ when neither answers."""
    if source.startswith(("http://", "https://")):
        try:
            return fetch(source)
        except (OSError, ValueError) as error:
            why = getattr(error, "reason", None) or error
            raise ImportError_(f"{source} did not answer ({why}); check the address (open it in "
                               "a browser) and try again; nothing was imported") from None
    if not os.path.isfile(source):
        raise ImportError_(f"{source} does not exist; give the feed's file or its web address")
    with open(source, "rb") as handle:
        return handle.read()


def import_feed(source: str, show: str, content: str, report_path: str, timezone: str,
                download: bool = False, podcast_folder: str = "podcasts",
                check: Check | None = None) -> tuple[Landed, str]:
    """Import a podcast feed as the show `show`; ImportError_ (nothing written) on bad input."""
    channel = parse_feed(read_source(source), os.path.basename(source.rstrip("/")) or source)
    plan = plan_feed(channel, source, show, timezone, podcast_folder, download, fetch)
    files, unreachable = dict(plan.files), []
    for url, relative in plan.media.items():
        try:
            files[f"{podcast_folder}/{show}/{relative}"] = fetch(url)
        except (OSError, ValueError) as error:
            unreachable.append(f"{url}: {getattr(error, 'reason', error)}")
    if unreachable and any(not u.startswith(plan.artwork_url or "-") for u in unreachable):
        raise ImportError_("These files could not be downloaded, so the episodes would have no "
                           "audio:\n" + "\n".join(unreachable) + "\nImport without --download "
                           "to leave the audio where it is hosted; nothing was imported")
    if plan.artwork_url and any(u.startswith(plan.artwork_url) for u in unreachable):
        name = artwork_file(plan.artwork_url)
        files[f"{podcast_folder}/{show}/{name}"] = placeholder_artwork(name)
        plan.report.repairs.append(artwork_request(f"{podcast_folder}/{show}", plan.artwork_url))
    landed = land_checked(files, content, check)
    text = feed_report(source, plan.report, landed, unreachable)
    with open(report_path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return landed, text
