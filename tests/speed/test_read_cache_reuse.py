"""Adding files reads again only the posts they concern (issue 13: "episode added" was as
slow as a cold build because any new file under content/ threw the whole read cache away).

The read cache stores one entry per reading under .cache/sitekit-read/; a post read again
after a change adds one (and the entry it replaces is pruned at the end of the build). The
entries that are new after a build tell how many files it read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import readpacks
from sitetools import KIT_SITE, Site

PICTURE = KIT_SITE / "content/images/site-card.png"
SHOW = KIT_SITE / "content/podcasts/book-talk"
MP3 = (bytes([0xFF, 0xF3, 0x40, 0xC0]) + bytes(100)) * 40


def entries(site: Site) -> set[str]:
    return readpacks.keys(site.root)


def post(number: int, body: str = "") -> str:
    return f"---\ntitle: Post {number}\ndate: 2024-01-{number + 1:02d}\n---\nText.\n{body}"


def episode(number: int) -> str:
    return (f"---\ntitle: Episode {number}\ndate: 2024-02-0{number}\naudio: audio/ep{number}.mp3"
            f"\nguid: reuse-{number}\n---\nNotes.\n")


def build(site: Site) -> None:
    assert site.build(SEARCH={"index": False}) == 0, site.messages


def test_new_files_read_only_what_they_concern(tmp_path: Path):
    site = Site(tmp_path)
    for number in range(5):
        site.write(f"posts/news/post-{number}.md", post(number))
    site.write("posts/news/photo.md", post(9, "![Photo](../../images/photo.png)\n"))
    shutil.copy(PICTURE, site.content / "images/photo.png")
    site.write("podcasts/book-talk/audio/ep1.mp3", MP3)
    for name in ("show.yaml", "cover.png"):
        shutil.copy(SHOW / name, site.content / "podcasts/book-talk" / name)
    site.write("podcasts/book-talk/ep1.md", episode(1))
    build(site)
    cold = entries(site)
    assert len(cold) >= 7  # six posts and an episode (plus any page the kit adds)

    site.write("images/unrelated.png", PICTURE.read_bytes())
    site.write("podcasts/book-talk/audio/ep2.mp3", MP3)
    site.write("podcasts/book-talk/ep2.md", episode(2))
    build(site)
    warm = entries(site)
    assert len(warm - cold) == 1 and cold <= warm  # the new episode only

    # A picture next to the post now: its link resolves there first, so it reads again.
    shutil.copy(PICTURE, site.content / "posts/news/photo.png")
    (site.content / "posts/news/photo.md").write_text(
        post(9, "![Photo](photo.png)\n"), encoding="utf-8")
    build(site)
    assert len(entries(site) - warm) == 1  # the post only
    assert len(warm - entries(site)) == 1  # its old entry, pruned


def test_a_build_stopped_by_an_unexpected_error_keeps_what_it_read(tmp_path: Path):
    """A plugin that raises after every post was read (a bug, a full disk in a plugin's own
    write): the output stays as it was, and the next build does not read every post again."""
    import pytest
    from pelican import signals

    site = Site(tmp_path)
    for number in range(5):
        site.write(f"posts/news/post-{number}.md", post(number))

    def broken_plugin(pelican):
        raise RuntimeError("a plugin broke")

    signals.finalized.connect(broken_plugin)
    try:
        with pytest.raises(RuntimeError, match="a plugin broke"):
            site.build(SEARCH={"index": False})
    finally:
        signals.finalized.disconnect(broken_plugin)
    assert not site.output.exists()
    assert len(entries(site)) >= 5
