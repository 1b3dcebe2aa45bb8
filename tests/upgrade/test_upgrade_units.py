"""The pure parts of `invoke upgrade` and of settings that move: plain data in, plain data out."""

import pytest
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.kitversion import Manifest, ManifestError, parse_version, read_manifest
from shelfcast_sitekit.problems import ERROR, WARNING
from shelfcast_sitekit.settingmoves import MOVES, Move, apply_moves, moves_in_text, rewrite_text
from shelfcast_sitekit.upgradeplan import (
    changelog_between,
    edited_kit_files,
    move_advice,
    newest_patch,
    plan_upgrade,
    undo_plan,
)
from sitetools import KIT_SITE, Site

MANIFEST = Manifest("1.0.0", ("content/", "library.py", "overrides/"))
F = "100644"


def test_the_plan_writes_and_deletes_only_kit_files_and_its_undo_restores_them():
    current = {"tasks.py": (F, b"old"), "plugins/gone.py": (F, b"x"), "same.txt": (F, b"s"),
               "library.py": (F, b"mine"), "content/a.md": (F, b"a")}
    target = {"tasks.py": (F, b"new"), "plugins/new.py": (F, b"n"), "same.txt": (F, b"s"),
              "library.py": (F, b"demo"), "content/b.md": (F, b"demo post")}
    plan = plan_upgrade(MANIFEST, MANIFEST, current, target)
    assert sorted(plan.write) == ["plugins/new.py", "tasks.py"]
    assert plan.delete == ("plugins/gone.py",)
    undo = undo_plan(plan, current)
    assert undo.write == {"plugins/gone.py": (F, b"x"), "tasks.py": (F, b"old")}
    assert undo.delete == ("plugins/new.py",)


def test_a_path_the_new_version_gives_the_library_is_never_touched():
    later = Manifest("1.1.0", (*MANIFEST.library, "extra.css"))
    plan = plan_upgrade(MANIFEST, later, {"extra.css": (F, b"mine")}, {})
    assert plan.write == {} and plan.delete == ()


def test_edited_kit_files_and_how_to_move_each_edit():
    release = {"themes/shelfcast/templates/page.html": (F, b"kit"), "library.py": (F, b"x")}
    head = {"themes/shelfcast/templates/page.html": (F, b"ours"), "library.py": (F, b"y"),
            "plugins/mine.py": (F, b"added")}
    assert edited_kit_files(MANIFEST, release, head) == [
        "plugins/mine.py", "themes/shelfcast/templates/page.html"]
    assert "overrides/templates/page.html" in move_advice("themes/shelfcast/templates/page.html")
    assert "overrides/site.css" in move_advice("themes/shelfcast/static/css/site.css")
    assert "library.py" in move_advice("pelicanconf.py")


CHANGELOG = """# Changelog

## [Unreleased]

## [1.2.0] - 2027-03-01
### Added
- C

## [1.1.1] - 2027-02-01
### Fixed
- B

## [1.1.0] - 2027-01-01
- A
"""


def test_the_changelog_between_two_versions():
    notes = changelog_between(CHANGELOG, "1.1.0", "1.2.0")
    assert notes.startswith("## [1.2.0]") and "- B" in notes and "- A" not in notes
    assert changelog_between(CHANGELOG, "1.2.0", "1.2.0") == ""


def test_a_pinned_minor_version_takes_its_newest_patch_release():
    tags = ["v0.9.0", "v0.9.2", "v0.9.10", "v0.10.0", "v0.9.11-rc.1", "latest"]
    assert newest_patch(tags, "v0.9") == "v0.9.10"
    assert newest_patch(tags, "0.10") == "v0.10.0" and newest_patch(tags, "1.0") is None


def test_versions_sort_as_semver_says():
    assert parse_version("1.0.0-rc.1") < parse_version("1.0.0") < parse_version("1.0.1")
    assert parse_version("v0.10.0") > parse_version("0.9.9")
    with pytest.raises(ManifestError):
        read_manifest('[project]\nversion = "one"\n')


RENAMED = (Move("OLD_NAME", "NEW_NAME", "1.1.0", "clearer"),
           Move("COMMENTS.mail", "COMMENTS.invite_email", "1.1.0", "clearer"))


def test_an_old_name_works_with_a_warning_for_one_more_minor_version_then_fails():
    settings = {"OLD_NAME": 3, "COMMENTS": {"mail": "a@b.se", "x": 1}}
    moved, problems = apply_moves(settings, "1.2.5", "library.py", RENAMED)
    assert moved == {"NEW_NAME": 3, "COMMENTS": {"invite_email": "a@b.se", "x": 1}}
    assert [p.severity for p in problems] == [WARNING, WARNING]
    assert "is now called NEW_NAME" in problems[0].message
    assert "stops working in 1.3.0" in problems[0].message
    kept, problems = apply_moves(settings, "1.3.0", "library.py", RENAMED)
    assert "NEW_NAME" not in kept and problems[0].severity == ERROR
    assert "write NEW_NAME instead" in problems[0].message


def test_rewriting_keeps_comments_and_every_use_of_the_name():
    text = ('# Ours\nOLD_NAME = {"a": 1}  # Ørstad\nOLD_NAME["b"] = 2\n'
            'COMMENTS = {"mail": "a@b.se"}\n')
    assert moves_in_text(text, RENAMED) == list(RENAMED)
    new, left = rewrite_text(text, list(RENAMED))
    assert left == []
    assert new.startswith('# Ours\nNEW_NAME = {"a": 1}  # Ørstad\nNEW_NAME["b"] = 2\n')
    assert 'COMMENTS = {"invite_email": "a@b.se"}' in new
    assert moves_in_text(new, RENAMED) == []


def test_the_real_rename_archive_is_now_closed_parts(tmp_path):
    """The kit's own move: a library's ARCHIVE still closes its section, with a warning."""
    assert any(move.old == "ARCHIVE" and move.new == "CLOSED_PARTS" for move in MOVES)
    site = Site(tmp_path)
    conf = site.root / "library.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("CLOSED_PARTS", "ARCHIVE"),
                    encoding="utf-8")
    settings = load_settings(str(site.root / "pelicanconf.py"))
    assert "ARCHIVE" not in settings and "guides" in settings["CLOSED_PARTS"]
    site.write("posts/guides/how.md", "---\ntitle: How to borrow\ndate: 2026-01-05\n---\nSo.\n")
    assert site.build(SEARCH={"INDEX": False}) == 0, site.messages
    assert "library.py: warning: ARCHIVE: is now called CLOSED_PARTS" in site.messages
    page = (site.output / "posts" / "2026" / "how-to-borrow.html").read_text(encoding="utf-8")
    assert "The self-service guides project ended in June 2026" in page
    assert (KIT_SITE / "library.py").read_text(encoding="utf-8").count("ARCHIVE") == 0


def test_the_upgrade_writes_only_inside_the_repository(tmp_path):
    from shelfcast_sitekit.kitsource import SYMLINK, UpgradeError, guarded_path, write_entry

    (tmp_path / "repo").mkdir()
    root = str(tmp_path / "repo")
    assert guarded_path(root, "plugins/a.py") == str(tmp_path / "repo" / "plugins" / "a.py")
    for bad in ("../outside.py", "/etc/passwd", "plugins/../../outside.py"):
        with pytest.raises(UpgradeError, match="the kit version is damaged"):
            guarded_path(root, bad)
    with pytest.raises(UpgradeError):
        write_entry(root, "tests/link.py", (SYMLINK, b"../../outside.py"))
    assert not (tmp_path / "outside.py").exists() and not (tmp_path / "repo/tests").exists()


def test_the_build_options_moved_into_sitekit_keep_working_and_are_rewritten_there():
    """PAGE_CACHE and the other build options were undeclared top-level settings (a misspelt
    one was silently ignored); they are SITEKIT keys now, and the old lines still work."""
    settings = {"PAGE_CACHE": False, "RENDER_WORKERS": 1, "SITEKIT": {"max_nesting": 8}}
    moved, problems = apply_moves(settings, "0.9.0", "library.py")
    assert moved == {"SITEKIT": {"max_nesting": 8, "page_cache": False, "render_workers": 1}}
    assert [p.field for p in problems] == ["PAGE_CACHE", "RENDER_WORKERS"]
    assert "is now called SITEKIT.page_cache" in problems[0].message

    text = ('SITENAME = "Ørstad"\n# Off while we look for a fault\nPAGE_CACHE = False\n'
            'SITEKIT = {"max_nesting": 8}\n')
    new, left = rewrite_text(text, moves_in_text(text))
    assert left == []
    assert new == ('SITENAME = "Ørstad"\n# Off while we look for a fault\n'
                   'SITEKIT = {"max_nesting": 8, "page_cache": False}\n')
    assert moves_in_text(new) == []
    assert rewrite_text("READ_WORKERS = 1\n", moves_in_text("READ_WORKERS = 1\n"))[0] == \
        'SITEKIT = {"read_workers": 1}\n'
    # A name used beyond one plain assignment is left for the library, and said so.
    text = "READ_CACHE = False\nif READ_CACHE:\n    pass\n"
    assert rewrite_text(text, moves_in_text(text)) == (
        text, ["READ_CACHE: rename it to SITEKIT.read_cache by hand"])
