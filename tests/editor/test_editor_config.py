"""The editor's configuration is generated from the content schema: unit tests over plain
data (no browser, no build)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from shelfcast_editor.config import editor_config
from shelfcast_editor.rules import editor_rules
from shelfcast_sitekit.schema import field_json_schema, schema_for

HERE = Path(__file__).resolve().parent
FOLDERS = {"posts/books": ["a.md"], "posts/music": ["b.md"], "pages": ["about.md"],
           "images": ["x.png"]}


def config_for(plugins=("sitekit",), lang="da", editor=None, folders=FOLDERS) -> dict:
    settings = {"PLUGINS": list(plugins), "DEFAULT_LANG": lang}
    return editor_config(schema_for(settings), settings, folders, editor or {})


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def field(entry: dict, name: str) -> dict:
    return next(f for f in entry["fields"] if f["name"] == name)


def test_one_post_collection_per_section_folder_and_new_sections_from_settings():
    config = config_for(editor={"sections": ["events"]})
    names = [c["name"] for c in config["collections"]]
    assert {"post-posts-books", "post-posts-music", "post-posts-events", "page-pages"} \
        <= set(names)
    assert collection(config, "post-posts-events")["folder"] == "content/posts/events"


def test_every_schema_field_of_a_post_is_a_widget_with_its_schema_facts():
    settings = {"PLUGINS": ["shelfcast_sitekit"], "DEFAULT_LANG": "da"}
    post = schema_for(settings).types["post"]
    entry = collection(config_for(), "post-posts-books")
    assert [f["name"] for f in entry["fields"]] == [f.name for f in post.fields] + ["body"]
    for declared in post.fields:
        widget = field(entry, declared.name)
        assert widget["required"] == declared.required, declared.name
        assert widget["label"] == declared.label["da"], declared.name
        if declared.help:
            assert widget["hint"] == declared.help["da"]
        if declared.allowed:
            assert widget["options"] == list(declared.allowed)
        pattern = field_json_schema(declared).get("pattern")
        if pattern and declared.kind not in ("date", "datetime"):
            assert widget["pattern"][0] == pattern, declared.name


def test_help_labels_and_interface_follow_the_site_language():
    for lang, title_help, labels in (
            ("en", "The heading readers see.", ("Title", "Date", "Image alt text")),
            ("da", "Overskriften, læserne ser.", ("Titel", "Dato", "Billedets alt-tekst")),
            ("sv", "Rubriken som läsarna ser.", ("Rubrik", "Datum", "Bildens alt-text"))):
        config = config_for(lang=lang)
        assert config["locale"] == lang
        post = collection(config, "post-posts-books")
        assert field(post, "title")["hint"] == title_help
        assert tuple(field(post, name)["label"] for name in ("title", "date", "image_alt")) \
            == labels


def test_a_label_given_for_some_languages_keeps_the_english_one_from_the_name():
    from shelfcast_sitekit.schema import Field

    given = Field("reading_age", "text", label={"da": "Læsealder"})
    assert given.label == {"en": "Reading age", "da": "Læsealder", "sv": "Reading age"}
    assert given.text("label", "da") == "Læsealder"
    assert Field("reading_age", "text").text("label", "sv") == "Reading age"


def test_a_field_added_to_the_schema_appears_in_the_editor(monkeypatch):
    monkeypatch.syspath_prepend(str(HERE / "schema_plugin"))
    before = field_names(config_for())
    config = config_for(plugins=("sitekit", "shelfcast_testfield"))
    added = field(collection(config, "post-posts-books"), "reading_age")
    assert "reading_age" not in before
    assert added == {"name": "reading_age", "label": "Reading age", "widget": "select",
                     "required": True, "hint": "Hvem indlægget er til.", "default": "7-12",
                     "options": ["0-6", "7-12"]}
    sys.modules.pop("shelfcast_testfield.declarations", None)
    sys.modules.pop("shelfcast_testfield", None)


def field_names(config: dict) -> set[str]:
    return {f["name"] for c in config["collections"] for f in c.get("fields", ())}


def test_published_editor_uses_editorial_workflow_and_the_local_one_saves_directly():
    published = config_for(editor={"backend": "gitlab", "repo": "bib/site"})
    assert published["publish_mode"] == "editorial_workflow"
    assert published["backend"] == {"name": "gitlab", "repo": "bib/site", "branch": "main"}
    assert "local_backend" not in published
    local = config_for(editor={"local": True, "local_port": 9123})
    assert "publish_mode" not in local
    assert local["local_backend"]["url"] == "http://127.0.0.1:9123/api/v1"


def test_save_checks_come_from_the_schema():
    config = config_for()
    settings = {"PLUGINS": ["shelfcast_sitekit"], "DEFAULT_LANG": "da"}
    rules = editor_rules(config, schema_for(settings), "da")
    post = rules["collections"]["post-posts-books"]
    assert {"image": "image", "alt": "image_alt", "list": None, "label": "Billede"} \
        in post["alt"]
    assert {r["field"] for r in post["dates"]} == {"date", "modified"}
    assert "kontrolcifferet" in rules["messages"]["isbn"]


@pytest.mark.parametrize("backend", ["gitea", "forgejo"])
def test_gitea_and_forgejo_use_decaps_gitea_backend(backend):
    config = config_for(editor={"backend": backend, "repo": "bib/site",
                                "base_url": "https://git.kommune.example"})
    assert config["backend"]["name"] == "gitea"
    assert config["backend"]["base_url"] == "https://git.kommune.example"


def test_an_episodes_audio_is_uploaded_into_its_shows_audio_folder():
    settings = {"PLUGINS": ["shelfcast_sitekit", "shelfcast_podcast"], "DEFAULT_LANG": "da"}
    folders = {"podcasts/bogsnak": ["show.yaml", "ep.md"], "podcasts/bogsnak/audio": ["a.mp3"]}
    config = editor_config(schema_for(settings), settings, folders, {})
    audio = field(collection(config, "episode-podcasts-bogsnak"), "audio")
    assert audio["widget"] == "file"
    assert (audio["media_folder"], audio["public_folder"]) == ("audio", "audio")


def test_every_collection_of_the_whole_kit_keeps_decaps_structural_rules():
    """What Decap's own config schema demands of each widget (the browser test loads the
    real config into Decap, which refuses a bad one): objects and lists of objects have
    fields, selects have options, collection names are unique."""
    from pelican.settings import read_settings
    from shelfcast_editor.config import content_folders
    from sitetools import KIT_SITE

    settings = read_settings(str(KIT_SITE / "pelicanconf.py"))
    config = editor_config(schema_for(settings), settings,
                           content_folders(str(KIT_SITE / "content")), {})
    names = [c["name"] for c in config["collections"]]
    assert len(names) == len(set(names))
    assert {"episode", "event", "comment", "gallery", "lesson", "question"} & \
        {n.split("-", 1)[0] for n in names}

    def walk(fields):
        for entry in fields:
            if entry["widget"] == "object":
                assert entry["fields"], entry["name"]
            if entry["widget"] == "select":
                assert entry["options"], entry["name"]
            walk(entry.get("fields", ()))

    for entry in config["collections"]:
        walk(entry.get("fields") or entry["files"][0]["fields"])


def test_every_collection_of_the_whole_kit_matches_its_content_type_field_by_field():
    """The comparison with the content schema, for every type the kit's site has (not only
    posts): each field, nested ones too, with its name, order, required flag, help text in
    the site's language and allowed values; nothing in the editor that the schema lacks."""
    from pelican.settings import read_settings
    from shelfcast_editor.config import content_folders
    from sitetools import KIT_SITE

    settings = {**read_settings(str(KIT_SITE / "pelicanconf.py")), "DEFAULT_LANG": "da"}
    schema = schema_for(settings)
    config = editor_config(schema, settings, content_folders(str(KIT_SITE / "content")), {})
    compared = set()
    for entry in config["collections"]:
        content_type = schema.types[entry["name"].split("-", 1)[0]]
        fields = entry.get("fields") or entry["files"][0]["fields"]
        if content_type.body and content_type.format == "markdown":
            assert fields[-1]["name"] == "body", entry["name"]
            fields = fields[:-1]
        assert_same_fields(fields, content_type.fields, entry["name"], optional=False)
        compared.add(content_type.name)
    # (album: and event: are blocks of a post, compared with it)
    assert {"post", "page", "episode", "show", "comment", "gallery", "lesson", "programme",
            "question"} <= compared


def assert_same_fields(widgets, declared, where: str, optional: bool) -> None:
    assert [w["name"] for w in widgets] == [f.name for f in declared], where
    for widget, f in zip(widgets, declared, strict=True):
        at = f"{where}.{f.name}"
        assert widget["required"] == (bool(f.required) and not optional), at
        assert widget.get("hint") == (f.text("help", "da") if f.help else None), at
        if f.allowed:
            assert widget["options"] == [str(v) for v in f.allowed], at
        if f.kind == "block" and f.fields:
            assert_same_fields(widget["fields"], f.fields, at, optional or not f.required)
        elif f.kind == "block":
            assert widget["widget"] == "hidden", at
        if f.kind == "list" and f.item is not None and f.item.kind == "block":
            assert_same_fields(widget["fields"], f.item.fields, at, optional=False)


def test_a_new_episode_starts_with_no_person_rather_than_one_without_a_name():
    """Decap fills a new entry's list with one item of its fields' defaults (role: host),
    whose required name then stops every save; the list starts empty instead."""
    settings = {"PLUGINS": ["shelfcast_sitekit", "shelfcast_podcast"], "DEFAULT_LANG": "da"}
    folders = {"podcasts/bogsnak": ["show.yaml", "ep.md"]}
    config = editor_config(schema_for(settings), settings, folders, {})
    persons = field(collection(config, "episode-podcasts-bogsnak"), "persons")
    assert any("default" in nested for nested in persons["fields"])
    assert persons["default"] == []
