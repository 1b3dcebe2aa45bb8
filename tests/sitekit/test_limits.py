"""Unit tests for the site kit's limits and boundaries: plain functions over plain data."""

import os

from PIL import Image
from shelfcast_sitekit.boundaries import image_problem, outside_links
from shelfcast_sitekit.limits import nesting_problems, read_limits, read_text_file
from shelfcast_sitekit.problems import shorten


def test_an_ordinary_nested_list_and_deep_code_in_a_fence_pass():
    text = "- one\n    - two\n        - three\n\n```\n" + " " * 400 + "code\n```\n"
    assert nesting_problems("a.md", text, 5, 50) == []


def test_an_unclosed_fence_does_not_hide_a_deep_list():
    # Markdown renders an unclosed fence's lines as text, so they are counted.
    text = "```\n" + "> " * 60 + "deep\n"
    problems = nesting_problems("a.md", text, 5, 50)
    assert [(p.line, p.path) for p in problems] == [(6, "a.md")]
    assert "nested 60 levels" in problems[0].message


def test_limits_default_and_are_checked():
    limits, problems = read_limits({})
    assert problems == [] and limits["max_nesting"] == 50
    limits, problems = read_limits({"SITEKIT": {"max_nesting": 8, "max_text_bytes": -1,
                                                "max_depth": 3}})
    assert limits["max_nesting"] == 8 and limits["max_text_bytes"] == 2_000_000
    assert sorted(p.message.split()[0] for p in problems) == ["max_depth", "max_text_bytes"]
    assert all(str(p).startswith("pelicanconf.py: SITEKIT: ") for p in problems)


def test_a_file_over_the_limit_is_not_read(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 3000)
    data, problems = read_text_file(str(path), "content/big.md", 2000)
    assert data is None
    assert str(problems[0]).startswith("content/big.md: the file is 0.0 MB, more than")


def test_shorten_cuts_long_values_and_keeps_short_ones():
    assert shorten("draft") == "'draft'"
    assert len(shorten("x" * 10_000)) <= 42
    assert len(shorten(list(range(10_000)))) <= 40


def test_links_outside_content_and_loops_are_named_links_inside_are_not(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "a.png").write_bytes(b"png")
    os.symlink(content / "images" / "a.png", content / "images" / "same.png")
    os.symlink("/etc/passwd", content / "images" / "passwd")
    os.symlink(content, content / "images" / "loop")
    problems = outside_links(str(content), lambda p: os.path.relpath(p, tmp_path))
    assert [p.path for p in problems] == ["content/images/loop", "content/images/passwd"]
    assert "holds the link itself" in problems[0].message
    assert "outside content/" in problems[1].message


def test_an_image_is_judged_by_name_and_bytes(tmp_path):
    Image.new("RGB", (4, 4)).save(tmp_path / "real.png")
    (tmp_path / "fake.png").write_text("---\ntitle: draft\n---\n")
    (tmp_path / "notes.md").write_text("---\ntitle: draft\n---\n")
    assert image_problem(str(tmp_path / "real.png")) is None
    assert "does not hold an image" in image_problem(str(tmp_path / "fake.png"))
    assert "is not an image" in image_problem(str(tmp_path / "notes.md"))


def test_the_html_allowlist_and_the_limits_share_one_setting():
    from shelfcast_sitekit.limits import read_limits

    limits, problems = read_limits({"SITEKIT": {"max_nesting": 20,
                                                "html_allow": {"tags": ["kbd"]}}})
    assert problems == [] and limits["max_nesting"] == 20
