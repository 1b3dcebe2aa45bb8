"""`invoke add-comment <post> --from-mail <file.eml>` in a copy of the project: a real e-mail
(made with the standard library) becomes a comment file holding only the name and the text,
and the next build shows it."""

from __future__ import annotations

import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import yaml
from lxml import html
from sitetools import copy_project, write_content

INVOKE = Path(sys.executable).with_name("invoke")
POST = """
    ---
    title: Winter reading
    date: 2026-10-01
    ---
    What are you reading?
"""


def reader_mail() -> bytes:
    mail = EmailMessage()
    mail["From"] = '"Maja Sørensen" <maja.sorensen@example.net>'
    mail["To"] = "comments@library.example.org"
    mail["Subject"] = "Winter reading"
    mail["Date"] = "Tue, 06 Oct 2026 18:42:00 +0200"
    mail["Message-ID"] = "<1234@example.net>"
    mail.set_content("I loved <b>Roseanna</b>!\n\nMore crime, please.\n\n"
                     "On Mon, 5 Oct 2026 the library wrote:\n> What are you reading?\n"
                     "-- \nMaja Sørensen\nBakkevej 3, 8000 Aarhus\n")
    mail.add_alternative("<p>I loved Roseanna!</p>", subtype="html")
    return mail.as_bytes()


def run_invoke(root: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=root, capture_output=True, text=True,
                          timeout=120, check=False)


def test_an_eml_becomes_a_comment_with_only_name_and_text(tmp_path):
    project = copy_project(tmp_path / "library")
    write_content(project / "content", "posts/books/readers-winter.md", POST)
    eml = tmp_path / "from-maja.eml"
    eml.write_bytes(reader_mail())
    done = run_invoke(project, "add-comment", "winter-reading", "--from-mail", str(eml))
    assert done.returncode == 0, done.stderr + done.stdout
    files = list((project / "content" / "comments" / "winter-reading").glob("*.yaml"))
    assert [f.name for f in files] == ["2026-10-06-maja.yaml"]
    written = files[0].read_text(encoding="utf-8")
    fields = yaml.safe_load(written)
    assert fields == {"name": "Maja", "date": "2026-10-06 18:42",
                      "text": "I loved <b>Roseanna</b>!\n\nMore crime, please.",
                      "pending": True}
    for private in ("example.net", "Sørensen", "Bakkevej", "1234", "What are you reading"):
        assert private not in written
    post_page = project / "output/posts/2026/winter-reading.html"
    build = run_invoke(project, "build")
    assert build.returncode == 0, build.stderr + build.stdout
    # Not on the site until a moderator has read it...
    assert html.fromstring(post_page.read_text()).xpath("//article[@class='comment']") == []
    # ...and approved it by deleting the line.
    files[0].write_text(written.replace("pending: true\n", ""), encoding="utf-8")
    build = run_invoke(project, "build")
    assert build.returncode == 0, build.stderr + build.stdout
    page = html.fromstring(post_page.read_text())
    assert page.xpath("//article[@class='comment']//strong/text()") == ["Maja"]


def test_an_unknown_post_is_refused(tmp_path):
    project = copy_project(tmp_path / "library")
    eml = tmp_path / "m.eml"
    eml.write_bytes(reader_mail())
    done = run_invoke(project, "add-comment", "no-such-post", "--from-mail", str(eml))
    assert done.returncode == 1
    assert "there is no post with the slug 'no-such-post'" in done.stderr + done.stdout
    assert not (project / "content" / "comments" / "no-such-post").exists()
