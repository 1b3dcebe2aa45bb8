"""Acceptance: a Swedish library made from kit N takes N+1 with `invoke upgrade`, without a
conflict; a broken N+1 leaves kit N exactly as it was."""

from pathlib import Path

from lxml import html
from shelfcast_sitekit.kitversion import kit_manifest
from sitetools import tree_digest
from upgradetools import (
    BROKEN_PLUGIN,
    NEW,
    OLD,
    git,
    invoke,
    kit_version_n_plus_1,
    release,
    swedish_library,
    upstream_with_version_n,
)

GENERATED = (".git", ".cache", "output", "__pycache__")


def library_files(library: Path) -> dict:
    manifest = kit_manifest(library)
    return {path: digest for path, digest in tree_digest(library).items()
            if manifest.is_library(path)}


def whole_tree(library: Path) -> dict:
    """Every file but git's own and what builds write (ignored by .gitignore)."""
    return {path: digest for path, digest in tree_digest(library).items()
            if not set(path.split("/")) & set(GENERATED)}


def test_init_changes_only_the_librarys_paths(tmp_path):
    _work, upstream = upstream_with_version_n(tmp_path)
    library = swedish_library(tmp_path, upstream)
    changed = git(library, "diff", "--name-only", f"v{OLD}", "HEAD").split()
    manifest = kit_manifest(library)
    assert changed and [path for path in changed if not manifest.is_library(path)] == []
    assert "library.py" in changed and "overrides/site.css" in changed


def test_a_library_takes_the_next_version_without_a_conflict(tmp_path):
    work, upstream = upstream_with_version_n(tmp_path)
    library = swedish_library(tmp_path, upstream)
    own = library_files(library)
    kit_version_n_plus_1(work)
    release(work, upstream, NEW)

    done = invoke(library, "upgrade", "--to", f"v{NEW}")
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert f"Shelfcast {OLD} -> {NEW}" in said
    assert "A greeting from the hello plugin." in said and "Rename ARCHIVE" in said
    assert "ARCHIVE is now CLOSED_PARTS" in said  # named, not yet rewritten (not asked)
    assert "Content checked: no errors." in said
    assert library_files(library) == own  # content, settings and overrides byte-identical
    assert git(library, "status", "--porcelain") == ""
    assert git(library, "log", "-1", "--format=%s").strip() == \
        f"Shelfcast {NEW} (upgraded from {OLD})"
    assert git(library, "diff", "--name-only", f"v{NEW}", "HEAD", "--", ".", ":!content",
               ":!library.py", ":!overrides") == ""  # the kit's files are N+1's exactly
    assert not (library / "content" / "posts" / "news").exists()  # the demo stays upstream's
    assert invoke(library, "version").stdout == f"Shelfcast {NEW}\n"
    older = invoke(library, "upgrade", "--to", f"v{OLD}")
    assert older.returncode == 1 and "older than this repository's" in older.stderr

    rewritten = invoke(library, "settings-moves", "--rewrite")
    assert rewritten.returncode == 0, rewritten.stdout + rewritten.stderr
    settings = (library / "library.py").read_text(encoding="utf-8")
    assert "CLOSED_PARTS = {\"gamla\"" in settings and "ARCHIVE" not in settings

    built = invoke(library, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "ARCHIVE" not in built.stderr
    output = library / "output"
    assert (output / "hello.txt").read_text(encoding="utf-8") == "Hej från N+1"
    home = html.fromstring((output / "index.html").read_text(encoding="utf-8"))
    assert home.xpath("string(//meta[@name='generator']/@content)") == f"Shelfcast {NEW}"
    assert home.xpath("string(//meta[@name='kit-test']/@content)") == "n+1"
    assert home.get("lang") == "sv"
    stylesheets = home.xpath("//link[@rel='stylesheet']/@href")
    assert stylesheets[-1].endswith("theme/site.css")  # the library's own CSS, last
    assert (output / "theme" / "site.css").read_text() == "body { font-family: Georgia, serif; }\n"
    assert 'id="malmo-404"' in (output / "404.html").read_text(encoding="utf-8")
    assert (output / "posts" / "2026" / "vinterlasning.html").exists()
    assert list((output / "podcasts").rglob("*.xml")) or list(output.rglob("*bokprat*"))


def test_a_broken_next_version_leaves_the_old_kit_exactly(tmp_path):
    work, upstream = upstream_with_version_n(tmp_path)
    library = swedish_library(tmp_path, upstream)
    kit_version_n_plus_1(work, plugin=BROKEN_PLUGIN)
    release(work, upstream, NEW)
    before, head = whole_tree(library), git(library, "rev-parse", "HEAD")

    done = invoke(library, "upgrade", "--to", "v0.9", "--yes")  # the newest 0.9.x: N+1
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "Renamed them in library.py." in said  # accepted (--yes), then undone below
    assert f"Shelfcast {OLD} is back in place exactly as it was" in said
    assert "Traceback (most recent call last)" not in done.stdout
    assert whole_tree(library) == before  # library.py too: its rewrite was undone
    assert git(library, "rev-parse", "HEAD") == head
    assert git(library, "status", "--porcelain") == ""


def test_uncommitted_or_edited_kit_files_stop_the_upgrade_first(tmp_path):
    work, upstream = upstream_with_version_n(tmp_path)
    library = swedish_library(tmp_path, upstream)
    kit_version_n_plus_1(work)
    release(work, upstream, NEW)
    template = library / "themes" / "shelfcast" / "templates" / "404.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- ours -->\n")
    before = whole_tree(library)

    dirty = invoke(library, "upgrade", "--to", f"v{NEW}")
    assert dirty.returncode == 1
    assert "themes/shelfcast/templates/404.html" in dirty.stderr
    assert "Commit them or undo them" in dirty.stderr and "Traceback" not in dirty.stderr

    git(library, "commit", "-q", "-am", "our 404 page")
    edited = invoke(library, "upgrade", "--to", f"v{NEW}")
    assert edited.returncode == 1
    assert "themes/shelfcast/templates/404.html: copy your version to " \
        "overrides/templates/404.html" in edited.stdout
    assert "--replace-edited" in edited.stderr
    assert whole_tree(library) == before


def test_a_release_archive_upgrades_like_a_tag(tmp_path):
    work, upstream = upstream_with_version_n(tmp_path)
    library = swedish_library(tmp_path, upstream)
    kit_version_n_plus_1(work)
    release(work, upstream, NEW)
    archive = tmp_path / f"shelfcast-{NEW}.tar.gz"
    git(work, "archive", "--format=tar.gz", f"--prefix=shelfcast-{NEW}/", "-o", str(archive),
        f"v{NEW}")
    own = library_files(library)

    done = invoke(library, "upgrade", "--archive", str(archive), "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Note: the kit's tag" not in done.stdout  # v0.9.0 is in the clone: edits were looked for
    git(library, "fetch", "-q", "origin", "tag", f"v{NEW}")  # only to compare with it
    assert git(library, "diff", "--name-only", f"v{NEW}", "HEAD", "--", ".", ":!content",
               ":!library.py", ":!overrides") == ""
    assert {path: digest for path, digest in library_files(library).items()
            if path != "library.py"} == {p: d for p, d in own.items() if p != "library.py"}
    assert "CLOSED_PARTS = {" in (library / "library.py").read_text(encoding="utf-8")
