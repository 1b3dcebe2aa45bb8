"""The file system questions reading asks are recorded, and a changed answer is noticed."""

from __future__ import annotations

import os

from markdown import markdown
from shelfcast_sitekit import filechecks
from shelfcast_sitekit.documents import read_content_file
from sitetools import KIT_SITE

PICTURE = (KIT_SITE / "content/images/site-card.png").read_bytes()


def test_questions_are_recorded_only_while_recording(tmp_path):
    present = tmp_path / "present.png"
    present.write_bytes(PICTURE)
    assert filechecks.is_file(str(present))  # outside recording: just the answer
    with filechecks.recording() as answers:
        assert filechecks.is_file(str(present))
        assert not filechecks.is_file(str(tmp_path / "absent.png"))
        assert filechecks.head(str(present)) == PICTURE[:filechecks.HEAD_BYTES]
        assert filechecks.real_path(str(present)) == os.path.realpath(present)
    assert answers == {("is_file", str(present)): True,
                       ("is_file", str(tmp_path / "absent.png")): False,
                       ("head", str(present)): PICTURE[:filechecks.HEAD_BYTES],
                       ("real_path", str(present)): os.path.realpath(present)}
    assert filechecks.is_file(str(present))
    assert len(answers) == 4  # recording stopped with the block


def test_a_changed_answer_is_noticed(tmp_path):
    image, absent, link = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    image.write_bytes(PICTURE)
    link.symlink_to(image)
    with filechecks.recording() as answers:
        filechecks.is_file(str(absent))
        filechecks.head(str(image))
        filechecks.real_path(str(link))
    assert filechecks.unchanged(answers)
    (tmp_path / "unrelated.png").write_bytes(PICTURE)
    assert filechecks.unchanged(answers)  # a file nobody asked about changes nothing
    absent.write_bytes(PICTURE)
    assert not filechecks.unchanged(answers)
    absent.unlink()
    image.write_bytes(b"not a picture")
    assert not filechecks.unchanged(answers)
    image.write_bytes(PICTURE)
    link.unlink()
    link.symlink_to(absent)
    assert not filechecks.unchanged(answers)
    link.unlink()
    link.symlink_to(image)
    image.unlink()
    assert not filechecks.unchanged(answers)  # head of a file that is gone: changed


POST = """---
title: Photos
date: 2024-01-01
image: images/cover.png
---
![Room](images/room.png) and [the plan]({static}/files/plan.pdf)
"""


def test_reading_a_post_records_every_linked_file(tmp_path):
    """The front matter image, a body image and a {static} link: adding any of them (all are
    missing at first) changes an answer, so the read cache would read the post again."""
    content = tmp_path / "content"
    (content / "posts/news").mkdir(parents=True)
    source = content / "posts/news/photos.md"
    source.write_text(POST, encoding="utf-8")
    with filechecks.recording() as answers:
        result = read_content_file(POST.encode(), str(source), str(content), "article",
                                   markdown)
    assert len([p for p in result.problems if "does not exist" in p.message]) == 3
    for name, data in (("images/cover.png", PICTURE), ("images/room.png", PICTURE),
                       ("files/plan.pdf", b"%PDF-1.4")):
        target = content / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        assert not filechecks.unchanged(answers), name
        target.unlink()
        assert filechecks.unchanged(answers), name
