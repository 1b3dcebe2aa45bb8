"""`invoke upgrade`: take a new kit version, keep the library's files, check, or undo exactly.

The steps run in the old kit (this module); everything after the kit's files are replaced
(renamed settings, the check) runs as `python -m invoke ...` in the new kit, so the new
version's code judges the library's content. Any failure puts the old kit's files back byte
for byte (upgradeplan.undo_plan) and library.py as it was.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from .kitsource import (
    UpgradeError,
    changed_paths,
    delete_entry,
    fetch_tag,
    git,
    guarded_path,
    has_ref,
    remote_tags,
    tree_at,
    tree_from_archive,
    write_entry,
)
from .kitversion import PYPROJECT, ManifestError, parse_version, read_manifest
from .librarysettings import LIBRARY_FILE
from .upgradeplan import (
    MINOR,
    Plan,
    Tree,
    changelog_between,
    dirty_kit_paths,
    edited_kit_files,
    move_advice,
    newest_patch,
    plan_upgrade,
    undo_plan,
)

# `invoke settings-moves` exits with this when library.py still uses old names.
MOVES_FOUND = 3
CHANGELOG = "CHANGELOG.md"


@dataclass(frozen=True)
class Request:
    tag: str | None
    remote: str = "origin"
    archive: str | None = None
    replace_edited: bool = False
    commit: bool = True


def manifest_of(tree: Tree, where: str):
    if PYPROJECT not in tree:
        raise UpgradeError(f"{where} has no {PYPROJECT}: it is not a Shelfcast kit version")
    try:
        return read_manifest(tree[PYPROJECT][1].decode("utf-8"))
    except ManifestError as err:
        raise UpgradeError(f"{where}: {err}") from None


def target_tree(root: str, request: Request) -> tuple[Tree, str]:
    if request.archive:
        return tree_from_archive(request.archive), request.archive
    tag = request.tag
    if MINOR.match(tag):  # "v0.9": the newest patch release of 0.9 (a pinned minor version)
        tag = newest_patch(remote_tags(root, request.remote), tag)
        if tag is None:
            raise UpgradeError(f"{request.remote} has no release tag {request.tag}.x")
    fetch_tag(root, request.remote, tag)
    return tree_at(root, f"refs/tags/{tag}"), f"tag {tag}"


def release_tree(root: str, remote: str | None, version: str) -> Tree | None:
    """The kit's release the library is on (tag vX.Y.Z), or None when it cannot be had;
    with no remote (an archive upgrade) only a tag the repository has."""
    tag = f"refs/tags/v{version}"
    if remote is not None and not has_ref(root, tag):
        try:
            fetch_tag(root, remote, f"v{version}")
        except UpgradeError:
            return None
    return tree_at(root, tag) if has_ref(root, tag) else None


def edited_report(paths: list[str]) -> str:
    lines = [f"  {path}: {move_advice(path)}" for path in paths]
    return ("You changed these kit files; an upgrade replaces them:\n" + "\n".join(lines))


def apply_plan(root: str, plan: Plan) -> None:
    for path, entry in plan.write.items():
        write_entry(root, path, entry)
    for path in plan.delete:
        delete_entry(root, path)


def run_in_new_kit(root: str, *arguments: str) -> int:
    """A task of the kit now in place, in a process of its own (it imports the new code)."""
    return subprocess.run([sys.executable, "-m", "invoke", *arguments], cwd=root).returncode


def install_requirements(root: str) -> None:
    """The new kit's pinned packages, as `make venv` installs them (pip, from the index)."""
    if subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                       "--disable-pip-version-check", "-r", "requirements.txt"],
                      cwd=root).returncode:
        raise UpgradeError("the new kit's packages (requirements.txt) could not be installed")


def settings_moved(root: str, accept: Callable[[], bool]) -> None:
    """Name renamed settings library.py still uses; rename them if the library accepts."""
    if run_in_new_kit(root, "settings-moves") == MOVES_FOUND and accept():
        if run_in_new_kit(root, "settings-moves", "--rewrite"):
            raise UpgradeError(f"{LIBRARY_FILE} could not be rewritten")


def upgrade(root: str, request: Request, accept: Callable[[], bool],
            say: Callable[[str], None]) -> int:
    """The whole command; returns the exit code. Raises UpgradeError before changing anything."""
    current = tree_at(root, "HEAD")
    old = manifest_of(current, "this repository")
    if LIBRARY_FILE not in current:
        raise UpgradeError(f"this repository has no {LIBRARY_FILE} committed: it was made "
                           "before Shelfcast 0.9.0; move your settings into one first (docs/"
                           "upgrading.md, \"A repository made before 0.9.0\")")
    dirty = dirty_kit_paths(old, changed_paths(root))
    if dirty:
        raise UpgradeError("These kit files have changes not committed:\n  "
                           + "\n  ".join(dirty) + "\nCommit them or undo them (git checkout -- "
                           "<file>), then run the upgrade again. Nothing was changed.")
    target, where = target_tree(root, request)
    new = manifest_of(target, where)
    if parse_version(new.version) < parse_version(old.version):
        raise UpgradeError(f"{where} is Shelfcast {new.version}, older than this repository's "
                           f"{old.version}; to go back, revert the upgrade's commit instead")
    release = release_tree(root, None if request.archive else request.remote, old.version)
    if release is None:
        say(f"Note: the kit's tag v{old.version} is not here, so kit files you may have edited "
            "cannot be listed.")
    edited = edited_kit_files(old, release, current) if release is not None else []
    if edited:
        say(edited_report(edited))
        if not request.replace_edited:
            raise UpgradeError("Move those changes as shown (or run again with "
                               "--replace-edited to drop them). Nothing was changed.")
    plan = plan_upgrade(old, new, current, target)
    if not plan.write and not plan.delete:
        say(f"The kit is already Shelfcast {new.version}; nothing to do.")
        return 0
    say(f"Shelfcast {old.version} -> {new.version}: {len(plan.write)} kit file(s) to write, "
        f"{len(plan.delete)} to delete; your content/, {LIBRARY_FILE} and overrides/ stay.")
    notes = changelog_between(target.get(CHANGELOG, ("", b""))[1].decode("utf-8"),
                              old.version, new.version)
    say(notes or "(The new version's CHANGELOG.md has no entries for this step.)")
    return install(root, plan, undo_plan(plan, current), old.version, new.version, request,
                   accept, say)


def install(root: str, plan: Plan, undo: Plan, old: str, new: str, request: Request,
            accept: Callable[[], bool], say: Callable[[str], None]) -> int:
    library_path = guarded_path(root, LIBRARY_FILE)
    with open(library_path, "rb") as handle:
        library = handle.read()
    try:
        apply_plan(root, plan)
        if "requirements.txt" in plan.write:  # new pinned packages: the check needs them
            install_requirements(root)
        settings_moved(root, accept)
        if run_in_new_kit(root, "check"):
            raise UpgradeError(f"Shelfcast {new} does not pass the check with your content "
                               "(the lines above say why)")
    except BaseException as err:  # Ctrl-C included: the old kit always comes back whole
        apply_plan(root, undo)
        write_entry(root, LIBRARY_FILE, ("100644", library))
        if not isinstance(err, UpgradeError):
            raise
        say(f"{err}. Shelfcast {old} is back in place exactly as it was; nothing was "
            "committed.")
        return 1
    if request.commit:
        commit(root, plan, library_path, library, f"Shelfcast {new} (upgraded from {old})")
        say(f"Committed: Shelfcast {new}. `git show --stat` lists the kit files that changed.")
    return 0


def commit(root: str, plan: Plan, library_path: str, library: bytes, message: str) -> None:
    paths = [*plan.write, *plan.delete]
    with open(library_path, "rb") as handle:
        if handle.read() != library:
            paths.append(LIBRARY_FILE)
    git(root, "add", "-A", "--", *paths)
    git(root, "commit", "-q", "-m", message)
