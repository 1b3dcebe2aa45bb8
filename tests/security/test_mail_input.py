"""Issue 20, case 14 (mail part) and the write guard for `invoke add-comment`: a hostile .eml
gives one clear message or a comment file inside the post's comment folder, never a traceback
and never a file elsewhere."""

from __future__ import annotations

import re

import pytest
from security.harness import run_case
from security.hostile_imports import crlf_from_mail, deep_mail, traversal_name_mail
from sitetools import copy_project, write_content

POST = "---\ntitle: Winter reading\ndate: 2026-10-01\n{extra}---\nWhat are you reading?\n"


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "library")
    write_content(project / "content", "posts/books/winter.md", POST.format(extra=""))
    return project


def add_comment(project, tmp_path, post: str, data: bytes):
    eml = tmp_path / "reader.eml"
    eml.write_bytes(data)
    return run_case(["-m", "invoke", "add-comment", post, "--from-mail", str(eml)],
                    cwd=project, watch=[tmp_path], allowed=[project / "content" / "comments"])


@pytest.mark.parametrize(("mail", "words"), [
    (crlf_from_mail, ["reader.eml", "From:", "line break"]),
    (deep_mail, ["reader.eml", "nested parts"])])
def test_case_14_a_broken_mail_gives_one_clear_message(project, tmp_path, mail, words):
    result = add_comment(project, tmp_path, "winter-reading", mail())
    result.assert_refused(*words)
    result.assert_contained()
    result.assert_bounded()
    assert not (project / "content/comments/winter-reading").exists()


def test_names_from_the_mail_stay_inside_the_posts_comment_folder(project, tmp_path):
    comments = project / "content/comments"
    before = set(comments.rglob("*"))
    result = add_comment(project, tmp_path, "winter-reading", traversal_name_mail())
    assert result.code == 0, result.output
    result.assert_contained()
    added = sorted(p.relative_to(comments).as_posix() for p in set(comments.rglob("*")) - before)
    assert len(added) == 2 and added[0] == "winter-reading", added
    assert re.fullmatch(r"winter-reading/2026-10-06-[a-z0-9-]*evil\.yaml", added[1]), added


def test_a_post_slug_that_leads_outside_stops_add_comment(project, tmp_path):
    write_content(project / "content", "posts/books/odd.md",
                  POST.format(extra="slug: ../../../outside\n"))
    result = add_comment(project, tmp_path, "../../../outside", traversal_name_mail())
    result.assert_refused("outside", "nothing was written")
    result.assert_contained()


@pytest.mark.parametrize(("headers", "body", "words"), [
    ("Content-Type: text/plain; charset=x-evil\r\n", "Hello", "unknown character set"),
    ("Content-Type: text/html\r\n", "<!-- only a comment -->", "no text of its own")])
def test_odd_text_parts_give_one_clear_message(headers, body, words):
    from shelfcast_comments.mail import MailError, comment_from_mail

    mail = ("From: Anna <anna@example.net>\r\nDate: Tue, 06 Oct 2026 18:42:00 +0200\r\n"
            f"{headers}\r\n{body}\r\n").encode()
    with pytest.raises(MailError, match=words):
        comment_from_mail(mail)
