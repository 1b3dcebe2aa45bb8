"""Issue 20 acceptance for imports and mail: a hostile WordPress export, a hostile feed and
hostile e-mails, each imported into a library's repository (a git repository made from the
project) with and without --download. `git status` shows changes only under content/ (and the
import report the tasks write at the root), and `invoke check` passes or names the problem."""

from __future__ import annotations

import subprocess

import pytest
from security.harness import LANDING_SECONDS, run_case
from security.hostile_imports import (
    HOSTS,
    crlf_from_mail,
    deep_mail,
    hostile_export,
    hostile_feed,
    routes,
    traversal_name_mail,
)
from security.servers import serve
from sitetools import copy_project, write_content

# What a library's repository ignores (the kit's .gitignore): the build's and check's output.
GITIGNORE = ".venv\noutput/\n.cache/\n__pycache__/\n"
REPORT = "import-report.md"


def git(project, *arguments) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.org",
                           *arguments], cwd=project, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def repository(tmp_path):
    project = copy_project(tmp_path / "library")
    write_content(project / "content", "posts/books/winter.md",
                  "---\ntitle: Winter reading\ndate: 2026-10-01\n---\nWhat are you reading?\n")
    (project / ".gitignore").write_text(GITIGNORE)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The library's site")
    return project


def changed_outside_content(project) -> list[str]:
    lines = git(project, "status", "--porcelain", "--untracked-files=all").splitlines()
    paths = [line[3:] for line in lines]
    return [p for p in paths if not p.startswith("content/") and p != REPORT]


def run_task(project, tmp_path, *arguments, timeout: float = 60):
    result = run_case(["-m", "invoke", *arguments], cwd=project, watch=[tmp_path],
                      allowed=[project / "content", project / REPORT, project / ".cache",
                               project / ".git"], hosts=HOSTS, timeout=timeout)
    assert "Traceback" not in result.output, result.output
    result.assert_contained()
    return result


def check_passes_or_names_the_problem(project, tmp_path, problem_in: str | None) -> None:
    """`invoke check` passes, or (problem_in given) fails naming a file under it."""
    check = run_task(project, tmp_path, "check", timeout=600)
    if problem_in is None:
        assert check.code == 0, check.output
    else:
        assert check.code != 0 and f"{problem_in}" in check.output, check.output
    assert changed_outside_content(project) == []


def hostile_sources(kind: str, tmp_path, base: str) -> list[str]:
    if kind == "wordpress":
        export = tmp_path / "export.xml"
        export.write_text(hostile_export(base), encoding="utf-8")
        return ["import-wordpress", str(export)]
    chapters = tmp_path / "chapters.json"
    chapters.write_text('{"chapters": [{"startTime": 0, "title": "LOCAL SECRET"}]}')
    feed = tmp_path / "feed.xml"
    feed.write_text(hostile_feed(base, str(chapters)), encoding="utf-8")
    return ["import-feed", str(feed), "--show", "hostile"]


@pytest.mark.parametrize("kind", ["wordpress", "feed"])
def test_a_hostile_import_changes_only_content(repository, tmp_path, kind):
    with serve(routes(slow_every=0.5)) as base:
        arguments = hostile_sources(kind, tmp_path, base.replace("127.0.0.1", "uploads.example"))
        plain = run_task(repository, tmp_path, *arguments)
        downloaded = run_task(repository, tmp_path, *arguments, "--download", "--allow-local",
                              "--timeout", "2")
    for result in (plain, downloaded):
        assert result.dialled == [], result.dialled
        result.assert_bounded(seconds=LANDING_SECONDS)
        if kind == "feed":
            # Refused, nothing landed: with --download for the files it may not fetch; without,
            # by the import's staged check (issue 25): the episodes keep file: audio addresses
            # and the show has no category.
            result.assert_refused("nothing was imported")
    if kind == "feed":
        plain.assert_refused("would not build", "content/podcasts/hostile/")
    assert changed_outside_content(repository) == []
    assert not list(tmp_path.rglob("PWNED"))
    # What landed (the export's posts and comments) builds: the check passes.
    check_passes_or_names_the_problem(repository, tmp_path, None)


def test_hostile_mails_change_only_content(repository, tmp_path):
    for number, data in enumerate((crlf_from_mail(), deep_mail(), traversal_name_mail())):
        eml = tmp_path / f"mail-{number}.eml"
        eml.write_bytes(data)
        result = run_task(repository, tmp_path, "add-comment", "winter-reading",
                          "--from-mail", str(eml))
        result.assert_bounded()
    assert changed_outside_content(repository) == []
    assert [p for p in git(repository, "status", "--porcelain", "--untracked-files=all")
            .splitlines() if "comments/winter-reading/" in p]
    check_passes_or_names_the_problem(repository, tmp_path, None)
