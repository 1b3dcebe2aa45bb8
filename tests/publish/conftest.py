"""A tiny project (content, settings, theme, plugins) that the publish tests build and ship."""

from __future__ import annotations

import pytest
from publish_servers import S3Server, SshServer
from publishtools import (  # noqa: F401 (helpers live there; tests import them from it)
    POSTS,
    ROOT,
    SITE_URL,
    Project,
    digest,
    git,
    mp3,
    png,
    tree,
)


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    made = Project(root)
    for relative, text in POSTS.items():
        made.write(relative, text)
    made.write("images/door.png", png("red"))
    made.write("audio/talk.mp3", mp3(20))
    return made


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory):
    server = SshServer(tmp_path_factory.mktemp("sshd"))
    server.start()
    yield server
    from publish_servers import stop
    stop(server.process)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    server = S3Server(tmp_path_factory.mktemp("moto"))
    server.start()
    yield server
    from publish_servers import stop
    stop(server.process)


