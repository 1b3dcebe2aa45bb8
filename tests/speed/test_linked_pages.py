"""A warm build links the pages it takes from the last build, and never writes into them.

A page the page cache takes again is a hard link to the previous output's file
(shelfcast_sitekit.pagecache.PageCacheWriter): the same bytes, no file written. A hard link
is the previous output's own file, so anything writing into it in place would change output/
under the feet of a reader (and of a build that fails, which must leave output/ as it was).
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from pelican.utils import sanitised_join
from PIL import Image
from shelfcast_sitekit import pagecache
from shelfcast_sitekit.pictures import strip_metadata
from sitetools import tree_digest
from test_page_cache import append, build, counts, post, site_with_posts


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*.html") if p.is_file()}


def test_a_body_edit_writes_one_page_file_and_links_the_others(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    before = inodes(site.output)
    append(site.content / "posts/news/post-4.md", "\nA sentence added later.\n")
    build(site)

    after = inodes(site.output)
    assert "A sentence added later." in site.read("posts/2024/post-4.html")
    assert counts(site)["rendered"] == 1
    assert after["posts/2024/post-4.html"] != before["posts/2024/post-4.html"]
    linked = [name for name in before if name != "posts/2024/post-4.html"
              and after.get(name) == before[name]]
    # Every page but the edited one is the previous build's file (the count the cache says
    # it reused: pages are the .html files the writer wrote).
    assert len(linked) == counts(site)["reused"], sorted(set(before) - set(linked))


def test_a_reader_of_output_keeps_its_files_through_a_warm_build_and_a_failed_one(tmp_path):
    site = site_with_posts(tmp_path / "site")
    build(site)
    # A reader (a web server, rsync) that has output/'s files open: links hold the same files.
    held = tmp_path / "held"
    held.mkdir()
    seen = tree_digest(site.output)
    for name in seen:
        (held / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(site.output / name, held / name)

    # A title edit renders the post and the listings again and links the rest.
    path = site.content / "posts/news/post-3.md"
    path.write_text(post(3).replace("title: Post 3", "title: Renamed post"), encoding="utf-8")
    build(site)
    assert 1 < counts(site)["rendered"] < counts(site)["reused"]
    assert tree_digest(held) == seen
    assert "Renamed post" in site.read("index.html")

    # A build that fails after linking pages leaves output/ and the reader's files as they were.
    published = tree_digest(site.output)
    append(site.content / "posts/news/post-5.md", "\nAnother sentence.\n")
    site.write("posts/news/broken.md", "---\ntitle: Broken\ndate: not a date\n---\nText.\n")
    assert site.build(BUILD_NOW="2026-06-01T12:00:00+02:00", SEARCH={"index": False}) != 0
    assert tree_digest(site.output) == published
    assert tree_digest(held) == seen


def test_a_second_write_to_a_linked_page_is_a_new_file(tmp_path):
    """Pelican writes a path twice when a page overrides another's output (override_output):
    opening the linked file for writing would truncate the previous build's file."""
    previous, staging = tmp_path / "output", tmp_path / "output.new-1"
    previous.mkdir()
    staging.mkdir()
    (previous / "index.html").write_text("the last build's page", encoding="utf-8")
    settings = {"OUTPUT_PATH": str(staging), "PATH": str(tmp_path),
                "CACHE_PATH": str(tmp_path / ".cache")}
    pagecache.start(settings)
    writer = pagecache.PageCacheWriter(str(staging), settings)
    page = jinja2.Environment().from_string("{{ text }}")
    # As the page cache leaves it when it takes index.html from the last build:
    pagecache.page_cache(settings).taken[sanitised_join(str(staging), "index.html")] = str(
        previous / "index.html")
    writer.write_file("index.html", page, {"text": "the last build's page"})
    assert (staging / "index.html").stat().st_ino == (previous / "index.html").stat().st_ino

    writer.write_file("index.html", page, {"text": "the overriding page"}, override_output=True)

    assert (staging / "index.html").read_text(encoding="utf-8") == "the overriding page"
    assert (previous / "index.html").read_text(encoding="utf-8") == "the last build's page"


def test_stripping_a_linked_picture_leaves_the_other_link_as_it_was(tmp_path):
    """The picture stripper runs over output/ after pictures were linked from the last
    build or a cache: it writes a new file, never into the shared one."""
    picture = tmp_path / "cover.jpg"
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make: personal metadata the stripper removes
    exif[0x0132] = "2020:01:01 10:00:00"
    Image.new("RGB", (8, 8), "navy").save(picture, exif=exif.tobytes())
    original = picture.read_bytes()
    published = tmp_path / "output-cover.jpg"
    os.link(picture, published)

    assert strip_metadata(str(published))

    assert picture.read_bytes() == original
    assert published.read_bytes() != original
