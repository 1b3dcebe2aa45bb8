"""Publishing the demo's name or made-up address stops and says to run `invoke init`."""

import shutil
import subprocess
import sys
from pathlib import Path

from sitetools import KIT_SITE, copy_kit, copy_project, write_content

INVOKE = Path(sys.executable).with_name("invoke")


def invoke(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_publishing_under_the_demo_name_stops_before_building(tmp_path):
    project = copy_project(tmp_path / "repo")
    (tmp_path / "www").mkdir()
    conf = project / "library.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nPUBLISH['targets']['share'] = "
                    f"{{'type': 'folder', 'path': {str(tmp_path / 'www')!r}}}\n",
                    encoding="utf-8")
    done = invoke(project, "publish", "--to", "share")
    assert done.returncode == 1
    assert "library.py: the site is still called 'Ørstad Public Library', the demo's name; " \
        "run `invoke init`" in done.stderr
    assert not any((tmp_path / "www").iterdir())
    assert not (project / ".cache" / "publish-output").exists()


def test_a_production_build_with_the_demo_address_stops_a_preview_build_does_not(tmp_path):
    project = copy_project(tmp_path / "repo")
    conf = project / "library.py"  # the library renamed the site but kept the demo address
    conf.write_text(conf.read_text(encoding="utf-8") + "\nSITENAME = 'Strand Library'\n"
                    "SITEURL = 'https://library.example.org'\n", encoding="utf-8")
    done = invoke(project, "build", "--settings", "publishconf.py", "--output", "public")
    assert done.returncode == 1
    assert "run `invoke init` (or `make init`)" in done.stderr
    assert "SITEURL is still the demo's address (https://library.example.org)" in done.stderr
    assert not (project / "public").exists()
    preview = invoke(project, "build", "--output", "preview")
    assert preview.returncode == 0, preview.stderr


def test_invoke_check_passes_but_reminds_that_publishing_will_stop(tmp_path):
    project = copy_kit(tmp_path / "repo")
    shutil.copy(KIT_SITE / "library.py", project / "library.py")
    write_content(project / "content", "posts/news/a.md", "---\ntitle: A\ndate: 2026-01-05\n"
                                                           "---\nHello.\n")
    write_content(project / "content", "images/site-card.png",
                  (KIT_SITE / "content" / "images" / "site-card.png").read_bytes())
    done = invoke(project, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Note: the site is still called 'Ørstad Public Library', the demo's name; run " \
        "`invoke init`" in done.stdout


def test_a_production_build_names_each_demo_leftover(tmp_path):
    """Issue 23: a build for readers names the demo's tagline, address and link-preview card
    still in place (a reminder: the name and the address refuse, these remind)."""
    project = copy_project(tmp_path / "repo")
    conf = project / "library.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nSITENAME = 'Strand Library'\n"
                    "SITEURL = 'https://strand.example.se'\n", encoding="utf-8")
    done = invoke(project, "build", "--settings", "publishconf.py", "--output", "public")
    assert done.returncode == 0, done.stderr
    assert "Note: library.py: SITESUBTITLE is still the demo's tagline" in done.stderr
    assert "library.py: LIBRARY['address'] is still the demo's (Torvet 1)" in done.stderr
    assert "content/images/site-card.png is still the demo's link-preview picture" in done.stderr
