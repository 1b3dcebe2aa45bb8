"""Every front-matter field a plugin or template reads is declared in the schema (issue 21).

Found by building the kit's fixture site (every content type) with recording front matter:
each front-matter dict (a Markdown file's, a YAML file's, a page's `metadata` and every block
nested in them) is a mapping that notes each name looked up in it from code under plugins/ or
from a template, and a missing attribute looked up on a page is noted too (a template's
`article.video_poster`, a plugin's `getattr(article, "event", None)`). A name read that the
schema does not declare fails the test, whatever way the code reads it.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

import pytest
from pelican.contents import Content
from shelfcast_sitekit import frontmatter
from shelfcast_sitekit.build import load_settings
from shelfcast_sitekit.schema import schema_for
from sitetools import KIT_SITE, ROOT, build_kit_site

PLUGINS = str(ROOT / "plugins") + "/"
THEMES = str(ROOT / "themes") + "/"
# Code that looks a name up for someone else: Jinja for a template, the page cache's
# read_field for the template whose reads it records.
PASSED_THROUGH = ("/jinja2/", "/markupsafe/", "shelfcast_sitekit/pagecache.py", __file__)
# Set on a page by the site kit's reader or by Pelican, not written in front matter.
READER_KEYS = {"front_matter_lines", "category"}
# Attributes plugins attach to pages after reading (looked up on pages that lack them); none
# of them is a front-matter field, each is set by the code named.
ATTACHED = {
    "album_card": "shelfcast_music.generator",
    "playlist_card": "shelfcast_music.generator",
    "comment_threads": "shelfcast_comments.generator",
    "comments_json_ld": "shelfcast_comments.generator",
    "event_json_ld": "shelfcast_events.generator",
    "local_video": "shelfcast_theme (video_page)",
    "preview_state": "shelfcast_sitekit (drafts in the preview)",
}


class Recorder:
    """Names looked up in front matter, each with the first place (file:line) that read it."""

    def __init__(self):
        self.read: dict[str, str] = {}
        self.pages: list = []

    def note(self, path: str) -> None:
        where = reader_place()
        if where:
            self.read.setdefault(path, where)


def reader_place() -> str | None:
    """file:line of the plugin or template asking, or None when Pelican (or Python) asks."""
    frame = sys._getframe(3)
    while frame is not None:
        name = frame.f_code.co_filename
        if any(part in name for part in PASSED_THROUGH):
            frame = frame.f_back
            continue
        if name.startswith(PLUGINS) or name.startswith(THEMES):
            return f"{Path(name).relative_to(ROOT)}:{frame.f_lineno}"
        return None
    return None


class RecordingDict(dict):
    """A dict that tells its recorder each key looked up (nested blocks as block.key)."""

    def __init__(self, data=(), recorder: Recorder | None = None, prefix: str = ""):
        super().__init__()
        self.recorder, self.prefix = recorder, prefix
        for key, value in dict(data).items():
            dict.__setitem__(self, key, recording(value, recorder, f"{prefix}{key}"))

    def _note(self, key) -> None:
        if self.recorder is not None and isinstance(key, str) and not key.startswith("_"):
            self.recorder.note(self.prefix + key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def pop(self, key, *default):
        self._note(key)
        return super().pop(key, *default)

    def setdefault(self, key, default=None):
        self._note(key)
        return super().setdefault(key, default)

    def __reduce__(self):  # copies and pickles are plain dicts
        return dict, (dict(self),)


def recording(value, recorder: Recorder | None, path: str):
    if isinstance(value, RecordingDict):
        return value
    if isinstance(value, dict):
        return RecordingDict(value, recorder, path + ".")
    if isinstance(value, list):
        return [recording(item, recorder, path + "[]") for item in value]
    return value


class RecordingMetadata:
    """A page's `metadata`, recording from the moment Pelican sets it (before the signals
    plugins read it on); the blocks in it record too, also as the page's attributes."""

    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def __get__(self, page, owner=None):
        if page is None:
            return self
        return page.__dict__["_recording_metadata"]

    def __set__(self, page, value):
        value = RecordingDict(value, self.recorder)
        page.__dict__["_recording_metadata"] = value
        for key, item in value.items():
            if isinstance(key, str) and page.__dict__.get(key.lower()) is not None:
                page.__dict__[key.lower()] = item


@pytest.fixture
def recorded(tmp_path, monkeypatch) -> Recorder:
    """Build the fixture site with recording front matter; the names its code read."""
    recorder = Recorder()
    document_init = frontmatter.Document.__init__
    content_init = Content.__init__

    def document(self, *args, **kwargs):
        document_init(self, *args, **kwargs)
        self.meta = RecordingDict(self.meta, recorder)

    def content(self, *args, **kwargs):
        content_init(self, *args, **kwargs)
        recorder.pages.append(self)

    def missing(self, name):
        if not name.startswith("_"):
            recorder.note(name)
        raise AttributeError(name)

    monkeypatch.setattr(frontmatter.Document, "__init__", document)
    monkeypatch.setattr(Content, "__init__", content)
    monkeypatch.setattr(Content, "metadata", RecordingMetadata(recorder), raising=False)
    monkeypatch.setattr(Content, "__getattr__", missing, raising=False)
    code, messages = build_kit_site(tmp_path / "output", SITEKIT={"read_cache": False})
    assert code == 0, messages
    return recorder


def declared_paths(fields, prefix: str = "") -> set[str]:
    """Every field name as code reads it: title, event.start, images[].file, links.*."""
    paths = set()
    for f in fields:
        name = prefix + f.name
        paths.add(name)
        if f.kind == "block" and f.item is not None:
            paths.add(name + ".*")
            paths |= declared_paths(f.item.fields, name + ".*.")
        paths |= declared_paths(f.fields, name + ".")
        if f.kind == "list" and f.item is not None:
            paths |= declared_paths(f.item.fields, name + "[].")
    return paths


def fixture_declared() -> set[str]:
    schema = schema_for(load_settings(str(KIT_SITE / "pelicanconf.py")))
    return {p for t in schema.types.values() for p in declared_paths(t.fields)}


def undeclared(read: dict[str, str], declared: set[str]) -> dict[str, str]:
    def known(path: str) -> bool:
        return path.split(".")[0] in READER_KEYS or path in ATTACHED or \
            any(fnmatch.fnmatchcase(path, d) for d in declared)
    return {path: where for path, where in sorted(read.items()) if not known(path)}


def test_every_front_matter_field_read_while_building_is_in_the_schema(recorded):
    # The recording sees what plugins and templates read (not a hand-picked few).
    assert {"event.start", "audio", "album.artist", "video"} <= set(recorded.read)
    attached = {name for page in recorded.pages for name in vars(page)
                if name not in page.metadata}
    assert set(ATTACHED) <= attached, "not attached to any page: " \
        f"{sorted(set(ATTACHED) - attached)}; remove it from ATTACHED"
    found = undeclared(recorded.read, fixture_declared())
    assert found == {}, "\n".join(f"{k} read at {v}" for k, v in found.items())
