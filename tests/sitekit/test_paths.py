"""relative_path gives os.path.relpath's answer, whatever the paths look like."""

from __future__ import annotations

import os

import pytest
from shelfcast_sitekit.paths import relative_path

CASES = [
    ("/site/content/posts/a.md", "/site/content"),
    ("/site/content/posts/.hidden/a.md", "/site/content"),
    ("/site/content/../content/posts/a.md", "/site/content"),
    ("/site/content/./posts/a.md", "/site/content"),
    ("/site/content//posts/a.md", "/site/content"),
    ("/site/content/posts/", "/site/content"),
    ("/site/content/posts/a.md", "/site/content/"),
    ("/site/contents/a.md", "/site/content"),
    ("/site/content", "/site/content"),
    ("/elsewhere/a.md", "/site/content"),
    ("//site/content/a.md", "//site/content"),
    ("content/posts/a.md", "content"),
    ("/site/content/posts/a.md", "content"),
    ("posts/a.md", os.getcwd()),
]


@pytest.mark.parametrize(("path", "folder"), CASES)
def test_the_answer_is_relpaths(path, folder):
    assert relative_path(path, folder) == os.path.relpath(path, folder)


def test_a_post_under_the_content_folder():
    assert relative_path("/site/content/posts/news/a.md", "/site/content") == "posts/news/a.md"
