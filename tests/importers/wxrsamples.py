"""Small WordPress exports written by hand, one WXR version each (shapes as WordPress writes)."""

from __future__ import annotations


def wxr(version: str, items: str, authors: str = "", extra_ns: str = "") -> str:
    ns = f"http://wordpress.org/export/{version}/"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{ns}excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}" {extra_ns}>
<channel>
<title>Ørstad Library blog</title>
<link>https://blog.example.org</link>
<wp:wxr_version>{version}</wp:wxr_version>
{authors}
{items}
</channel>
</rss>
"""


def item(post_id: int, title: str, name: str, body: str = "Hello.", *, link: str | None = None,
         status: str = "publish", post_type: str = "post", password: str = "",
         gmt: str = "2019-05-04 22:30:00", categories: str = "", meta: str = "",
         comments: str = "", guid: str | None = None, sticky: int = 0, parent: int = 0,
         attachment_url: str = "", excerpt: str = "") -> str:
    link = link or f"https://blog.example.org/2019/05/05/{name}/"
    title_tag = f"<title>{title}</title>" if title is not None else ""
    return f"""<item>
{title_tag}
<link>{link}</link>
<dc:creator>anna</dc:creator>
<guid isPermaLink="false">{guid or f"https://blog.example.org/?p={post_id}"}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date>2019-05-05 00:30:00</wp:post_date>
<wp:post_date_gmt>{gmt}</wp:post_date_gmt>
<wp:post_name>{name}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_parent>{parent}</wp:post_parent>
<wp:post_type>{post_type}</wp:post_type>
<wp:post_password>{password}</wp:post_password>
<wp:is_sticky>{sticky}</wp:is_sticky>
{f"<wp:attachment_url>{attachment_url}</wp:attachment_url>" if attachment_url else ""}
{categories}
{meta}
{comments}
</item>"""


def meta(key: str, value: str) -> str:
    return (f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>")


def comment(cid: int, author: str, text: str, approved: str = "1", kind: str = "") -> str:
    return f"""<wp:comment><wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
<wp:comment_author_email>reader{cid}@mail.example.com</wp:comment_author_email>
<wp:comment_author_IP>203.0.113.{cid}</wp:comment_author_IP>
<wp:comment_date>2019-05-06 10:00:00</wp:comment_date>
<wp:comment_date_gmt>2019-05-06 08:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_type>{kind}</wp:comment_type></wp:comment>"""


AUTHORS_11 = """<wp:author><wp:author_login>anna</wp:author_login>
<wp:author_email>anna@library.example.org</wp:author_email>
<wp:author_display_name><![CDATA[Anna Berg]]></wp:author_display_name></wp:author>"""
