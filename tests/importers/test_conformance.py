"""Conformance with WordPress's own importer: every export of its test suite
(WordPress/wordpress-importer, phpunit/data/) imports into a new library with
`invoke import-wordpress`, `invoke check` passes at once, and the numbers of published posts,
pages, drafts and approved comments are WordPress's. The three files its tests expect to be
refused are refused with a clear message and nothing written.

The exports are third-party data and are never committed: the project's owner places them in
../shared/fixtures/wordpress-importer/, or SHELFCAST_WP_IMPORTER_DATA names a folder holding
them (`git show HEAD:phpunit/data/<file>` of a clone of the repository).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import etree
from sitetools import SHARED, new_library, require_shared, tree_digest

INVOKE = Path(sys.executable).with_name("invoke")
DATA_VARIABLE = "SHELFCAST_WP_IMPORTER_DATA"
RELATIVE = "fixtures/wordpress-importer"
WHAT = "WordPress/wordpress-importer phpunit/data"
# phpunit/tests/parser.php: test_malformed_wxr, test_invalid_wxr.
REFUSED = {"malformed.xml", "missing-version-tag.xml", "invalid-version-tag.xml"}


@dataclass(frozen=True)
class Counts:
    posts: int      # published posts (publish, future; no password)
    pages: int      # published pages
    drafts: int     # draft, pending, private and password-protected posts and pages
    comments: int   # approved comments on published posts


# What WordPress's tests state outright (phpunit/tests/import.php, test_small_import: 5
# published posts and 1 private, 4 published pages and 1 draft, 1 comment).
WORDPRESS_SAYS = {"small-export.xml": Counts(posts=5, pages=4, drafts=2, comments=1)}
# Files strict XML cannot read, with what WordPress's tolerant parser finds (parser.php,
# test_unescaped_cdata_closing_sequence: one published post).
# namespace-edge-cases.xml, test_namespace_edge_cases: six items, one without a post type
# (its wp: prefix is rebound), which WordPress's importer skips ("Invalid post type").
TOLERANT_ONLY = {"crazy-cdata.xml": Counts(posts=1, pages=0, drafts=0, comments=0),
                 "namespace-edge-cases.xml": Counts(posts=5, pages=0, drafts=0, comments=0)}
# An interrupted export (it ends inside an item): refused as cut off, as ours always was;
# WordPress's tests only check that parsing it emits no PHP warnings.
CUT_OFF = {"malformed-simple.xml"}
WP = "{http://wordpress.org/export/1.2/}"


def data_folder() -> Path | None:
    given = os.environ.get(DATA_VARIABLE)
    folder = Path(given) if given else SHARED / RELATIVE
    return folder if folder.is_dir() else None


def exports() -> list:
    folder = data_folder()
    if folder is None:
        return [pytest.param(None, id="missing")]
    return [pytest.param(p, id=p.name) for p in sorted(folder.glob("*.xml"))
            if p.stat().st_size]


def wordpress_counts(export: Path) -> Counts:
    """WordPress's numbers: stated by its tests, else counted by its rules from the XML."""
    if export.name in WORDPRESS_SAYS or export.name in TOLERANT_ONLY:
        return {**WORDPRESS_SAYS, **TOLERANT_ONLY}[export.name]
    root = etree.parse(str(export)).getroot()
    wp = {root.nsmap.get("wp")}
    counts = {"post": 0, "page": 0, "drafts": 0, "comments": 0}
    for item in root.iter("item"):
        fields = {etree.QName(c).localname: (c.text or "").strip() for c in item
                  if isinstance(c.tag, str) and etree.QName(c).namespace in wp}
        kind, status = fields.get("post_type"), fields.get("status")
        if kind not in ("post", "page") or status in ("trash", "auto-draft", "inherit"):
            continue
        if status in ("publish", "future") and not fields.get("post_password"):
            counts[kind] += 1
            # The site shows comments under published posts only (not under pages).
            counts["comments"] += _approved(item, wp) if kind == "post" else 0
        else:
            counts["drafts"] += 1
    return Counts(counts["post"], counts["page"], counts["drafts"], counts["comments"])


def _approved(item, wp: set) -> int:
    """Approved comments, not pingbacks or trackbacks (WordPress lists those apart)."""
    found = 0
    for comment in item:
        if isinstance(comment.tag, str) and etree.QName(comment).namespace in wp \
                and etree.QName(comment).localname == "comment":
            values = {etree.QName(c).localname: (c.text or "").strip() for c in comment}
            if values.get("comment_approved") == "1" and values.get("comment_type") not in (
                    "pingback", "trackback"):
                found += 1
    return found


def imported_counts(content: Path) -> Counts:
    """The same numbers, read from the files the import wrote."""
    def fronts(folder: str):
        for path in sorted((content / folder).rglob("*.md")):
            yield yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    posts = [f.get("status") for f in fronts("posts")]
    pages = [f.get("status") for f in fronts("pages")]
    comments = list((content / "comments").rglob("*.yaml"))
    return Counts(posts.count(None), pages.count(None),
                  (posts + pages).count("draft"), len(comments))


def invoke(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.mark.parametrize("export", exports())
def test_every_export_wordpress_reads_imports_and_builds(export, tmp_path):
    if export is None:
        require_shared(RELATIVE, WHAT)
    project = new_library(tmp_path / "library")
    before = tree_digest(project / "content")
    done = invoke(project, "import-wordpress", str(export))
    if export.name in REFUSED | CUT_OFF:
        assert done.returncode == 1, done.stdout
        expected = "is cut off" if export.name in CUT_OFF else "is not a WordPress export"
        assert expected in done.stderr and "nothing was imported" in done.stderr
        assert "Traceback" not in done.stderr
        assert tree_digest(project / "content") == before, "a refused export wrote nothing"
        assert not (project / "import-report.md").exists()
        return
    assert done.returncode == 0, done.stdout + done.stderr
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert imported_counts(project / "content") == wordpress_counts(export)
