"""Writes output/admin/: the page, config.yml and rules.json from the schema, our script and
the checked Decap bundle. The only module here that touches files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml
from shelfcast_sitekit.problems import ContentErrors, ContentProblem
from shelfcast_sitekit.schema import schema_for

from .bundle import DIST, MAIN, BundleProblem, checked_bundle
from .config import content_folders, editor_config, local_backend_url, site_lang
from .local import local_override
from .page import admin_page
from .rules import editor_rules
from .settings import editor_settings

STATIC = Path(__file__).resolve().parent / "static"
# Where each git host's API answers the browser (a Gitea/Forgejo server names its own).
API_HOSTS = {"github": ["https://api.github.com"], "gitlab": ["https://gitlab.com"]}


def site_editor(settings) -> dict:
    """EDITOR with its defaults, switched to the local backend under `invoke editor`."""
    return {**editor_settings(settings), **local_override(os.environ)}


def build_config(settings) -> tuple[dict, dict]:
    """(config.yml, rules.json) for this site, as plain data."""
    editor = site_editor(settings)
    schema = schema_for(settings)
    config = editor_config(schema, settings, content_folders(settings["PATH"]), editor)
    return config, editor_rules(config, schema, site_lang(settings))


def connect_sources(editor: dict) -> list[str]:
    if editor["local"]:
        return [local_backend_url(editor).rsplit("/api/", 1)[0]]
    own = [editor[key] for key in ("api_root", "base_url") if editor.get(key)]
    return own or API_HOSTS.get(editor["backend"], [])


def write_editor(settings, output_path: str) -> None:
    editor = site_editor(settings)
    if not editor["enabled"]:
        return
    try:
        hashes = checked_bundle()
    except BundleProblem as problem:
        raise ContentErrors([ContentProblem("pelicanconf.py", None, "EDITOR",
                                            str(problem))]) from problem
    config, rules = build_config(settings)
    admin = Path(output_path) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for name in hashes:
        shutil.copyfile(DIST / name, admin / name)
    for source in STATIC.iterdir():
        shutil.copyfile(source, admin / source.name)
    (admin / "config.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (admin / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    page = admin_page(site_lang(settings), str(settings.get("SITENAME", "")), hashes[MAIN],
                      connect_sources(editor))
    (admin / "index.html").write_text(page, encoding="utf-8")
