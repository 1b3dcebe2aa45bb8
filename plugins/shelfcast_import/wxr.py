"""Read a WordPress export (WXR 1.0, 1.1, 1.2) into plain data: authors, categories, items.

Namespaces carry the WXR version (http://wordpress.org/export/1.2/), so elements are matched
by their local name and the family of their namespace, whatever the version.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from lxml import etree

WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.[0-2]/$")
EXCERPT_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.[0-2]/excerpt/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
# A WordPress export of a big blog is tens of megabytes; anything far beyond is not one.
MAX_BYTES = 512 * 1024 * 1024


class ImportError_(Exception):
    """Bad input: the message says what is wrong and what to do, for a librarian."""


@dataclass
class Comment:
    id: str
    author: str
    date_gmt: str
    date: str
    text: str
    approved: str
    type: str


@dataclass
class Item:
    id: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: str
    date: str
    name: str
    status: str
    type: str
    password: str
    sticky: bool
    parent: str
    attachment_url: str
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # domain, slug, name
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Export:
    version: str
    link: str
    title: str
    authors: dict[str, str]      # login -> display name
    categories: dict[str, str]   # nicename -> name
    items: list[Item]


def read_export(path: str) -> Export:
    """Parse a WXR file; ImportError_ with one clear message when it is not a usable export."""
    name = os.path.basename(path)
    if os.path.getsize(path) > MAX_BYTES:
        raise ImportError_(f"{name} is larger than {MAX_BYTES // 2**20} MB, too large for a "
                           "WordPress export; export posts and pages separately")
    # libxml2's own limits stay on (no huge_tree): an export is untrusted, no real one needs
    # a 10 MB text node or 256 levels of nesting.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        if "HUGE" in (error.msg or ""):
            raise ImportError_(f"{name} goes beyond what any WordPress export holds "
                               f"({re.split(r',? *(?:use|try) XML_PARSE_HUGE', error.msg)[0]}, "
                               f"line {line}); export the blog again from WordPress; nothing "
                               "was imported") from None
        raise ImportError_(_broken_message(path, name, line)) from None
    return read_tree(root, name)


def _broken_message(path: str, name: str, line) -> str:
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - 200))
        tail = handle.read()
    if b"<wp:" in tail or b"wordpress.org/export" in _head(path):
        if b"</rss>" not in tail:
            return (f"{name} is cut off (it ends before </rss>, near line {line}): the export "
                    "was interrupted. Export again from WordPress (Tools → Export) and import "
                    "the new file; nothing was imported")
    return (f"{name} is not a WordPress export (it is not readable XML, line {line}); export "
            "the blog from WordPress with Tools → Export; nothing was imported")


def _head(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(4096)


def read_tree(root, name: str = "export") -> Export:
    channel = root.find("channel")
    version = _wxr_version(root, channel)
    if root.tag != "rss" or channel is None or version is None:
        raise ImportError_(f"{name} is not a WordPress export (no WXR version in its channel); "
                           "export the blog from WordPress with Tools → Export; nothing was "
                           "imported")
    authors = {}
    # WordPress writes wp:author; WordPress.com exports write wp:wp_author.
    for author in _children(channel, "wp", "author") + _children(channel, "wp", "wp_author"):
        login = _text(author, "wp", "author_login")
        authors[login] = _text(author, "wp", "author_display_name") or login
    categories = {_text(c, "wp", "category_nicename"): _text(c, "wp", "cat_name")
                  for c in _children(channel, "wp", "category")}
    items = [_item(element) for element in channel.iterfind("item")]
    return Export(version, (channel.findtext("link") or "").strip(),
                  (channel.findtext("title") or "").strip(), authors, categories, items)


def _wxr_version(root, channel) -> str | None:
    if channel is None:
        return None
    for child in channel:
        if _family(child) == "wp" and etree.QName(child).localname == "wxr_version":
            return (child.text or "").strip() or None
    return None


def _family(element) -> str | None:
    if not isinstance(element.tag, str):
        return None
    namespace = etree.QName(element).namespace or ""
    if WP_NAMESPACE.match(namespace):
        return "wp"
    if EXCERPT_NAMESPACE.match(namespace):
        return "excerpt"
    if namespace == CONTENT_NAMESPACE:
        return "content"
    if namespace == "http://purl.org/dc/elements/1.1/":
        return "dc"
    return namespace or ""


def _children(element, family: str, local: str):
    return [c for c in element if _family(c) == family and etree.QName(c).localname == local]


def _text(element, family: str, local: str) -> str:
    found = _children(element, family, local)
    return (found[0].text or "").strip() if found else ""


def _raw(element, family: str, local: str) -> str:
    found = _children(element, family, local)
    return (found[0].text or "") if found else ""


def _item(element) -> Item:
    return Item(
        id=_text(element, "wp", "post_id"),
        title=(element.findtext("title") or "").strip(),
        link=(element.findtext("link") or "").strip(),
        guid=(element.findtext("guid") or "").strip(),
        creator=_text(element, "dc", "creator").lstrip(">").strip(),
        content=_raw(element, "content", "encoded"),
        excerpt=_raw(element, "excerpt", "encoded").strip(),
        date_gmt=_text(element, "wp", "post_date_gmt"),
        date=_text(element, "wp", "post_date"),
        name=_text(element, "wp", "post_name"),
        status=_text(element, "wp", "status"),
        type=_text(element, "wp", "post_type"),
        password=_text(element, "wp", "post_password"),
        sticky=_text(element, "wp", "is_sticky") == "1",
        parent=_text(element, "wp", "post_parent") or "0",
        attachment_url=_text(element, "wp", "attachment_url"),
        categories=_categories(element),
        meta=_meta(element),
        comments=[_comment(c) for c in _children(element, "wp", "comment")],
    )


def _categories(element) -> list[tuple[str, str, str]]:
    """(domain, slug, name); WXR 1.0 also repeats each category without a domain: skipped."""
    found = []
    for category in element.iterfind("category"):
        domain = category.get("domain")
        if domain is None:
            continue
        name = (category.text or "").strip()
        found.append((domain, category.get("nicename") or "", name))
    return found


def _meta(element) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for entry in _children(element, "wp", "postmeta"):
        meta.setdefault(_text(entry, "wp", "meta_key"), []).append(_raw(entry, "wp", "meta_value"))
    return meta


def _comment(element) -> Comment:
    """Only what may be published: never the e-mail or IP address, which are not read."""
    return Comment(
        id=_text(element, "wp", "comment_id"),
        author=_text(element, "wp", "comment_author"),
        date_gmt=_text(element, "wp", "comment_date_gmt"),
        date=_text(element, "wp", "comment_date"),
        text=_raw(element, "wp", "comment_content").strip(),
        approved=_text(element, "wp", "comment_approved"),
        type=_text(element, "wp", "comment_type"),
    )
