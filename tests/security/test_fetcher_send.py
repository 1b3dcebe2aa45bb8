"""fetcher.send: one request to an address in the settings (publish pings), same checks."""

from __future__ import annotations

import pytest
from security.servers import redirect, serve, trickle
from shelfcast_sitekit.fetcher import FetchError, Limits, send

LOCAL = Limits(allow_local=True, seconds=3, max_bytes=1024)


def test_send_answers_the_status_and_never_follows_a_redirect():
    with serve({"/ping": b"ok", "/moved": redirect("http://10.0.0.1/")}) as base:
        assert send(base + "/ping?url=x", "GET", None, {"Authorization": "t"}, LOCAL) == \
            (200, "OK")
        assert send(base + "/moved", "GET", limits=LOCAL)[0] == 302   # an answer, not a hop
        assert send(base + "/ping", "POST", b"hub.mode=publish", {}, LOCAL)[0] == 501


def test_send_keeps_the_fetchers_checks():
    with serve({"/ping": b"ok", "/slow": trickle(b"x" * 50, every=1)}) as base:
        with pytest.raises(FetchError, match="internal address"):
            send(base + "/ping", "GET")                       # 127.0.0.1 without allow_local
        with pytest.raises(FetchError):
            send(base + "/slow", "GET", limits=Limits(allow_local=True, seconds=1.5))
    with pytest.raises(FetchError):
        send("file:///etc/passwd", "GET", limits=LOCAL)
