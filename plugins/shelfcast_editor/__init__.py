"""The web editor at /admin/: Decap CMS from npm, configured from the content schema.

On when the site's settings say EDITOR = {"enabled": True}; see docs/editor.md.
"""

from __future__ import annotations

from pelican import signals

from .site import write_editor


def finalized(pelican) -> None:
    write_editor(pelican.settings, pelican.output_path)


def register() -> None:
    signals.finalized.connect(finalized)
