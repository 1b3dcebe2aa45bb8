"""The caches kept between builds (and between CI runs, .github/workflows, .gitlab-ci.yml,
netlify.toml) are never used by another version of the kit, and `invoke check` and
publishing, which build other settings into other folders, do not throw away each other's."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import readpacks
from shelfcast_sitekit import pagecache
from sitetools import ROOT, Site, build_kit_site, private_kit_site

BUILD_NOW = "2026-06-01T12:00:00+02:00"


def post(number: int) -> str:
    return f"---\ntitle: Post {number}\ndate: 2024-01-{number + 1:02d}\n---\nText {number}.\n"


def read_entries(site: Site) -> set[str]:
    return readpacks.keys(site.root)


def build(site: Site, plugins: Path, output: str = "output", **settings) -> None:
    code = site.build(PLUGIN_PATHS=[str(plugins)], BUILD_NOW=BUILD_NOW,
                      SEARCH={"index": False}, **settings)
    assert code == 0, site.messages


def test_a_cache_from_another_kit_version_is_ignored(tmp_path: Path):
    plugins = shutil.copytree(ROOT / "plugins", tmp_path / "kit-plugins",
                              ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    for number in range(4):
        site.write(f"posts/news/post-{number}.md", post(number))
    build(site, plugins)
    build(site, plugins)
    assert pagecache.last_build_counts(str(site.root / ".cache"))["rendered"] == 0
    before = read_entries(site)

    # Another kit version: any change to the kit's code, here one line of one module.
    module = plugins / "shelfcast_sitekit" / "clock.py"
    module.write_text(module.read_text("utf-8") + "\nKIT_RELEASE = 'another version'\n", "utf-8")
    build(site, plugins)

    counts = pagecache.last_build_counts(str(site.root / ".cache"))
    assert counts["reused"] == 0 and counts["rendered"] > 0, counts
    # Every post read again, into entries of its own; none of the old ones taken.
    assert len(read_entries(site) - before) == len(before), (before, read_entries(site))


def test_check_and_publish_builds_keep_their_own_entries(tmp_path: Path):
    """In CI, `make check` builds with one settings file, publishing with another: each
    warm build after the other still reuses what the same kind of build made last time."""
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    for number in range(4):
        site.write(f"posts/news/post-{number}.md", post(number))
    for _ in range(2):
        build(site, ROOT / "plugins")
        site.output = site.root / "published"
        build(site, ROOT / "plugins", SITESUBTITLE="Published")
        site.output = site.root / "output"
    build(site, ROOT / "plugins")
    assert pagecache.last_build_counts(str(site.root / ".cache"))["rendered"] == 0


def test_a_fresh_checkout_with_the_ci_cache_restored_is_a_warm_build(tmp_path: Path):
    """CI checks the library's repository out anew on every run (every file under content/
    gets a new modification time) and restores .cache (shipped CI configurations, below): a
    publish after a small edit must still take the unchanged pages, pictures and audio from
    it. Before file prints (shelfcast_sitekit.fileprints) the new times of content/'s pictures
    made every page render again, every audio file be probed and copied again."""
    site = private_kit_site(tmp_path / "site")
    output = site / ".cache" / "publish-output"
    code, messages = build_kit_site(output, "publishconf.py", site=site, BUILD_NOW=BUILD_NOW)
    assert code == 0, messages
    audio = {p.relative_to(output): p.stat().st_ino for p in output.rglob("*.mp3")}
    pictures = {p.name: p.stat().st_mtime_ns for p in (site / ".cache").rglob("*.webp")}
    facts = site / ".cache" / "podcast-audio.json"
    facts_written = facts.stat().st_mtime_ns
    assert audio and pictures

    # The checkout: the same bytes, every file new to the file system; one post edited.
    later = time.time() + 120
    for path in (site / "content").rglob("*"):
        os.utime(path, (later, later))
    edited = site / "content" / "posts" / "books" / "winter-reading.md"
    edited.write_text(edited.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    code, messages = build_kit_site(output, "publishconf.py", site=site, BUILD_NOW=BUILD_NOW)
    assert code == 0, messages

    # Only the pages showing the new sentence are rendered; the others are taken.
    showing = {page.relative_to(output).as_posix() for page in output.rglob("*.html")
               if "One more sentence." in page.read_text("utf-8")}
    counts = pagecache.last_build_counts(str(site / ".cache"))
    assert showing and set(counts["rendered pages"]) == showing, counts
    assert counts["reused"] > 100, counts
    # Each episode's audio is the last build's file, linked, not a new copy; its facts were
    # not probed again (the facts file is written only after a probe); no picture made again.
    assert {p.relative_to(output): p.stat().st_ino for p in output.rglob("*.mp3")} == audio
    assert facts.stat().st_mtime_ns == facts_written
    assert {p.name: p.stat().st_mtime_ns
            for p in (site / ".cache").rglob("*.webp")} == pictures


def test_every_shipped_ci_configuration_keeps_the_build_caches():
    """A publish after a small edit is a warm build only when .cache/ (and the output it is
    compared with) survives; keyed by the kit's version and the lockfile where the host
    takes a key."""
    import tomllib

    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    (cached,) = [step["with"] for job in workflow["jobs"].values() for step in job["steps"]
                 if str(step.get("uses", "")).startswith("actions/cache@")]
    assert cached["path"] == ".cache"
    for key in (cached["key"], cached["restore-keys"]):
        assert "hashFiles('pyproject.toml', 'requirements.txt')" in key, key

    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))["pages"]["cache"]
    assert set(gitlab["paths"]) == {".cache", "public"}
    assert gitlab["key"]["files"] == ["pyproject.toml", "requirements.txt"]

    netlify = tomllib.loads((ROOT / "netlify.toml").read_text("utf-8"))
    (plugin,) = [p for p in netlify["plugins"] if p["package"] == "netlify-plugin-cache"]
    assert set(plugin["inputs"]["paths"]) == {".cache", netlify["build"]["publish"]}
