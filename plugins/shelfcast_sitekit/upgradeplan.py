"""What `invoke upgrade` does, as pure functions of the manifest and two trees of files.

A tree is {path: (mode, data)} for the files git tracks (mode as git writes it: "100644",
"100755", or "120000" for a symbolic link whose data is its target). The kit's files are every
path the manifest does not give to the library; the library's are never written or deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kitversion import Manifest, parse_version

Tree = dict[str, tuple[str, bytes]]


@dataclass(frozen=True)
class Plan:
    """Files to write (new or changed kit files) and kit files to delete."""

    write: Tree = field(default_factory=dict)
    delete: tuple[str, ...] = ()


def kit_part(tree: Tree, *manifests: Manifest) -> Tree:
    """The files of a tree that no manifest gives to the library."""
    return {path: entry for path, entry in tree.items()
            if not any(manifest.is_library(path) for manifest in manifests)}


def plan_upgrade(old: Manifest, new: Manifest, current: Tree, target: Tree) -> Plan:
    """Replace the kit's files of `current` by those of `target`; keep every library path
    (by either version's manifest, so that a path a new version gives the library is kept)."""
    mine, theirs = kit_part(current, old, new), kit_part(target, old, new)
    return Plan({path: entry for path, entry in sorted(theirs.items())
                 if mine.get(path) != entry},
                tuple(sorted(path for path in mine if path not in theirs)))


def undo_plan(plan: Plan, current: Tree) -> Plan:
    """The plan that puts back exactly what `plan` changed in `current`."""
    return Plan({path: current[path] for path in sorted([*plan.write, *plan.delete])
                 if path in current},
                tuple(sorted(path for path in plan.write if path not in current)))


def edited_kit_files(manifest: Manifest, release: Tree, head: Tree) -> list[str]:
    """Kit files the library changed, added or deleted since the kit's release it is on."""
    kit, mine = kit_part(release, manifest), kit_part(head, manifest)
    return sorted(path for path in {*kit, *mine} if kit.get(path) != mine.get(path))


def dirty_kit_paths(manifest: Manifest, changed: list[str]) -> list[str]:
    return sorted(path for path in changed if not manifest.is_library(path))


THEME_TEMPLATES = "themes/shelfcast/templates/"
THEME_CSS = re.compile(r"^themes/shelfcast/static/.*\.css$")
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py", "plugins/shelfcast_sitekit/kitdefaults.py")


def move_advice(path: str) -> str:
    """How to keep a library's edit of a kit file where an upgrade leaves it alone."""
    if path.startswith(THEME_TEMPLATES):
        name = path[len(THEME_TEMPLATES):]
        return f"copy your version to overrides/templates/{name}; Pelican uses it instead"
    if THEME_CSS.match(path):
        return "put your CSS rules in overrides/site.css, which the theme loads last"
    if path in SETTINGS_FILES:
        return "set the names you changed in library.py; it is laid over the kit's settings"
    return ("the kit replaces this file; ask the kit's maintainers for the change, or keep it "
            "as a patch of your own (git show <your commit> -- " + path + ")")


MINOR = re.compile(r"^v?(\d+)\.(\d+)$")


def newest_patch(tags: list[str], minor: str) -> str | None:
    """The newest release tag (no pre-release) of a minor version: "0.9" -> "v0.9.3"."""
    wanted = MINOR.match(minor)
    releases = [tag for tag in tags if VERSION_TAG.match(tag)
                and VERSION_TAG.match(tag).groups()[:2] == wanted.groups()]
    return max(releases, key=parse_version, default=None)


VERSION_TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
HEADING = re.compile(r"^## \[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?", re.M)


def changelog_between(text: str, old: str, new: str) -> str:
    """The CHANGELOG.md sections (Keep a Changelog) after version `old`, up to `new`."""
    low, high = parse_version(old), parse_version(new)
    heads = list(HEADING.finditer(text))
    sections = []
    for here, after in zip(heads, [*heads[1:], None], strict=True):
        if low < parse_version(here.group(1)) <= high:
            sections.append(text[here.start():after.start() if after else len(text)].strip())
    return "\n\n".join(sections)
