"""Read a Blogger export (Atom: Settings → Back up content) into the WordPress importer's data.

Blogger writes one Atom feed: every entry says what it is with a category of the scheme
http://schemas.google.com/g/2005#kind (post, page, comment, settings, template); a draft
carries <app:control><app:draft>yes</app:draft></app:control>; a comment points at its post
with <thr:in-reply-to ref="the post's entry id"/>. Posts and pages become the same `Item`s a
WordPress export gives, so one planner (wordpress.plan_wordpress) writes the files, converts
the HTML, keeps the old addresses and lists every repair in the same report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from lxml import etree
from shelfcast_publish import TAG_ALIASES

from .frontmatter import yaml_file
from .wordpress import make_slug
from .wxr import MAX_BYTES, Comment, Export, ImportError_, Item

ATOM = "{http://www.w3.org/2005/Atom}"
APP = "{http://purl.org/atom/app#}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
KIND = re.compile(r"^http://schemas\.google\.com/blogger/2008/kind#(\w+)$")
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
# Blogger answers every post and page address with ?m=1 too (its mobile view).
MOBILE_QUERY = "m=1"
NOT_BLOGGER = ("is not a Blogger export ({why}); in Blogger, use Settings → Back up content "
               "→ Download; nothing was imported")


@dataclass(frozen=True)
class Entry:
    """One Atom entry, as plain data: only what may be published (never an e-mail)."""

    id: str
    kind: str
    title: str
    html: str
    published: str
    author: str
    link: str
    labels: tuple[str, ...]
    draft: bool
    reply_to: str


def read_blogger(path: str) -> Export:
    """Parse a Blogger export; ImportError_ with one clear message when it is not one."""
    name = os.path.basename(path)
    if os.path.getsize(path) > MAX_BYTES:
        raise ImportError_(f"{name} is larger than {MAX_BYTES // 2**20} MB, too large for a "
                           "Blogger export; nothing was imported")
    # libxml2's own limits stay on (no huge_tree), as for WordPress exports.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        why = f"not readable XML, line {line}: {error.msg}"
        raise ImportError_(f"{name} {NOT_BLOGGER.format(why=why)}") from None
    entries = [_entry(e) for e in root.iterfind(f"{ATOM}entry")] if root.tag == f"{ATOM}feed" \
        else []
    if not any(e.kind in ("post", "page", "comment") for e in entries):
        why = "no entries of kind post, page or comment"
        raise ImportError_(f"{name} {NOT_BLOGGER.format(why=why)}")
    return blogger_export(root, entries)


def blogger_export(root, entries: list[Entry]) -> Export:
    comments: dict[str, list[Comment]] = {}
    for entry in entries:
        if entry.kind == "comment":
            comments.setdefault(entry.reply_to, []).append(_comment(entry))
    items = [_item(e, comments.get(e.id, [])) for e in entries if e.kind in ("post", "page")]
    skipped = [_skipped(e) for e in entries if e.kind not in ("post", "page", "comment")]
    blog = root.find(f"{ATOM}link[@rel='alternate']")
    return Export("blogger", blog.get("href", "") if blog is not None else "",
                  (root.findtext(f"{ATOM}title") or "").strip(), {}, {}, items + skipped,
                  short_links=False, source="Blogger")


def label_aliases(export: Export, report) -> dict[str, str]:
    """content/tag-aliases.yaml: each label page of the old blog (/search/label/X, and its
    ?m=1 view) leads to the tag page of that label; only labels a published post carries
    have a tag page. A label with a space has no alias a redirect can match: reported."""
    labels = sorted({name for item in export.items if item.type == "post"
                     and item.status == "publish" for domain, _, name in item.categories
                     if domain == "post_tag"})
    aliases = {}
    for label in labels:
        old = f"{urlsplit(export.link).path.rstrip('/')}/search/label/{label}"
        if any(c.isspace() or c in "?#\\" for c in label):
            report.unreachable_aliases.append((TAG_ALIASES, old))
            continue
        aliases[label] = [old, f"{old}?{MOBILE_QUERY}"]
    return {TAG_ALIASES: yaml_file(aliases)} if aliases else {}


def _entry(element) -> Entry:
    kinds = [c.get("term", "") for c in element.iterfind(f"{ATOM}category")
             if c.get("scheme") == KIND_SCHEME]
    kind = next((m.group(1) for m in map(KIND.match, kinds) if m), "")
    alternate = element.find(f"{ATOM}link[@rel='alternate']")
    reply = element.find(f"{THREAD}in-reply-to")
    return Entry(
        id=(element.findtext(f"{ATOM}id") or "").strip(),
        kind=kind,
        title=(element.findtext(f"{ATOM}title") or "").strip(),
        html=element.findtext(f"{ATOM}content") or "",
        published=(element.findtext(f"{ATOM}published") or "").strip(),
        author=(element.findtext(f"{ATOM}author/{ATOM}name") or "").strip(),
        link=alternate.get("href", "").strip() if alternate is not None else "",
        labels=tuple(c.get("term", "").strip() for c in element.iterfind(f"{ATOM}category")
                     if c.get("scheme") == LABEL_SCHEME and c.get("term", "").strip()),
        draft=(element.findtext(f"{APP}control/{APP}draft") or "").strip() == "yes",
        reply_to=reply.get("ref", "").strip() if reply is not None else "",
    )


def _item(entry: Entry, comments: list[Comment]) -> Item:
    # The first label is the post's section (as a WordPress post's first category); every
    # label is a tag, so each old label page (/search/label/X) has a tag page to lead to.
    labels = [("post_tag", make_slug(label), label) for label in entry.labels]
    section = [("category", make_slug(entry.labels[0]), entry.labels[0])] if labels else []
    return Item(id=_number(entry.id), title=entry.title, link=entry.link, guid=entry.id,
                creator=entry.author, content=entry.html, excerpt="",
                date_gmt=_utc(entry.published), date="", name=_slug_of(entry.link),
                status="draft" if entry.draft else "publish", type=entry.kind, password="",
                sticky=False, parent="0", attachment_url="", categories=section + labels,
                comments=comments,
                old_links=[f"{entry.link}?{MOBILE_QUERY}"] if entry.link else [])


def _skipped(entry: Entry) -> Item:
    """Settings and the template: counted in the report as not imported, like WordPress's
    menu items."""
    return Item(id=_number(entry.id), title="", link="", guid=entry.id, creator="", content="",
                excerpt="", date_gmt="", date="", name="", status="", type=entry.kind or "other",
                password="", sticky=False, parent="0", attachment_url="")


def _comment(entry: Entry) -> Comment:
    return Comment(id=_number(entry.id), author=entry.author, date_gmt=_utc(entry.published),
                   date="", text=entry.html.strip(), approved="1", type="")


def _number(entry_id: str) -> str:
    """tag:blogger.com,1999:blog-12.post-345 -> 345 (a comment file's name, a note's id)."""
    return entry_id.rsplit("-", 1)[-1] if "-" in entry_id else entry_id


def _slug_of(link: str) -> str:
    """/2012/03/spring-reading.html -> spring-reading: the slug Blogger gave the post."""
    last = link.rstrip("/").rsplit("/", 1)[-1]
    return last[: -len(".html")] if last.endswith(".html") else ""


def _utc(moment: str) -> str:
    """Atom's 2012-03-05T10:00:00.000+01:00 as the planner's GMT date, '' when unreadable."""
    try:
        parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
