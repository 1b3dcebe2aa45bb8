"""The one fetcher: what a URL from outside may make the kit fetch (issue 20, cases 3, 5, 6, 13)."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import ssl
import subprocess
import threading
import time

import pytest
from security.servers import endless, redirect, serve, trickle
from shelfcast_sitekit.fetcher import FetchError, Limits, fetch_bytes, fetch_to_file, public_address

LOCAL = Limits(allow_local=True, seconds=3)


@pytest.fixture
def resolver(monkeypatch):
    """Names resolve only through this map (no DNS); the connect guard of tests/conftest.py
    refuses any non-loopback connect, so a refusal here means nothing was dialled."""
    hosts: dict[str, str] = {}
    original = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in hosts:
            return original(hosts[host], port, *args, **kwargs)
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, f"unknown host {host}") from None
        return original(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return hosts


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
    "fc00::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "192.0.2.1",
    "64:ff9b::a9fe:a9fe", "2002:a00:1::1"])
def test_internal_addresses_are_not_public(address):
    assert not public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:85e5"])
def test_public_addresses_are(address):
    assert public_address(address)


def test_allow_local_lets_loopback_through_but_not_private_networks():
    assert public_address("127.0.0.1", allow_local=True)
    assert public_address("::1", allow_local=True)
    assert not public_address("10.0.0.1", allow_local=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://ftp.example.org/a.mp3",
                                 "data:text/plain,hello", "gopher://x/", "/etc/hostname"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch_bytes(url, LOCAL)


def test_a_name_that_resolves_to_an_internal_address_is_refused(resolver):
    resolver["internal.example"] = "10.0.0.5"
    with pytest.raises(FetchError, match="internal address"):
        fetch_bytes("http://internal.example/latest.xml")


def test_one_internal_address_among_public_ones_is_refused(resolver, monkeypatch):
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 80))
               for a in ("93.184.215.14", "169.254.169.254")]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(FetchError, match="169.254.169.254"):
        fetch_bytes("http://mixed.example/")


def test_loopback_is_refused_without_allow_local():
    with serve({"/a": b"hello"}) as base:
        with pytest.raises(FetchError, match="--allow-local"):
            fetch_bytes(f"{base}/a")
        assert fetch_bytes(f"{base}/a", LOCAL) == b"hello"


@pytest.mark.parametrize("target", ["http://10.0.0.1/", "http://metadata.example/latest",
                                    "file:///etc/passwd"])
def test_every_redirect_target_is_checked_again(resolver, target):
    resolver["metadata.example"] = "169.254.169.254"
    with serve({"/feed.xml": redirect(target)}) as base:
        with pytest.raises(FetchError, match="internal address|only http"):
            fetch_bytes(f"{base}/feed.xml", LOCAL)


def test_redirects_are_followed_five_times_at_most():
    routes = {f"/{n}": redirect(f"/{n + 1}") for n in range(7)} | {"/7": b"end"}
    with serve(routes) as base:
        assert fetch_bytes(f"{base}/2", LOCAL) == b"end"
        with pytest.raises(FetchError, match="more than 5 times"):
            fetch_bytes(f"{base}/0", LOCAL)


def test_a_trickling_server_is_cut_off_at_the_deadline():
    with serve({"/slow": trickle(b"x" * 50, every=0.5)}) as base:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took longer than 2 s"):
            fetch_bytes(f"{base}/slow", Limits(allow_local=True, seconds=2))
    assert time.monotonic() - started < 3


def test_the_size_cap_stops_an_endless_body_and_leaves_no_file(tmp_path):
    with serve({"/big": endless(), "/small": b"12345"}) as base:
        with pytest.raises(FetchError, match="larger than 1 MB"):
            fetch_to_file(f"{base}/big", tmp_path, Limits(max_bytes=2**20, allow_local=True))
        assert list(tmp_path.iterdir()) == []
        kept = fetch_to_file(f"{base}/small", tmp_path, LOCAL)
    assert kept.read_bytes() == b"12345" and kept.parent == tmp_path


def test_an_error_status_says_what_the_server_answered():
    with serve({}) as base:
        with pytest.raises(FetchError, match="answered 404"):
            fetch_bytes(f"{base}/gone.mp3", LOCAL)


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a certificate for uploads.example only; it records the
    SNI name and the Host header it was sent."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=uploads.example",
                    "-addext", "subjectAltName=DNS:uploads.example"], check=True,
                   capture_output=True)
    seen: dict[str, str] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"] = self.headers["Host"]
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen.__setitem__("sni", name)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert, seen
    server.shutdown()
    server.server_close()


def test_https_to_the_checked_address_keeps_sni_host_and_certificate_check(resolver, tls_server,
                                                                          monkeypatch):
    port, cert, seen = tls_server
    resolver["uploads.example"] = "127.0.0.1"
    url = f"https://uploads.example:{port}/a"
    with pytest.raises(FetchError, match="certificate is not valid"):
        fetch_bytes(url, LOCAL)  # self-signed: not trusted by the system's store
    assert seen["sni"] == "uploads.example"
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted for this test only
    assert fetch_bytes(url, LOCAL) == b"ok"
    assert seen["host"] == f"uploads.example:{port}"
