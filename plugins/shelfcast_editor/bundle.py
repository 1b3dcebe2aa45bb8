"""Decap CMS's files from npm: installed by `npm ci` from the committed package-lock.json
(npm checks each package's integrity hash), then checked file by file against BUNDLE_HASHES
before the build copies them into output/admin/, so the bundle that ships is the reviewed one.

Nothing here is committed: the bundle is 5 MB, so git holds only package.json, the lockfile
and the hashes (`python plugins/shelfcast_editor/bundle.py` rewrites the hashes after an
upgrade of the pinned version, to be reviewed in the commit).
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
NPM_FOLDER = HERE / "npm"
DIST = NPM_FOLDER / "node_modules" / "decap-cms" / "dist"
SERVER = NPM_FOLDER / "node_modules" / "decap-server" / "dist" / "index.js"
BUNDLE_HASHES = HERE / "bundle.sha384"
MAIN = "decap-cms.js"


class BundleProblem(Exception):
    """The editor's files are missing or differ from the pinned ones."""


def bundle_files(dist: Path = DIST) -> list[str]:
    """The main script and the chunks it loads (source maps are left out)."""
    return sorted(p.name for p in dist.glob("*decap-cms.js"))


def sha384(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def pinned_hashes(path: Path = BUNDLE_HASHES) -> dict[str, str]:
    """{file name: "sha384-..."} from the committed list ("<hash>  <name>" per line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def checked_bundle(dist: Path = DIST, pinned: dict | None = None) -> dict[str, str]:
    """{file name: hash} of the installed bundle, or BundleProblem naming what differs."""
    pinned = pinned_hashes() if pinned is None else pinned
    if not (dist / MAIN).is_file():
        raise BundleProblem(f"the editor is not installed ({dist / MAIN} is missing): run "
                            "`make build` (it runs npm ci when EDITOR['enabled'] is on)")
    found = {name: sha384(dist / name) for name in bundle_files(dist)}
    wrong = sorted(name for name in pinned.keys() | found.keys()
                   if pinned.get(name) != found.get(name))
    if wrong:
        listed = ", ".join(wrong[:3])
        raise BundleProblem(f"the editor's files differ from the pinned ones ({listed}); "
                            f"run `npm ci --prefix {NPM_FOLDER}` again")
    return found


def install(npm: str = "npm") -> None:
    """npm ci from the lockfile (integrity-checked by npm); no install scripts run."""
    subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund", "--ignore-scripts",
                    "--prefix", str(NPM_FOLDER)], check=True)


def installed_matches() -> bool:
    try:
        checked_bundle()
    except BundleProblem:
        return False
    return SERVER.is_file()


def write_hashes() -> None:
    lines = [f"{sha384(DIST / name)}  {name}" for name in bundle_files()]
    BUNDLE_HASHES.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.chdir(HERE)
    write_hashes()
