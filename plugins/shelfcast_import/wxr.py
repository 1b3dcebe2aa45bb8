"""Read a WordPress export (WXR 1.0, 1.1, 1.2) into plain data: authors, categories, items.

Namespaces carry the WXR version (http://wordpress.org/export/1.2/, or https:// in
WordPress.com exports), so elements are matched by their local name and the family of their
namespace, whatever the version: the URI the export binds to the `wp:` prefix (as WordPress's
importer reads it) or any of the wordpress.org/export family. An export that strict XML refuses
gets a tolerant second pass, as WordPress's importer falls back to a tolerant parser; what it
repaired is listed in the report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from lxml import etree

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
# WordPress's importer accepts "1.0", "1.2"... and refuses anything else ("abc").
VERSION = re.compile(r"^\d+\.\d+$")
# An element whose whole text is one CDATA section, up to the last `]]>` before its closing
# tag: nested CDATA (`<![CDATA[a <![CDATA[b]]> c]]>`) is read as WordPress's tolerant parser
# reads it (crazy-cdata.xml in WordPress's importer tests).
CDATA_ELEMENT = re.compile(rb"(<(?P<tag>[\w:.-]+)(?:\s[^<>]*)?>)<!\[CDATA\[(?P<body>.*?)\]\]>"
                           rb"(</(?P=tag)>)", re.DOTALL)
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
    old_links: list[str] = field(default_factory=list)   # more old addresses (Blogger's ?m=1)


@dataclass
class Export:
    version: str
    link: str
    title: str
    authors: dict[str, str]      # login -> display name
    categories: dict[str, str]   # nicename -> name
    items: list[Item]
    repairs: list[str] = field(default_factory=list)   # what the tolerant reading repaired
    short_links: bool = True   # WordPress answers /?p=ID for every item; Blogger has none
    source: str = "WordPress"  # where the blog was, as the report names it


def read_export(path: str) -> Export:
    """Parse a WXR file; ImportError_ with one clear message when it is not a usable export."""
    name = os.path.basename(path)
    if os.path.getsize(path) > MAX_BYTES:
        raise ImportError_(f"{name} is larger than {MAX_BYTES // 2**20} MB, too large for a "
                           "WordPress export; export posts and pages separately")
    try:
        return read_tree(etree.parse(path, _parser()).getroot(), name)
    except etree.XMLSyntaxError as error:
        strict_error = error  # the tolerant pass below, as WordPress's importer falls back
    if _over_limits(strict_error):
        raise ImportError_(_huge_message(name, strict_error))
    if _cut_off(path):
        raise ImportError_(_broken_message(path, name, _line(strict_error)))
    with open(path, "rb") as handle:
        try:
            root, repairs = tolerant_parse(handle.read())
        except etree.XMLSyntaxError as error:  # over the limits further on, once repaired
            raise ImportError_(_huge_message(name, error)) from None
    if root is None:
        raise ImportError_(_broken_message(path, name, _line(strict_error)))
    export = read_tree(root, name)
    export.repairs = repairs
    return export


def _over_limits(error) -> bool:
    """libxml2's limits (a 10 MB text node, 256 levels): never "recovered", which would cut the
    text, but refused."""
    return "HUGE" in (error.msg or "")


def _huge_message(name: str, error) -> str:
    return (f"{name} goes beyond what any WordPress export holds "
            f"({re.split(r',? *(?:use|try) XML_PARSE_HUGE', error.msg)[0]}, line "
            f"{_line(error)}); export the blog again from WordPress; nothing was imported")


def _parser(recover: bool = False):
    # libxml2's own limits stay on (no huge_tree): a text node over 10 MB is not a blog post.
    return etree.XMLParser(resolve_entities=False, no_network=True, recover=recover)


def _line(error) -> int | str:
    return error.position[0] if error.position else "?"


def tolerant_parse(data: bytes):
    """(root or None, what was repaired): nested CDATA re-escaped, then libxml2's recover mode
    for what is still broken; each repair says where, for the report. XMLSyntaxError when
    the text goes beyond libxml2's limits."""
    repairs = []

    def escape(match):
        body = match.group("body")
        if b"]]>" not in body:
            return match.group(0)
        line = data.count(b"\n", 0, match.start()) + 1
        repairs.append(f"line {line}: <{match.group('tag').decode('utf-8', 'replace')}> had "
                       "CDATA inside CDATA; its text was kept whole")
        return (match.group(1) + b"<![CDATA[" + body.replace(b"]]>", b"]]]]><![CDATA[>")
                + b"]]>" + match.group(4))

    repaired = CDATA_ELEMENT.sub(escape, data)
    try:
        return etree.fromstring(repaired, _parser()), repairs
    except etree.XMLSyntaxError as error:
        if _over_limits(error):
            raise
    parser = _parser(recover=True)
    try:
        root = etree.fromstring(repaired, parser)
    except etree.XMLSyntaxError:
        return None, repairs  # not XML at all: nothing to recover
    repairs += [f"line {entry.line}: {entry.message.strip()} (repaired by the tolerant XML "
                "reader; check that item)" for entry in parser.error_log]
    return root, repairs


def _cut_off(path: str) -> bool:
    """An interrupted export: it ends before </rss>. Never guessed at: export again."""
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - 200))
        tail = handle.read()
    return b"</rss>" not in tail and (b"<wp:" in tail or b"wordpress.org/export" in _head(path))


def _broken_message(path: str, name: str, line) -> str:
    if _cut_off(path):
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
    names = _Names.of(root)
    version = _wxr_version(channel, names)
    if root.tag != "rss" or channel is None or version is None:
        raise ImportError_(f"{name} is not a WordPress export (no WXR version in its channel); "
                           "export the blog from WordPress with Tools → Export; nothing was "
                           "imported")
    authors = {}
    # WordPress writes wp:author; WordPress.com exports write wp:wp_author.
    for author in names.children(channel, "wp", "author") + names.children(channel, "wp",
                                                                            "wp_author"):
        login = names.text(author, "wp", "author_login")
        authors[login] = names.text(author, "wp", "author_display_name") or login
    categories = {names.text(c, "wp", "category_nicename"): names.text(c, "wp", "cat_name")
                  for c in names.children(channel, "wp", "category")}
    items = [_item(element, names) for element in channel.iterfind("item")]
    return Export(version, (channel.findtext("link") or "").strip(),
                  (channel.findtext("title") or "").strip(), authors, categories, items)


def _wxr_version(channel, names: _Names) -> str | None:
    if channel is None:
        return None
    version = names.text(channel, "wp", "wxr_version")
    return version if VERSION.match(version) else None


@dataclass(frozen=True)
class _Names:
    """Which namespace URIs are WordPress's `wp:` and `excerpt:` in one export: the ones its
    root binds to those prefixes (as WordPress's importer reads them) and the
    wordpress.org/export family in http or https."""

    wp: frozenset
    excerpt: frozenset

    @classmethod
    def of(cls, root) -> _Names:
        return cls(frozenset({root.nsmap.get("wp")} - {None}),
                   frozenset({root.nsmap.get("excerpt")} - {None}))

    def family(self, element) -> str | None:
        if not isinstance(element.tag, str):
            return None
        namespace = etree.QName(element).namespace or ""
        if namespace in self.wp or WP_NAMESPACE.match(namespace):
            return "wp"
        if namespace in self.excerpt or EXCERPT_NAMESPACE.match(namespace):
            return "excerpt"
        return FAMILIES.get(namespace, namespace)

    def children(self, element, family: str, local: str) -> list:
        return [c for c in element
                if self.family(c) == family and etree.QName(c).localname == local]

    def raw(self, element, family: str, local: str) -> str:
        found = self.children(element, family, local)
        return (found[0].text or "") if found else ""

    def text(self, element, family: str, local: str) -> str:
        return self.raw(element, family, local).strip()


FAMILIES = {CONTENT_NAMESPACE: "content", "http://purl.org/dc/elements/1.1/": "dc"}


def _item(element, names: _Names) -> Item:
    text, raw = names.text, names.raw
    return Item(
        id=text(element, "wp", "post_id"),
        title=(element.findtext("title") or "").strip(),
        link=(element.findtext("link") or "").strip(),
        guid=(element.findtext("guid") or "").strip(),
        creator=text(element, "dc", "creator").lstrip(">").strip(),
        content=raw(element, "content", "encoded"),
        excerpt=raw(element, "excerpt", "encoded").strip(),
        date_gmt=text(element, "wp", "post_date_gmt"),
        date=text(element, "wp", "post_date"),
        name=text(element, "wp", "post_name"),
        status=text(element, "wp", "status"),
        type=text(element, "wp", "post_type"),
        password=text(element, "wp", "post_password"),
        sticky=text(element, "wp", "is_sticky") == "1",
        parent=text(element, "wp", "post_parent") or "0",
        attachment_url=text(element, "wp", "attachment_url"),
        categories=_categories(element),
        meta=_meta(element, names),
        comments=[_comment(c, names) for c in names.children(element, "wp", "comment")],
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


def _meta(element, names: _Names) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for entry in names.children(element, "wp", "postmeta"):
        meta.setdefault(names.text(entry, "wp", "meta_key"), []).append(
            names.raw(entry, "wp", "meta_value"))
    return meta


def _comment(element, names: _Names) -> Comment:
    """Only what may be published: never the e-mail or IP address, which are not read."""
    text = names.text
    return Comment(
        id=text(element, "wp", "comment_id"),
        author=text(element, "wp", "comment_author"),
        date_gmt=text(element, "wp", "comment_date_gmt"),
        date=text(element, "wp", "comment_date"),
        text=names.raw(element, "wp", "comment_content").strip(),
        approved=text(element, "wp", "comment_approved"),
        type=text(element, "wp", "comment_type"),
    )
