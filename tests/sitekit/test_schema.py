"""One schema, three uses: the build's checks, the docs' tables and the JSON Schema export all
come from plugins/*/declarations.py, and every field a plugin reads is in it (issue 21)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import jsonschema
import pytest
from exportcheck import as_json
from shelfcast_sitekit.declarations import words
from shelfcast_sitekit.frontmatter import parse_yaml, split
from shelfcast_sitekit.schema import schema_for
from shelfcast_sitekit.schemadocs import generated_docs, kit_schema
from sitetools import KIT_SITE, ROOT, copy_project

PLUGINS = ROOT / "plugins"


def fixture_files():
    content = KIT_SITE / "content"
    for path in sorted(content.rglob("*")):
        if path.suffix in (".md", ".yaml"):
            yield path.relative_to(content).as_posix(), path.read_text(encoding="utf-8")


def front_matter(relative: str, text: str) -> dict:
    document, problems = (split if relative.endswith(".md") else parse_yaml)(relative, text)
    assert document is not None, problems
    return document.meta


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    """What `invoke schema` writes for the fixture site's settings, read back from the files."""
    out = tmp_path_factory.mktemp("schema")
    done = subprocess.run([sys.executable, "-m", "invoke", "schema", "--out", str(out),
                           "--settings", str(KIT_SITE / "pelicanconf.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text())
            for p in out.glob("*.schema.json")}


@pytest.fixture(scope="module")
def fixture_schema():
    from shelfcast_sitekit.build import load_settings
    return schema_for(load_settings(str(KIT_SITE / "pelicanconf.py")))


def test_the_export_validates_every_front_matter_block_of_the_fixture_site(exported,
                                                                          fixture_schema):
    checked = set()
    for relative, text in fixture_files():
        meta = front_matter(relative, text)
        content_type = fixture_schema.type_for(relative, meta)
        assert content_type is not None, relative
        validator = jsonschema.Draft202012Validator(exported[content_type.name])
        errors = [e.message for e in validator.iter_errors(as_json(meta))]
        assert errors == [], (relative, errors)
        checked.add(content_type.name)
    assert {"post", "page", "episode", "show", "album", "playlist", "event", "programme",
            "lesson", "question", "comment", "gallery", "video"} <= checked


# Bad files as the kit's bad-input tests write them (tests/<plugin>/...), one or more per type.
BAD = [
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\nstaus: draft"),     # sitekit/test_fields
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\nevnt: {start: 2026-12-03 19:00}"),
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\ncomentss: closed"),
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\nvideo: a.mp4\ncaptoins: a.vtt"),
    ("posts/news/a.md", "date: 2026-01-05"),                                 # title missing
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\nstatus: secret"),
    ("posts/news/a.md", "title: x\ndate: 2026-01-05\nslug: Not A Slug"),
    ("pages/a.md", "title: About\nsave_as: //evil.example/landing.html"),  # security/
    ("podcasts/talk/first.md", "title: First\ndate: 2026-01-05\naudio: audio/first.mp3\n"
                               "guid: g-1\nepisdoe: 4"),                    # podcast_errors
    ("podcasts/talk/first.md", "title: First\ndate: 2026-01-05\naudio: audio/first.mp3\n"
                               "episode_type: special"),
    ("podcasts/talk/show.yaml", "title: Talk\ndescription: x\ntype: seriel"),
    ("podcasts/talk/show.yaml", "description: no title"),
    ("music/a.md", "title: x\ndate: 2026-01-05\nalbum: {title: Blue Train}"),  # no artist
    ("music/a.md", "title: x\ndate: 2026-01-05\nalbum: {artist: A, title: B, year: 1066}"),
    ("music/a.md", "title: x\ndate: 2026-01-05\nplaylist: {title: P, tracks: [{title: T}]}"),
    ("posts/events/a.md", "title: x\ndate: 2026-01-05\nevent: {startt: 2026-12-03 19:00}"),
    ("posts/events/a.md", "title: x\ndate: 2026-01-05\nevent:\n  start: 2026-12-03 19:00\n"
                          "  recurrence: {every: fortnight, until: 2027-01-01}"),
    ("programmes/p/programme.yaml", "title: X\nstart: someday"),             # programmes
    ("programmes/p/programme.yaml", "title: X\nstart: 2027-01-04\npace: 0"),
    ("programmes/p/programme.yaml", "start: 2027-01-04"),
    ("programmes/p/thing-01.md", "title: Tool 1\nthing: first"),
    ("questions/no-age.md", "question: Where are the comics?\nasked_by: Ole\n"
                            "topics: [comics]\ndate: 2026-10-01"),           # questions
    ("questions/a.md", "question: Why?\nage_group: children\ntopics: [x]\ndate: 2026-10-01\n"
                       "aksed_by: Ole"),
    ("comments/winter-reading/reply.yaml", "name: Anna\ndate: 2026-11-02\ntext: Hi\n"
                                           "reply_to: Not An Id"),
    ("comments/winter-reading/a.yaml", "name: Anna\ndate: 2026-11-02"),     # no text
    ("comments/winter-reading/a.yaml", "name: Anna\ndate: 2026-11-02\ntext: x\n"
                                       "website: javascript:alert(1)"),
    ("galleries/party/gallery.yaml", "title: Party\ndate: 2026-08-20"),     # no images
    ("galleries/party/gallery.yaml", "title: Party\ndate: 2026-08-20\nimages:\n"
                                     "  - {file: a.jpg, alt: A, captoin: B}"),
    ("posts/news/v.md", "title: x\ndate: 2026-01-05\nvideo: tour.mp4\nvideo_postr: t.jpg"),
]


@pytest.mark.parametrize("relative, yaml_text", BAD)
def test_the_export_rejects_each_bad_front_matter(exported, fixture_schema, relative,
                                                  yaml_text):
    text = f"---\n{yaml_text}\n---\nBody.\n" if relative.endswith(".md") else yaml_text
    meta = front_matter(relative, text)
    content_type = fixture_schema.type_for(relative, meta)
    validator = jsonschema.Draft202012Validator(exported[content_type.name])
    assert list(validator.iter_errors(as_json(meta))), (relative, content_type.name)


@pytest.mark.parametrize("typo, meant", [("evnt", "event"), ("comentss", "comments"),
                                         ("captoins", "captions"), ("pinnned", "pinned")])
def test_a_misspelt_plugin_field_is_an_unknown_field_with_a_suggestion(site, typo, meant):
    site.write("posts/news/a.md", f"---\ntitle: A\ndate: 2026-01-05\n{typo}: x\n---\nA.\n")
    assert site.build() == 1
    assert f"content/posts/news/a.md:4: {typo}: unknown field, so its value would be " \
        f"ignored; did you mean '{meant}'?" in site.messages


def test_a_misspelt_question_field_is_an_unknown_field_with_a_suggestion(site):
    site.write("questions/a.md", "---\nquestion: Why?\nage_group: children\ntopics: [x]\n"
               "date: 2026-10-01\nansered_by: Ola\n---\nBecause.\n")
    assert site.build() == 1
    assert "content/questions/a.md:6: ansered_by: unknown field, so its value would be " \
        "ignored; did you mean 'answered_by'?" in site.messages


# Every field a plugin or template reads is declared: tests/sitekit/test_fields_read.py builds
# the fixture site with recording front matter.


# --- a field added in a plugin's declarations reaches all three uses -------------------

PROBE = '''
from shelfcast_sitekit.schema import Field
EXTENSIONS = {"post": (Field("reading_level", "enum", allowed=("easy", "hard"),
                             example="easy", help={"en": "How hard the text is."}),)}
'''
PROBE_ROW = "| `reading_level` |  | one of | easy, hard | How hard the text is. | easy |"


def invoke(project, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def probe_project(tmp_path_factory):
    """A library's repository whose kit has one more plugin, shelfcast_probe: a package with
    an empty register() and a declarations module, nothing else; the library turns it on."""
    project = copy_project(tmp_path_factory.mktemp("probe") / "repo")
    shutil.copy(ROOT / "README.md", project / "README.md")
    (project / "docs").mkdir()
    package = project / "plugins" / "shelfcast_probe"
    package.mkdir()
    (package / "__init__.py").write_text("def register():\n    pass\n")
    (package / "declarations.py").write_text(textwrap.dedent(PROBE))
    with open(project / "library.py", "a", encoding="utf-8") as library:
        library.write('\nPLUGINS += ["shelfcast_probe"]\n')
    return project


def test_a_declared_field_is_checked_by_the_build_without_other_code(probe_project):
    post = probe_project / "content" / "posts" / "news" / "level.md"
    post.write_text("---\ntitle: Level\ndate: 2026-01-05\nreading_level: impossible\n---\n"
                    "Text.\n")
    try:
        done = invoke(probe_project, "build", "--output", "probe-output")
    finally:
        post.unlink()
    assert done.returncode != 0
    assert "content/posts/news/level.md:4: reading_level: 'impossible' is not allowed; " \
        "write one of easy, hard" in done.stdout + done.stderr


def test_a_declared_field_gains_a_row_in_the_generated_docs(probe_project):
    assert PROBE_ROW not in (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    done = invoke(probe_project, "docs")
    assert done.returncode == 0, done.stderr
    fields = (probe_project / "docs" / "fields.md").read_text(encoding="utf-8")
    post_table = fields.split("(`post`)")[1].split("\n## ")[0]
    assert PROBE_ROW in post_table


def test_a_declared_field_is_emitted_by_invoke_schema(probe_project):
    done = invoke(probe_project, "schema", "--out", "probe-schema")
    assert done.returncode == 0, done.stderr
    post = json.loads((probe_project / "probe-schema" / "post.schema.json").read_text())
    assert post["properties"]["reading_level"]["enum"] == ["easy", "hard"]
    validator = jsonschema.Draft202012Validator(post)
    assert list(validator.iter_errors({"title": "A", "date": "2026-01-05",
                                       "reading_level": "impossible"}))


# --- generated docs are the committed docs ---------------------------------------------

def test_the_committed_field_and_settings_tables_are_generated_from_the_schema():
    for relative, text in generated_docs(str(ROOT)).items():
        assert (ROOT / relative).read_text(encoding="utf-8") == text, \
            f"{relative} is out of date: run `invoke docs`"


def test_every_type_has_help_in_three_languages():
    schema = kit_schema(str(PLUGINS))
    for content_type in schema.types.values():
        for f in content_type.fields:
            assert set(f.help) == set(words("", "", "")), (content_type.name, f.name)


# --- one reader for every settings dict -------------------------------------------------

# Each plugin's settings block against every kind of mistake: tests/sitekit/test_settings_blocks.py.

def test_the_issues_settings_examples_stop_the_build_with_one_line_each(site):
    assert site.build(EVENTS={"path": "../escape", "home_count": -5}) == 1
    assert "pelicanconf.py: EVENTS['home_count']: -5 is too small; write 0 or more" \
        in site.messages
    assert "pelicanconf.py: EVENTS['path']: " in site.messages
    assert site.build(QUESTIONS={"ask_form_url": "javascript:alert(1)"}) == 1
    assert "pelicanconf.py: QUESTIONS['ask_form_url']: 'javascript:alert(1)' is not a full " \
        "https or http address" in site.messages
    assert "Traceback" not in site.messages
