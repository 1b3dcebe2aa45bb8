"""A parsed WordPress export -> the content files to write and the import report's facts.

Pure: no file is read or written here; `media.local` says which files were downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from lxml import html as lxml_html
from shelfcast_publish.redirects import QUERY
from shelfcast_sitekit.boundaries import IMAGE_EXTENSIONS
from shelfcast_sitekit.htmlfragments import parse_fragment
from shelfcast_sitekit.writeguard import safe_slug, unique_name

from .frontmatter import document, yaml_file
from .markdown import to_markdown
from .shortcodes import Media
from .wxr import Export, Item

PUBLISHED = {"publish", "future"}
HELD = {"draft", "pending", "private"}
SKIPPED = {"trash", "auto-draft", "inherit"}
NO_DATE = {"", "0000-00-00 00:00:00"}
UNCLEAN_PATH = re.compile(r"(^|/)\.{1,2}(/|$)|//")
ENCLOSURE_KEY = re.compile(r"^(enclosure|_[\w-]+:enclosure)$")


@dataclass
class Report:
    posts: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    episodes: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)          # file, why
    unknown_shortcodes: dict[str, list[str]] = field(default_factory=dict)
    foreign_images: dict[str, list[str]] = field(default_factory=dict)  # file -> urls
    comments_kept: int = 0
    comments_dropped: dict[str, int] = field(default_factory=dict)
    unreachable_aliases: list[tuple[str, str]] = field(default_factory=list)
    unreachable_files: list[str] = field(default_factory=list)
    skipped_items: dict[str, int] = field(default_factory=dict)
    needs_look: list[str] = field(default_factory=list)
    # What the import changed so that the site builds at once (a distinct slug, a normalised
    # or a shared old address, a long comment kept whole), one line each.
    repairs: list[str] = field(default_factory=list)


@dataclass
class Plan:
    files: dict[str, str]
    report: Report


@dataclass(frozen=True)
class Options:
    timezone: str = "UTC"
    show: str | None = None   # enclosures become episodes of this show only when given
    podcast_folder: str = "podcasts"
    # COMMENTS["max_length"]: a longer imported comment is kept whole and marked `imported:`.
    comment_limit: int = 5000
    # When the import runs (UTC, "YYYY-MM-DD HH:MM:SS"): the date of an item without one.
    now: str = "1970-01-01 00:00:00"


def make_slug(value: str) -> str:
    return safe_slug(value)


def local_date(gmt: str, local: str, zone: str) -> str | None:
    """The export's GMT date in the site's time zone; WordPress leaves drafts' GMT date empty,
    then the blog's own local date is the best there is."""
    for value, aware in ((gmt, True), (local, False)):
        if value.strip() in NO_DATE:
            continue
        try:
            moment = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        if aware:
            moment = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
        return moment.strftime("%Y-%m-%d %H:%M")
    return None


def media_from(export: Export, local: dict[str, str]) -> Media:
    children: dict[str, list[str]] = {}
    for i in export.items:
        if i.type == "attachment" and i.attachment_url:
            children.setdefault(i.parent, []).append(i.id)
    attachments = {i.id: (i.attachment_url, _first(i.meta, "_wp_attachment_image_alt"))
                   for i in export.items if i.type == "attachment" and i.attachment_url}
    return Media(attachments, dict(local), children)


def media_urls(export: Export) -> list[str]:
    """Every file the imported items use: attachments of imported items, images in bodies."""
    urls = [i.attachment_url for i in export.items if i.type == "attachment" and i.attachment_url]
    for item in export.items:
        if item.type in ("post", "page"):
            urls += image_sources(item.content)
    return sorted({u for u in urls if u.startswith(("http://", "https://"))})


def image_sources(body: str) -> list[str]:
    """The src of every <img> in a body, as an HTML parser reads it (either quote, entities
    decoded: the address the Markdown converter later looks the download up by)."""
    if "<img" not in body.lower():
        return []
    return [src for image in parse_fragment(body).iter("img") if (src := image.get("src"))]


def _first(meta: dict, key: str) -> str:
    return (meta.get(key) or [""])[0].strip()


def plan_wordpress(export: Export, options: Options, local_media: dict[str, str]) -> Plan:
    """Decide every file; what would keep the site from building is repaired and reported."""
    report = Report(repairs=[f"the export, {repair}" for repair in export.repairs])
    media = media_from(export, local_media)
    items = _distinct_slugs(_importable(export, report), options, report)
    items = [_dated(item, options, report) for item in items]
    files: dict[str, str] = {}
    attachments = _attachment_links(export)
    claimed: dict[str, str] = {}   # old address -> the file that answers it
    for item in items:
        path = _item_path(item, options)
        files[path] = _item_file(item, path, export, options, media, report,
                                 _Links(attachments.get(item.id, []), claimed))
        _comments(item, path, options, files, report)
    if report.episodes and f"{options.podcast_folder}/{options.show}/show.yaml" not in files:
        files[f"{options.podcast_folder}/{options.show}/show.yaml"] = _show_yaml(export)
        report.needs_look.append(f"{options.podcast_folder}/{options.show}/show.yaml: made from "
                                 "the blog's name; add the owner, categories and artwork")
    return Plan(files, report)


def _importable(export: Export, report: Report) -> list[Item]:
    kept = []
    for item in export.items:
        if item.type in ("post", "page") and item.status not in SKIPPED:
            kept.append(item)
        else:
            reason = item.type if item.type not in ("post", "page") else item.status
            report.skipped_items[reason] = report.skipped_items.get(reason, 0) + 1
    return kept


def _dated(item: Item, options: Options, report: Report) -> Item:
    """An item without a date gets the import's, as WordPress's importer gives it; the report
    asks for the real one."""
    if local_date(item.date_gmt, item.date, options.timezone):
        return item
    dated = replace(item, date_gmt=options.now)
    report.repairs.append(f"{_item_path(dated, options)}: item {item.id or '?'} "
                          f"({item.title or 'untitled'}) has no date in the export; it is dated "
                          "with the import's date, as WordPress does: write the real date")
    return dated


def _distinct_slugs(items: list[Item], options: Options, report: Report) -> list[Item]:
    """Items whose slugs would give two pages one address get -2, -3... as WordPress's own
    wp_unique_post_slug does. Posts and episodes share one set: comments find their post by
    slug alone; pages have their own."""
    taken: dict[str, set[str]] = {"page": set(), "post": set()}
    distinct = []
    for item in items:
        kind, slug = "page" if item.type == "page" else "post", _slug(item)
        unique = unique_name(slug, taken[kind])
        taken[kind].add(unique)
        if unique != slug:
            item = replace(item, name=unique)
            report.repairs.append(f"{_item_path(item, options)}: item {item.id or '?'} "
                                  f"({item.title or 'untitled'}) had the slug '{slug}' like an "
                                  f"earlier {kind}; it is '{unique}' here so both have a page")
        distinct.append(item)
    return distinct


def _slug(item: Item) -> str:
    return make_slug(item.name) or make_slug(item.title) or f"item-{item.id}"


def _enclosure(item: Item) -> list[str] | None:
    for key, values in item.meta.items():
        if ENCLOSURE_KEY.match(key) and values and values[0].strip():
            return values[0].strip().splitlines()
    return None


def _item_path(item: Item, options: Options) -> str:
    slug = _slug(item)
    if item.type == "page":
        return f"pages/{slug}.md"
    if _enclosure(item) and options.show:
        return f"{options.podcast_folder}/{options.show}/{slug}.md"
    year = (item.date_gmt if item.date_gmt not in NO_DATE else item.date)[:4]
    return f"posts/{_section(item)}/{year}-{slug}.md"


def _section(item: Item) -> str:
    categories = [c for c in item.categories if c[0] == "category"]
    primary = _first(item.meta, "_yoast_wpseo_primary_category")
    for category in categories:
        if primary and category[1] == primary:
            return make_slug(category[1] or category[2])
    return make_slug(categories[0][1] or categories[0][2]) if categories else "news"


def _held_reason(item: Item) -> str | None:
    if item.password:
        return "password-protected"
    if item.status in HELD:
        return item.status
    if item.status not in PUBLISHED:
        # WordPress's importer saves an item without a known status as a draft.
        return f"without a known status ('{item.status}')"
    return None


@dataclass(frozen=True)
class _Links:
    attachments: list[str]     # the item's attachment pages' old addresses
    claimed: dict[str, str]    # old address -> the file that answers it, across the import


def _aliases(link: str, report: Report, path: str) -> list[str]:
    parts = urlsplit(link)
    alias = _single_slashes(unquote(parts.path or "/"), link, report, path)
    if any(c.isspace() or c == "\\" for c in alias):
        report.unreachable_aliases.append((path, alias))
        return []
    if UNCLEAN_PATH.search(alias):
        # A decoded '..' or '//' is no address a server answers; the build would refuse it.
        report.unreachable_aliases.append((path, alias))
        return []
    if parts.query:
        # One key=value (?p=123, ?page_id=2, ?attachment_id=5): the publish step's host
        # rules answer it; anything longer no redirect can.
        if QUERY.fullmatch(parts.query):
            return [f"{alias}?{parts.query}"]
        report.unreachable_aliases.append((path, f"{alias}?{parts.query}"))
        return []
    if alias in ("", "/"):
        return []
    return [alias]


def _single_slashes(alias: str, link: str, report: Report, path: str) -> str:
    """`https://site//greek/x/` is served as /greek/x/ (nginx merges slashes); an alias may not
    contain //, so the alias is that path, and the report says so. (A '..' is not guessed
    at: UNCLEAN_PATH lists it as an address no redirect answers.)"""
    clean = re.sub(r"/{2,}", "/", alias)
    if clean != alias:
        report.repairs.append(f"{path}: its old address {link} has a double slash; the alias "
                              f"is {clean}, the address servers answer for it")
    return clean


def _claim(aliases: list[str], path: str, links: _Links, report: Report) -> list[str]:
    """Each old address leads to one page: the first item that had it keeps it."""
    kept = []
    for alias in aliases:
        owner = links.claimed.setdefault(alias, path)
        if owner == path:
            kept.append(alias)
        else:
            report.repairs.append(f"{path}: its old address {alias} also belonged to {owner}, "
                                  "which keeps it (the old blog gave both the same id or link)")
    return kept


def _short_link(item: Item, export: Export) -> str:
    """WordPress's own short link, /?p=ID under the blog's address (wp_get_shortlink)."""
    return f"{urlsplit(export.link).path.rstrip('/')}/?p={item.id}"


def _item_file(item: Item, path: str, export: Export, options: Options, media: Media,
               report: Report, links: _Links) -> str:
    converted = to_markdown(item.content, replace(media, item=item.id))
    held = _held_reason(item)
    if held:
        report.held.append((path, f"{held} in {export.source}"))
    # A held item keeps no old address: its short link must not lead to it either.
    aliases = [] if held else list(dict.fromkeys(
        a for link in [item.link, *item.old_links, *links.attachments]
        for a in _aliases(link, report, path)))
    if not held and export.short_links and QUERY.fullmatch(f"p={item.id}"):
        aliases += [a for a in [_short_link(item, export)] if a not in aliases]
    aliases = _claim(aliases, path, links, report)
    for name in converted.unknown_shortcodes:
        report.unknown_shortcodes.setdefault(f"[{name}]", []).append(path)
    if converted.foreign_images:
        report.foreign_images[path] = sorted(set(converted.foreign_images))
    fields = {"title": _title(item, path, report), "date": local_date(item.date_gmt, item.date,
                                                      options.timezone),
              **_authors(item, export), "slug": _slug(item)}
    if item.type == "post" and not path.startswith(f"{options.podcast_folder}/"):
        fields["tags"] = _tags(item)
    fields["summary"] = _summary(item.excerpt)
    fields.update(_featured(item, media, report, path))
    if item.sticky:
        fields["pinned"] = True
    if held:
        fields["status"] = "draft"
    fields["aliases"] = aliases
    if path.startswith(f"{options.podcast_folder}/"):
        fields.update(_episode_fields(item))
    elif _enclosure(item):
        report.needs_look.append(f"{path}: has a podcast enclosure; import with --show <name> "
                                 "to make such posts episodes of a show")
    (report.episodes if "guid" in fields else report.pages if item.type == "page"
     else report.posts).append(path)
    return document(fields, converted.markdown)


def _title(item: Item, path: str, report: Report) -> str:
    """WordPress publishes untitled posts; we need a title, so one is made from the slug and
    the report asks for a better one."""
    if item.title.strip():
        return item.title.strip()
    made = _slug(item).replace("-", " ").capitalize()
    report.needs_look.append(f"{path}: item {item.id} had no title in WordPress; it is called "
                             f"'{made}' for now: write a real title")
    return made


def _authors(item: Item, export: Export) -> dict:
    names = [c[2] for c in item.categories if c[0] == "author"]  # Co-Authors Plus
    names = names or [export.authors.get(item.creator, item.creator)]
    names = [n for n in names if n]
    if len(names) > 1:
        return {"authors": names}
    return {"author": names[0]} if names else {}


def _tags(item: Item) -> list[str]:
    categories = [c for c in item.categories if c[0] == "category"]
    primary = _section(item)
    others = [c[2] for c in categories if make_slug(c[1] or c[2]) != primary]
    tags = [c[2] for c in item.categories if c[0] == "post_tag"]
    return list(dict.fromkeys(t for t in [*others, *tags] if t))


def _summary(excerpt: str) -> str | None:
    if not excerpt.strip():
        return None
    text = lxml_html.fromstring(f"<div>{excerpt}</div>").text_content()
    return " ".join(text.split()) or None


def _featured(item: Item, media: Media, report: Report, path: str) -> dict:
    thumbnail = _first(item.meta, "_thumbnail_id")
    if not thumbnail or thumbnail not in media.attachments:
        return {}
    url, alt = media.attachments[thumbnail]
    local = media.local.get(url)
    if not local or not local.lower().endswith(IMAGE_EXTENSIONS):
        report.needs_look.append(f"{path}: its featured image {url} was not downloaded, so the "
                                 "post has no image: (run the import with --download)")
        return {}
    return {"image": local.replace("{static}/", ""), "image_alt": alt or item.title}


def _episode_fields(item: Item) -> dict:
    lines = _enclosure(item)
    if not lines:
        return {}
    fields = {"guid": item.guid or item.link, "audio_url": lines[0].strip()}
    if len(lines) > 1 and lines[1].strip().isdigit():
        fields["audio_length"] = int(lines[1].strip())
    if len(lines) > 2 and lines[2].strip():
        fields["audio_type"] = lines[2].strip()
    # PowerPress keeps the duration in a PHP-serialised array on the fourth line.
    duration = re.search(r'"duration";s:\d+:"([\d:]+)"', "\n".join(lines[3:]))
    if duration:
        fields["duration"] = duration.group(1)
    return fields


def _comments(item: Item, path: str, options: Options, files: dict, report: Report) -> None:
    slug = _slug(item)
    # The site shows comments under published posts only: a page's or an unpublished post's
    # comments would have nowhere to go (and must not appear if the post is published later).
    unshown = ("on pages" if item.type == "page" else
               "on unpublished posts" if _held_reason(item) else None)
    for comment in item.comments:
        reason = _dropped(comment) or unshown
        if reason:
            report.comments_dropped[reason] = report.comments_dropped.get(reason, 0) + 1
            continue
        text = to_markdown(comment.text, Media()).markdown.strip()
        name = _comment_path(slug, comment.id, files, report)
        files[name] = yaml_file({
            "name": comment.author or "Anonymous",
            "date": local_date(comment.date_gmt, comment.date, options.timezone),
            "text": text, **_long(text, name, options, report)})
        report.comments_kept += 1


def _long(text: str, name: str, options: Options, report: Report) -> dict:
    """Imported text is never cut: a comment over the site's limit for new comments is marked
    `imported: true`, which the comments plugin lets through whole."""
    if len(text) <= options.comment_limit:
        return {}
    report.repairs.append(f"{name}: {len(text):,} characters, over the {options.comment_limit:,} "
                          "of COMMENTS['max_length'] for new comments; kept whole (imported: "
                          "true)")
    return {"imported": True}


def _comment_path(slug: str, comment_id: str, files: dict, report: Report) -> str:
    """The comment's file: named for its id from the safe alphabet (an id is outside text)."""
    name = safe_slug(comment_id).strip("-") or "comment"
    path = unique_name(f"comments/{slug}/{name}.yaml", files)
    if name != comment_id:
        report.needs_look.append(f"{path}: the export gave this comment the id "
                                 f"{comment_id!r}, which is not a plain number; check it")
    return path


def _dropped(comment) -> str | None:
    if comment.type in ("pingback", "trackback"):
        return comment.type + "s"
    if comment.approved == "1":
        return None
    return {"spam": "spam", "trash": "trash", "0": "pending"}.get(comment.approved, "other")


def _attachment_links(export: Export) -> dict[str, list[str]]:
    """Each item's attachment pages: their old addresses lead to the post they belonged to."""
    links: dict[str, list[str]] = {}
    for item in export.items:
        if item.type == "attachment" and item.link and item.parent != "0":
            links.setdefault(item.parent, []).append(item.link)
    return links


def _show_yaml(export: Export) -> str:
    return yaml_file({"title": export.title or "Podcast",
                      "description": "Imported from the WordPress blog; describe the show here.",
                      "language": "en", "type": "episodic"})
