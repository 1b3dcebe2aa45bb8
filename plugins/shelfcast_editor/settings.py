"""The EDITOR settings dict, read once with its defaults."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULTS = {
    "enabled": False,
    # github | gitlab | gitea | forgejo, and the library's repository on it ("library/site").
    "backend": "github", "repo": None, "branch": "main",
    # Where the login goes (an OAuth helper, or the Gitea/Forgejo server); see docs/editor.md.
    "base_url": None, "api_root": None, "auth_endpoint": None, "app_id": None,
    "auth_type": None,
    # The local editor (`make editor`): Decap's local backend on 127.0.0.1, saving into
    # the working tree. Off in every published build.
    "local": False, "local_port": 8081,
    # New post sections offered before their folder exists in content/posts/.
    "sections": (),
}


class EditorSettingsProblem(ValueError):
    """A key or value of EDITOR the editor cannot use."""


def editor_settings(settings: Mapping) -> dict:
    given = settings.get("EDITOR") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise EditorSettingsProblem(f"pelicanconf.py: EDITOR[{unknown[0]!r}]: not a setting of "
                                    f"the editor; the settings are {', '.join(DEFAULTS)}")
    merged = {**DEFAULTS, **given}
    if merged["backend"] not in ("github", "gitlab", "gitea", "forgejo"):
        raise EditorSettingsProblem("pelicanconf.py: EDITOR['backend']: write github, gitlab, "
                                    "gitea or forgejo")
    return merged
