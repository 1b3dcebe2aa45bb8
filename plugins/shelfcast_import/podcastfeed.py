"""An existing podcast's RSS feed -> show.yaml and one episode file per item, as plain data.

Each item keeps its guid exactly (subscribers' apps know episodes by it). Tags we publish
ourselves become front matter; Podcasting 2.0 tags we do not produce yet are kept under
`imported:` in the episode file and listed in the report.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from shelfcast_podcast.categories import all_names, parse_category
from shelfcast_sitekit.mediatypes import AUDIO_EXTENSIONS, extension_for
from shelfcast_sitekit.writeguard import unique_name

from .frontmatter import document, yaml_file
from .markdown import to_markdown
from .shortcodes import Media
from .wordpress import make_slug
from .wxr import ImportError_

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
PODCAST_NAMESPACES = ("https://podcastindex.org/namespace/1.0",
                      "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md")
# Podcasting 2.0 item tags that become our own front matter (the rest go under imported:).
OURS = {"person", "season", "episode", "transcript", "chapters"}
TRUE = {"yes", "true", "explicit"}
# The placeholder artwork: the smallest square Apple accepts, in a quiet grey.
PLACEHOLDER_PIXELS = 1400
PLACEHOLDER_COLOUR = (96, 96, 96)
# A feed with thousands of episodes is a few megabytes; anything far beyond is not a feed.
MAX_FEED_BYTES = 50 * 1024 * 1024


@dataclass
class FeedReport:
    episodes: list[str] = field(default_factory=list)
    kept_tags: dict[str, int] = field(default_factory=dict)     # podcast:value -> count
    skipped: list[str] = field(default_factory=list)
    needs_look: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)   # changed so that the site builds


@dataclass
class FeedPlan:
    files: dict[str, str]
    report: FeedReport
    artwork_url: str | None
    media: dict[str, str]   # url -> file (relative to the show folder) to download with --download


def _podcast(element, local: str):
    return [c for c in element if isinstance(c.tag, str)
            and etree.QName(c).namespace in PODCAST_NAMESPACES
            and etree.QName(c).localname == local]


def _itunes(element, local: str) -> str:
    return (element.findtext(f"{{{ITUNES}}}{local}") or "").strip()


def parse_feed(data: bytes, name: str):
    """The feed's <channel>; ImportError_ for anything that is not a podcast feed. libxml2's
    own limits stay on (no huge_tree): a feed is untrusted, and no real one needs more."""
    if len(data) > MAX_FEED_BYTES:
        raise ImportError_(f"{name} is larger than {MAX_FEED_BYTES // 2**20} MB, far larger "
                           "than any podcast feed; nothing was imported")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ImportError_(f"{name} is not a podcast feed (not readable XML: {error.msg}); give "
                           "the address of the podcast's RSS feed; nothing was imported") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or channel.find("item/enclosure") is None:
        raise ImportError_(f"{name} is not a podcast feed (an RSS feed with <enclosure> audio); "
                           "give the address of the podcast's RSS feed; nothing was imported")
    return channel


def plan_feed(channel, feed_url: str, show: str, timezone: str, podcast_folder: str,
              download: bool = False, fetcher=None) -> FeedPlan:
    """`fetcher(url) -> bytes` (with --download) fetches chapters and transcripts at once: a
    small file that does not answer stays a link under imported:, the episode is kept."""
    report = FeedReport()
    folder = f"{podcast_folder}/{show}"
    artwork = _artwork_url(channel)
    files = {f"{folder}/show.yaml": yaml_file(_show_fields(channel, feed_url, artwork, report))}
    media: dict[str, str] = {}
    if artwork:
        media[artwork] = artwork_file(artwork)
    taken: set[str] = set()
    problems = []
    for number, item in enumerate(channel.iterfind("item"), start=1):
        try:
            path, text = _episode(item, folder, timezone, taken, report, media, fetcher,
                                  files if download else None)
        except ValueError as error:
            problems.append(f"item {number}: {error}")
            continue
        if path:
            files[path] = text
    if problems:
        raise ImportError_("\n".join(problems) + "\nNothing was imported.")
    if not download or not artwork:
        files[f"{folder}/{artwork_file(artwork)}"] = placeholder_artwork(artwork_file(artwork))
        report.repairs.append(artwork_request(folder, artwork))
    return FeedPlan(files, report, artwork, media if download else {})


def artwork_file(url: str | None) -> str:
    """The one name the artwork has, in show.yaml `image:`, on disk and in the report: JPEG
    as cover.jpg (a .jpeg address too), PNG (or no artwork at all) as cover.png."""
    extension = _extension(url, ".jpg") if url else ".png"
    return "cover" + (extension if extension == ".png" else ".jpg")


def placeholder_artwork(name: str) -> bytes:
    """A plain square the build accepts as artwork (the build refuses a show without one),
    the same bytes on every import: until the librarian replaces it, the show builds."""
    buffer = io.BytesIO()
    Image.new("RGB", (PLACEHOLDER_PIXELS, PLACEHOLDER_PIXELS), PLACEHOLDER_COLOUR).save(
        buffer, "PNG" if name.endswith(".png") else "JPEG")
    return buffer.getvalue()


def artwork_request(folder: str, artwork: str | None) -> str:
    """The report's line: exactly the file show.yaml's image: names."""
    where = f"{folder}/{artwork_file(artwork)}"
    if not artwork:
        return (f"{where} is a plain placeholder so that the site builds (the feed names no "
                "artwork): replace it with the show's square artwork (1400 to 3000 pixels), "
                "same name")
    return (f"{where} is a plain placeholder so that the site builds: replace it with the "
            f"show's artwork ({artwork}), saved under that name (show.yaml's image: names it), "
            "or import with --download")


def _extension(url: str, default: str) -> str:
    match = re.search(r"(\.[A-Za-z0-9]{2,4})(?:\?|$)", url)
    return match.group(1).lower() if match else default


def _audio_extension(url: str, kind: str) -> str:
    """The downloaded episode's extension: its address's when that names audio (the build
    reads the file's format from its name), else the one its enclosure type gives."""
    extension = _extension(url, "")
    if extension[1:] in AUDIO_EXTENSIONS:
        return extension
    return extension_for(kind, ".mp3") if kind.startswith("audio/") else ".mp3"


def _artwork_url(channel) -> str | None:
    image = channel.find(f"{{{ITUNES}}}image")
    if image is not None and image.get("href"):
        return image.get("href").strip()
    return (channel.findtext("image/url") or "").strip() or None


def _text(html_text: str) -> str:
    if not html_text.strip():
        return ""
    return " ".join(lxml_html.fromstring(f"<div>{html_text}</div>").text_content().split())


def _show_fields(channel, feed_url: str, artwork: str | None, report: FeedReport) -> dict:
    owner = channel.find(f"{{{ITUNES}}}owner")
    fields = {
        "title": (channel.findtext("title") or "").strip(),
        "description": _text(_itunes(channel, "summary") or channel.findtext("description")
                             or ""),
        "language": (channel.findtext("language") or "en").strip().lower()[:2],
        "author": _itunes(channel, "author") or None,
        "owner": {"name": _itunes(owner, "name"), "email": _itunes(owner, "email")}
        if owner is not None else None,
        "categories": _categories(channel, report),
        "explicit": _itunes(channel, "explicit").lower() in TRUE,
        "image": artwork_file(artwork),
        "type": _itunes(channel, "type") or "episodic",
        "copyright": (channel.findtext("copyright") or "").strip() or None,
        "link": (channel.findtext("link") or "").strip() or None,
        "guid": _first_text(channel, "guid"),
        "locked": (_first_text(channel, "locked") or "no").lower() == "yes",
        "funding": _funding(channel),
        "persons": _persons(channel),
        "old_feed_url": feed_url if feed_url.startswith(("http://", "https://")) else None,
    }
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def _first_text(element, local: str) -> str | None:
    found = _podcast(element, local)
    return (found[0].text or "").strip() or None if found else None


def _categories(channel, report: FeedReport) -> list[str]:
    """Apple's current categories; an old one (Apple renamed some in 2019) becomes the
    nearest current one and the report says so."""
    names = []
    for category in channel.findall(f"{{{ITUNES}}}category"):
        subs = category.findall(f"{{{ITUNES}}}category")
        top = category.get("text", "").strip()
        names += [f"{top} > {s.get('text', '').strip()}" for s in subs] or [top]
    current = []
    for name in names:
        if parse_category(name) is None:
            close = difflib.get_close_matches(name, all_names(), n=1, cutoff=0.6)
            report.needs_look.append(f"show.yaml: the old feed's category {name!r} is not a "
                                     "current Apple category; " + (
                                         f"it became {close[0]!r}: check it" if close
                                         else "it was left out: choose one"))
            name = close[0] if close else None
        if name and name not in current:
            current.append(name)
    return current


def _funding(channel) -> dict | None:
    found = _podcast(channel, "funding")
    if not found or not found[0].get("url"):
        return None
    return {"url": found[0].get("url"), "text": (found[0].text or "").strip() or None}


def _persons(element) -> list[dict]:
    persons = []
    for person in _podcast(element, "person"):
        entry = {"name": (person.text or "").strip(), "role": person.get("role", "host").lower(),
                 "group": person.get("group", "cast").lower()}
        for key in ("href", "img"):
            if (person.get(key) or "").startswith("https://"):
                entry[key] = person.get(key)
        if entry["name"]:
            persons.append(entry)
    return persons


def _episode(item, folder: str, timezone: str, taken: set, report: FeedReport,
             media: dict, fetcher, files: dict | None) -> tuple[str | None, str]:
    title = (item.findtext("title") or "").strip()
    enclosure = item.find("enclosure")
    if enclosure is None or not enclosure.get("url"):
        report.skipped.append(f"{title or 'an untitled item'}: no audio (no <enclosure>)")
        return None, ""
    if not title:
        raise ValueError("has no title; a podcast episode needs one")
    date = _date(item.findtext("pubDate") or "", timezone)
    guid = item.findtext("guid")
    guid = guid.strip() if guid and guid.strip() else enclosure.get("url")  # as apps do
    slug = unique_name(make_slug(title) or "episode", taken)
    taken.add(slug)
    path = f"{folder}/{slug}.md"
    if slug != (make_slug(title) or "episode"):
        report.repairs.append(f"{path}: an earlier episode has the title {title!r} too; this "
                              f"one has the slug '{slug}', so each has its own page")
    url = enclosure.get("url").strip()
    # The page's address comes from the slug; written out, a repeated title cannot share it.
    fields = {"title": title, "date": date, "slug": slug, "guid": guid}
    if files is not None:
        name = f"audio/{slug}{_audio_extension(url, enclosure.get('type') or '')}"
        media[url] = name
        fields["audio"] = name
    else:
        fields.update(_hosted(enclosure, item))
    fields.update(_numbers(item))
    fields["summary"] = _itunes(item, "subtitle") or None
    fields["persons"] = _persons(item)
    fields["imported"] = _imported(item, report)
    if files is not None and fetcher is not None:
        fields.update(_fetch_extras(fields, folder, slug, fetcher, files, report))
    notes = (item.findtext(f"{{{CONTENT}}}encoded") or item.findtext("description")
             or _itunes(item, "summary") or "")
    body = to_markdown(notes, Media()).markdown
    report.episodes.append(path)
    return path, document(fields, body)


def _fetch_extras(fields: dict, folder: str, slug: str, fetcher, files: dict,
                  report: FeedReport) -> dict:
    """With --download: the transcript (SRT/VTT) as a file, the chapters (JSON) as
    `chapters:`; what was fetched leaves imported:."""
    kept, found = fields.get("imported") or {}, {}
    for entry in kept.get("transcript", []):
        extension = _extension(entry.get("url", ""), "")
        if extension in (".srt", ".vtt") and "transcript" not in found:
            data = _try(fetcher, entry["url"], report)
            if data is not None:
                files[f"{folder}/audio/{slug}{extension}"] = data
                found["transcript"] = f"audio/{slug}{extension}"
    for entry in kept.get("chapters", [])[:1]:
        data = _try(fetcher, entry.get("url", ""), report)
        chapters = _chapters(data) if data is not None else None
        if chapters:
            found["chapters"] = chapters
    for name in found:
        kept.pop(name, None)
    found["imported"] = kept or None
    return found


def _try(fetcher, url: str, report: FeedReport) -> bytes | None:
    try:
        return fetcher(url)
    except (OSError, ValueError) as error:
        report.needs_look.append(f"{url} could not be downloaded "
                                 f"({getattr(error, 'why', error)}); kept as a link")
        return None


def _chapters(data: bytes) -> list[dict] | None:
    """Podcasting 2.0 JSON chapters -> our `chapters:` list (start as H:MM:SS)."""
    try:
        entries = json.loads(data.decode("utf-8")).get("chapters", [])
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    chapters = []
    for entry in entries:
        if not isinstance(entry, dict) or not str(entry.get("title") or "").strip():
            continue
        seconds = int(float(entry.get("startTime") or 0))
        chapter = {"start": f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
                   "title": str(entry["title"]).strip()}
        if str(entry.get("url") or "").startswith("https://"):
            chapter["url"] = entry["url"]
        chapters.append(chapter)
    return chapters or None


def _date(value: str, timezone: str) -> str:
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is None:
        raise ValueError(f"has no readable date ({value.strip() or 'no <pubDate>'})")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def _hosted(enclosure, item) -> dict:
    fields = {"audio_url": enclosure.get("url").strip()}
    length = (enclosure.get("length") or "").strip()
    if length.isdigit() and int(length) > 0:
        fields["audio_length"] = int(length)
    fields["audio_type"] = (enclosure.get("type") or "audio/mpeg").strip()
    duration = _itunes(item, "duration")
    if duration:
        fields["duration"] = int(duration) if duration.isdigit() else duration
    return fields


def _numbers(item) -> dict:
    fields = {}
    for name, tag in (("season", "season"), ("episode", "episode")):
        value = _itunes(item, tag) or _first_text(item, tag)
        if value and value.split(".")[0].isdigit() and int(value.split(".")[0]) > 0:
            fields[name] = int(value.split(".")[0])
    kind = _itunes(item, "episodeType").lower()
    if kind in ("trailer", "bonus"):
        fields["episode_type"] = kind
    explicit = _itunes(item, "explicit").lower()
    if explicit:
        fields["explicit"] = explicit in TRUE
    return fields


def _imported(item, report: FeedReport) -> dict | None:
    """Podcasting 2.0 tags and links we do not produce: kept as data, attributes and text."""
    kept: dict[str, list] = {}
    for child in item:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        if qname.namespace not in PODCAST_NAMESPACES or qname.localname in {"person",
                                                                              "season", "episode"}:
            continue
        kept.setdefault(qname.localname, []).append(_element_data(child))
        key = f"podcast:{qname.localname}"
        report.kept_tags[key] = report.kept_tags.get(key, 0) + 1
    image = item.find(f"{{{ITUNES}}}image")
    if image is not None and image.get("href"):
        kept["image"] = [{"href": image.get("href")}]
        report.kept_tags["itunes:image"] = report.kept_tags.get("itunes:image", 0) + 1
    return kept or None


def _element_data(element) -> dict:
    data = {k: v for k, v in element.attrib.items()}
    text = (element.text or "").strip()
    if text:
        data["text"] = text
    children = [_element_data(c) | {"tag": etree.QName(c).localname}
                for c in element if isinstance(c.tag, str)]
    if children:
        data["children"] = children
    return data
