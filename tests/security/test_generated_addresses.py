"""Case 8: every src, srcset and href to our own files is built from encoded paths we made.

A file named `p, https:tracker.example?.jpg` used to end one srcset candidate at the comma and
start another on tracker.example, which high-density screens then requested.
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote, unquote, urljoin, urlsplit

from lxml import html
from PIL import Image

SITE = "http://127.0.0.1:8000"
HOSTILE = "p, https:tracker.example"
DESCRIPTOR = re.compile(r"\d+(\.\d+)?[wx],?")


def jpeg(size=(900, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def srcset_urls(value: str) -> list[str]:
    """The candidate URLs of a srcset the way browsers split it: at whitespace, a trailing
    comma ending a URL."""
    return [token.rstrip(",") for token in value.split() if not DESCRIPTOR.fullmatch(token)]


def addresses(page_path, output) -> list[tuple[str, str]]:
    """(attribute, absolute URL) of every src, srcset candidate and href to a file."""
    page = html.fromstring(page_path.read_bytes())
    base = f"{SITE}/{quote(page_path.relative_to(output).as_posix())}"
    found = []
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("src", "srcset", "href", "poster", "content"):
            value = element.get(name)
            if not value or (name == "content" and not value.startswith("http")):
                continue
            urls = srcset_urls(value) if name == "srcset" else [value]
            found += [(name, urljoin(base, url)) for url in urls]
    return found


def write_hostile_names(site) -> None:
    site.write(f"galleries/party/{HOSTILE}?.jpg", jpeg())
    site.write("galleries/party/gallery.yaml", f"""
        title: Party
        date: 2026-07-01
        images:
          - file: "{HOSTILE}?.jpg"
            alt: Cake on a table
            caption: Cake
    """)
    site.write(f"images/{HOSTILE}/lead.jpg", jpeg())
    site.write("posts/news/lead.md", f"""
        ---
        title: Lead
        date: 2026-07-01
        image: "images/{HOSTILE}/lead.jpg"
        ---
        Text.
    """)


def test_no_generated_address_leaves_the_site_or_misses_its_file(site):
    write_hostile_names(site)
    assert site.build() == 0, site.messages
    pages = sorted(p for p in site.output.rglob("*.html") if "pagefind" not in p.parts)
    checked = 0
    for page in pages:
        for attribute, url in addresses(page, site.output):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or "tracker" not in unquote(url):
                continue
            checked += 1
            assert parts.netloc == "127.0.0.1:8000", (page.name, attribute, url)
            assert (site.output / unquote(parts.path).lstrip("/")).is_file(), \
                (page.name, attribute, url)
    # The gallery's thumbnails and copies, its picture page, the post's card and lead image.
    assert checked >= 10
