"""Publishing with the settings' placeholder address stops before anything goes up: feeds,
sitemap and "copy this address" boxes would send readers and podcast apps nowhere."""

from __future__ import annotations

import pytest
from test_cli import run_invoke

PLACEHOLDERS = ["https://library.example.org", "http://example.com/library",
                "https://www.example.net", "http://127.0.0.1:8000", "http://localhost:8000",
                "https://bibliotek.test", ""]


@pytest.mark.parametrize("address", PLACEHOLDERS)
def test_a_placeholder_address_stops_before_anything_is_uploaded(project, tmp_path, address):
    www = tmp_path / "www"
    project.targets["share"] = {"type": "folder", "path": str(www)}
    project.site_url = address
    assert project.publish("share") == 2
    message = project.messages.strip().splitlines()[-1]
    assert message.startswith("publishconf.py: SITEURL is ")
    assert "Set SITEURL in publishconf.py" in message and "invoke init" in message
    assert "nothing was uploaded" in message
    assert not www.exists()
    assert not project.output.exists(), "the check comes before the build, which takes a while"


def test_a_dry_run_with_a_placeholder_address_stops_too(project, tmp_path):
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    project.site_url = "https://library.example.org"
    assert project.publish("share", dry_run=True) == 2
    assert "would upload" not in project.messages


def test_invoke_publish_names_the_placeholder_in_one_line(project, tmp_path):
    www = tmp_path / "www"
    project.targets["share"] = {"type": "folder", "path": str(www)}
    project.site_url = "https://library.example.org"
    done = run_invoke(project, "publish", "--to", "share")
    assert done.returncode == 2
    assert "SITEURL is 'https://library.example.org', a placeholder address" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert not www.exists()


@pytest.mark.parametrize("address", ["https://orstad-bibliotek.dk",
                                     "https://www.kommune.no/bibliotek/"])
def test_a_real_address_publishes(project, tmp_path, address):
    project.targets["share"] = {"type": "folder", "path": str(tmp_path / "www")}
    project.site_url = address
    assert project.publish("share") == 0, project.messages
    assert (tmp_path / "www" / "index.html").exists()
