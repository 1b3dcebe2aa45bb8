"""`make build`'s step for the editor: install Decap CMS from npm when the site's settings
turn the editor on (EDITOR = {"enabled": True}) and it is not installed yet; else nothing.

Usage: python plugins/shelfcast_editor/install.py [pelicanconf.py]
"""

from __future__ import annotations

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from shelfcast_editor.bundle import install, installed_matches  # noqa: E402
from shelfcast_editor.settings import EditorSettingsProblem, editor_settings  # noqa: E402


def main(settings_file: str) -> int:
    from pelican.settings import read_settings

    try:
        wanted = editor_settings(read_settings(settings_file))["enabled"]
    except EditorSettingsProblem as problem:
        print(problem, file=sys.stderr)  # the build names it too, with every other setting
        return 1
    if not wanted:
        return 0
    if installed_matches():
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("The web editor is on (EDITOR['enabled']) but npm is not installed: install "
              "Node.js 20 (it brings npm), then run make build again.", file=sys.stderr)
        return 1
    install(npm)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "pelicanconf.py"))
