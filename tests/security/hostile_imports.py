"""Hostile imports for issue 20: a WordPress export, a podcast feed and e-mails written by an
attacker, and the small 127.0.0.1 server their URLs point at.

`HOSTS` is the harness's resolver map: `uploads.example` is the attacker's (loopback) server,
`internal.example` and `metadata.example` stand for a private address and the cloud metadata
service; nothing may ever be dialled there (tests assert `.dialled == []`).
"""

from __future__ import annotations

import base64
from email.message import EmailMessage

from importers.wxrsamples import comment, item, wxr
from security.servers import redirect, trickle

HOSTS = {"uploads.example": "127.0.0.1", "internal.example": "10.0.0.5",
         "metadata.example": "169.254.169.254"}
TRAVERSAL = "..%2F..%2F..%2F.venv%2Flib%2Fpython3.11%2Fsite-packages%2Fzzz.pth"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
       b"\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82")


def routes(slow_every: float = 2.0) -> dict:
    """What the attacker's server answers: a file for the traversal name, redirects to internal
    addresses and to file:, and a trickle."""
    uploads = "/wp-content/uploads/2019/05"
    return {f"{uploads}/{TRAVERSAL}": b"import os; os.system('touch PWNED')\n",
            f"{uploads}/fine.png": PNG,
            "/away.png": redirect("http://10.0.0.1/latest/"),
            "/metadata.png": redirect("http://metadata.example/latest/meta-data/"),
            "/file.png": redirect("file:///etc/passwd"),
            "/slow.jpg": trickle(PNG, every=slow_every),
            "/ok.mp3": b"ID3" + b"\0" * 64,
            "/away.mp3": redirect("http://internal.example/ep.mp3"),
            "/slow.mp3": trickle(b"ID3" + b"\0" * 64, every=slow_every),
            "/feed.xml": redirect("http://metadata.example/feed.xml")}


def hostile_export(base: str) -> str:
    """Cases 1 and 2 and every fetch trick in one WXR 1.2 export; `base` is the server."""
    uploads = f"{base}/wp-content/uploads/2019/05"
    body = "".join(f'<p><img src="{src}" alt="x"></p>' for src in (
        f"{uploads}/{TRAVERSAL}", f"{uploads}/fine.png", "http://internal.example/x.png",
        f"{base}/away.png", f"{base}/metadata.png", f"{base}/file.png", f"{base}/slow.jpg",
        "file:///etc/passwd"))
    comments = "".join(comment(cid, "Eve", "Hello") for cid in (
        "../../../comment-escaped", "/tmp/absolute", "..%2F..%2Fencoded", "a&#13;&#10;b", "7"))
    items = (item(1, "Traversal", "..%2F..%2F..%2Fescaped-post", body=body, comments=comments,
                  categories='<category domain="category" nicename="../../../etc">'
                             '<![CDATA[Etc]]></category>')
             + item(2, "Picture", "picture", post_type="attachment", status="inherit", parent=1,
                    attachment_url=f"{uploads}/..%2F..%2F..%2Fattached.pth"))
    return wxr("1.2", items)


def deep_export(levels: int = 300) -> str:
    """An export nested deeper than libxml2 allows without huge_tree (case 16)."""
    return wxr("1.2", item(1, "Deep", "deep", body="x") + "<x>" * levels + "</x>" * levels)


def hostile_feed(base: str, chapters_path: str) -> str:
    """Case 3 and the fetch tricks in one podcast feed."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Hostile</title><link>{base}/</link><language>en</language>
<itunes:image href="file:///etc/hostname"/>
<item><title>../../../escaped-episode</title><guid>a</guid>
<pubDate>Mon, 04 Nov 2024 08:00:00 +0100</pubDate>
<enclosure url="file:///etc/passwd" length="1" type="audio/mpeg"/>
<podcast:chapters url="file://{chapters_path}" type="application/json+chapters"/>
<podcast:transcript url="http://internal.example/t.srt" type="application/srt"/></item>
<item><title>Redirected</title><guid>b</guid><pubDate>Mon, 04 Nov 2024 09:00:00 +0100</pubDate>
<enclosure url="{base}/away.mp3" length="1" type="audio/mpeg"/>
<podcast:transcript url="{base}/metadata.png" type="application/srt"/></item>
<item><title>Slow</title><guid>c</guid><pubDate>Mon, 04 Nov 2024 10:00:00 +0100</pubDate>
<enclosure url="{base}/slow.mp3" length="1" type="audio/mpeg"/></item>
<item><title>Fine</title><guid>d</guid><pubDate>Mon, 04 Nov 2024 11:00:00 +0100</pubDate>
<enclosure url="{base}/ok.mp3" length="67" type="audio/mpeg"/></item>
</channel></rss>"""


def mail(sender: str = "Anna <anna@example.net>", text: str = "Lovely post!") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["Date"] = "Tue, 06 Oct 2026 18:42:00 +0200"
    message["Subject"] = "Comment"
    message.set_content(text)
    return message


def crlf_from_mail() -> bytes:
    """An encoded From: whose name decodes to a line break and a second header (case 14)."""
    name = base64.b64encode(b"Anna\r\nBcc: everyone@example.net").decode()
    return (f"From: =?utf-8?b?{name}?= <anna@example.net>\r\n"
            "Date: Tue, 06 Oct 2026 18:42:00 +0200\r\nSubject: hi\r\n\r\nHello\r\n").encode()


def deep_mail(levels: int = 5000) -> bytes:
    """A mail of multiparts nested `levels` deep (case 14)."""
    head = "From: Anna <anna@example.net>\r\nDate: Tue, 06 Oct 2026 18:42:00 +0200\r\n"
    opened = "".join(f'Content-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}\r\n'
                     for n in range(levels))
    closed = "".join(f"\r\n--b{n}--" for n in reversed(range(levels)))
    return (head + opened + "Content-Type: text/plain\r\n\r\nHello" + closed + "\r\n").encode()


def traversal_name_mail() -> bytes:
    """Accepted, but every name in it is outside text: the file stays in the post's folder."""
    return mail('"../../../../evil" <x@example.net>',
                "Look [here](javascript:alert(1)) ../../../etc/passwd").as_bytes()
