"""The editor's EDITOR setting (docs/editor.md): declared once, read by the one settings
reader; docs/settings.md is generated from it."""

from __future__ import annotations

from shelfcast_sitekit.declarations import setting
from shelfcast_sitekit.schema import Field, SettingsBlock

BACKENDS = ("github", "gitlab", "gitea", "forgejo")

SETTINGS = (SettingsBlock("EDITOR", (
    setting("enabled", "boolean", False, "Turns the web editor at /admin/ on (and makes "
            "`make build` install it).", example=True),
    setting("backend", "enum", "github", "The git host the editor saves to.",
            allowed=BACKENDS, example="gitlab"),
    setting("repo", "text", None, "The library's repository on that host, as owner/name.",
            pattern=r"^[^/\s]+/[^\s]+$", example="our-library/site"),
    setting("branch", "text", "main", "The branch the site is published from.",
            pattern=r"^[^\s]+$", example="main"),
    setting("base_url", "url", None, "Where the login goes: the OAuth helper (GitHub) or the "
            "GitLab/Gitea/Forgejo server (docs/editor.md).", schemes=("https", "http"),
            example="https://git.kommune.dk"),
    setting("api_root", "url", None, "The git host's API, for a host of the library's own.",
            schemes=("https", "http"), example="https://git.kommune.dk/api/v1"),
    setting("auth_endpoint", "text", None, "The login path on base_url, when it is not the "
            "host's default.", pattern=r"^[^\s:]+$", example="oauth/authorize"),
    setting("app_id", "text", None, "The OAuth application's client id (GitLab, Gitea, "
            "Forgejo).", pattern=r"\S", example="a1b2c3"),
    setting("auth_type", "enum", None, "pkce: log in from the page itself (GitLab, Gitea, "
            "Forgejo); no helper needed.", allowed=("pkce", "implicit"), example="pkce"),
    # Set by `make editor` through the environment, never for the published site.
    setting("local", "boolean", False, "Decap's local backend, saving into this folder; "
            "`make editor` turns it on.", example=False),
    setting("local_port", "integer", 8081, "The local backend's port on 127.0.0.1.",
            minimum=1024, maximum=65535, example=8081),
    setting("sections", "list", [], "New post sections offered before their folder exists "
            "in content/posts/.", item=Field("section", "text", pattern=r"^[a-z0-9-]+$"),
            example=["makerspace"]),
)),)
