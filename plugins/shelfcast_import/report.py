"""import-report.md: what was imported, and what needs a person's look and why."""

from __future__ import annotations


def _section(title: str, lines: list[str], empty: str = "") -> list[str]:
    if not lines and not empty:
        return []
    return [f"## {title}", "", *([f"- {line}" for line in lines] or [empty]), ""]


REPAIRS = "Repaired automatically, so that the site builds (check these)"


def wordpress_report(source: str, report, landed, unreachable_files: list[str]) -> str:
    lines = [f"# Import report: {source}", "",
             f"Imported {len(report.posts)} posts, {len(report.pages)} pages, "
             f"{len(report.episodes)} episodes and {report.comments_kept} comments. "
             f"{len(landed.added)} files added to content/, {len(landed.unchanged)} already "
             f"there unchanged, {len(landed.kept)} already there with other text (kept as they "
             "are).", ""]
    lines += _section(REPAIRS, report.repairs)
    lines += _section("Not published (status: draft)", [
        f"{path}: {why}; publish it by removing `status: draft` once checked"
        for path, why in report.held])
    lines += _section("Needs a person's look", report.needs_look)
    lines += _section("Unknown shortcodes (kept as text)", [
        f"{name} in {', '.join(sorted(set(paths)))}"
        for name, paths in sorted(report.unknown_shortcodes.items())])
    lines += _section("Images left on the old site (shown as links, not pictures: the site "
                      "only shows images stored in content/; import with --download)", [
        f"{path}: {', '.join(urls)}" for path, urls in sorted(report.foreign_images.items())])
    lines += _section("Files that could not be downloaded (the posts keep the old address)",
                      unreachable_files)
    lines += _section("Old addresses no redirect answers", [
        f"{address} (for {path})" for path, address in report.unreachable_aliases][:50] + (
        ["... and more"] if len(report.unreachable_aliases) > 50 else []))
    if report.unreachable_aliases:
        lines += ["Old addresses with a query of one key=value (`?p=123`, `?page_id=2`, "
                  "`?m=1`) are redirected; these have a longer query, a space or a backslash, "
                  "which no host rule can match. See docs/importing.md.", ""]
    dropped = ", ".join(f"{n} {why}" for why, n in sorted(report.comments_dropped.items()))
    lines += _section("Comments", [f"{report.comments_kept} approved comments kept (name, date "
                                   "and text only; e-mail and IP addresses are never written)",
                                   f"dropped: {dropped or 'none'}"])
    skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(report.skipped_items.items()))
    lines += _section("Not imported", [skipped] if skipped else [])
    lines += _section("Kept as they were (already in content/ with other text)", landed.kept)
    return "\n".join(lines).rstrip() + "\n"


def feed_report(source: str, report, landed, unreachable: list[str]) -> str:
    lines = [f"# Import report: {source}", "",
             f"Imported {len(report.episodes)} episodes. {len(landed.added)} files added to "
             f"content/, {len(landed.unchanged)} already there unchanged, {len(landed.kept)} "
             "already there with other text (kept as they are).", ""]
    lines += _section(REPAIRS, report.repairs)
    lines += _section("Needs a person's look", report.needs_look)
    lines += _section("Podcasting 2.0 and other tags kept under `imported:` in the episode "
                      "files (not published by the new feed yet)", [
        f"{tag}: {count} episodes" for tag, count in sorted(report.kept_tags.items())])
    lines += _section("Items not imported", report.skipped)
    lines += _section("Files that could not be downloaded", unreachable)
    lines += _section("Moving subscribers", [
        "publish the site, then make the old feed say `<itunes:new-feed-url>` with the new "
        "feed's address and answer with a 301 redirect to it (docs/importing.md)"])
    lines += _section("Kept as they were (already in content/ with other text)", landed.kept)
    return "\n".join(lines).rstrip() + "\n"
