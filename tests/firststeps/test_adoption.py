"""Acceptance: a library replaces the demo with its own three files (a post, a page and the
picture link previews use) and a short Swedish library.py, and `make check` and `make build`
succeed in its repository.

The kit's own suite (`make test`) is not run again inside the copy (it takes minutes);
test_kit_independence.py guards instead that no test reads the library's content/ or settings.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html
from PIL import Image
from shelfcast_sitekit.settingsfile import assignment_text
from sitetools import copy_kit, write_content

VENV = Path(sys.prefix)  # the shared virtualenv: make must not build another one
SWEDISH = {
    "SITENAME": "Malmö stadsbibliotek",
    "SITEURL": "https://bibliotek.malmo.example.se",
    "AUTHOR": "Malmö stadsbibliotek",
    "DEFAULT_LANG": "sv",
    "SITESUBTITLE": "Böcker, musik och evenemang",
    "CATALOGUE": {"system": "koha", "base_url": "https://malmo.bibkat.example.se"},
    "SECTION_TITLES": {"nyheter": "Nyheter", "bocker": "Böcker"},
    "PODCAST": {"owner": {"name": "Malmö stadsbibliotek", "email": "podd@malmo.example.se"}},
    "LIBRARY": {"name": "Malmö stadsbibliotek", "email": "info@malmo.example.se",
                "accent_colour": "#7a1f5c",
                "opening_hours": {"regular": {"mon": "10-19", "sat": "11-15"}}},
}
CONTENT = {
    "posts/bocker/deckare.md": """
        ---
        title: Deckare för vintern
        date: 2026-11-10
        ---
        Börja med [Mördaren i folkhemmet](isbn:9789100123451).
    """,
    "pages/om-oss.md": "---\ntitle: Om oss\nslug: om-oss\n---\nVi är stadens bibliotek.\n",
}


def make(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *arguments, f"VENV={VENV}"], cwd=project, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture
def library_repo(tmp_path) -> Path:
    if shutil.which("make") is None:
        pytest.skip("make is not installed (Debian package make)")
    if not (VENV / ".installed-build").exists():
        pytest.skip(f"{VENV} was not made by `make venv`; make would install into it")
    project = copy_kit(tmp_path / "malmo")
    # Older than the venv's stamp, so make does not reinstall the shared venv.
    os.utime(project / "requirements.txt", (0, 0))
    # The library's one short settings file; the kit's pelicanconf.py stays as shipped.
    (project / "library.py").write_text(
        "".join(assignment_text(name, value) + "\n" for name, value in SWEDISH.items()),
        encoding="utf-8")
    for relative, text in CONTENT.items():
        write_content(project / "content", relative, text)
    # The picture for link previews (SHELFCAST_THEME["DEFAULT_IMAGE"]): the library's own.
    card = project / "content" / "images" / "site-card.png"
    card.parent.mkdir()
    Image.new("RGB", (1200, 630), "#7a1f5c").save(card)
    return project


def test_a_library_with_its_own_three_files_and_swedish_settings_checks_and_builds(
        library_repo):
    files = sorted(str(p.relative_to(library_repo / "content"))
                   for p in (library_repo / "content").rglob("*") if p.is_file())
    assert len(files) == 3, files

    checked = make(library_repo, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Content checked: no errors." in checked.stdout
    assert "Note:" not in checked.stdout  # no reminder to run invoke init: the name is theirs
    assert "pip install" not in checked.stdout  # the shared venv was used as it is

    built = make(library_repo, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    output = library_repo / "output"
    home = html.fromstring((output / "index.html").read_text(encoding="utf-8"))
    assert home.get("lang") == "sv"
    assert "Malmö stadsbibliotek" in home.xpath("string(//title)")
    post = (output / "posts" / "2026" / "deckare-for-vintern.html").read_text(encoding="utf-8")
    assert "https://malmo.bibkat.example.se/cgi-bin/koha/opac-search.pl?idx=nb&amp;q=" \
           "9789100123451" in post
    assert (output / "om-oss.html").exists() and (output / "visit.html").exists()
    assert (output / "images" / "site-card.png").exists()
    assert "Besök oss" in (output / "visit.html").read_text(encoding="utf-8")
    assert "--link: #7a1f5c" in (output / "theme" / "css" / "brand.css").read_text()
