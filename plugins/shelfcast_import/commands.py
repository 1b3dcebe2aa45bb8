"""What `invoke import-wordpress` and `invoke import-feed` do, minus the command line."""

from __future__ import annotations

import os

from .downloads import fetch_images
from .landing import Landed, land
from .report import wordpress_report
from .wordpress import Options, media_urls, plan_wordpress
from .wxr import ImportError_, read_export

__all__ = ["ImportError_", "import_wordpress"]


def import_wordpress(export_path: str, content: str, report_path: str, timezone: str,
                     show: str | None = None, download: bool = False,
                     podcast_folder: str = "podcasts") -> tuple[Landed, str]:
    """Import the export into `content`; ImportError_ (nothing written) on bad input."""
    if not os.path.isfile(export_path):
        raise ImportError_(f"{export_path} does not exist; give the path of the export file")
    export = read_export(export_path)
    fetched_files, local, unreachable = {}, {}, []
    if download:
        fetched = fetch_images(media_urls(export), "imported")
        fetched_files, local, unreachable = fetched.files, fetched.local, fetched.unreachable
    plan = plan_wordpress(export, Options(timezone, show, podcast_folder), local)
    landed = land({**fetched_files, **plan.files}, content)
    text = wordpress_report(os.path.basename(export_path), plan.report, landed, unreachable)
    with open(report_path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return landed, text
