"""The one way the kit reads anything remote: imports, participants' feeds, anything later.

What a URL from outside may make us fetch is limited here, once:
- http and https only (file:, ftp:, data: and the rest are refused);
- the host is looked up once and every address it resolves to must be public (no loopback,
  private, link-local, CGNAT, multicast, reserved or unspecified address, nor one of those
  written as IPv6); the connection goes to that checked address, never to a second look-up,
  so a name cannot resolve to a public address for the check and a private one for the
  connect. https still checks the certificate against the name (SNI and Host stay the name);
- redirects are followed by hand, five at most, each target checked like the first URL;
- one deadline for the whole fetch, redirects and every read included (a server that
  trickles one byte every two seconds is cut off), not only a per-read timeout;
- the body is streamed, to a temporary file or a bounded buffer, and stops at a size cap.

`allow_local` lets loopback addresses (127.0.0.1, ::1) through, for tests and a preview on one
machine (a build reads it from the setting FETCH_ALLOW_LOCAL); private networks stay refused
even then. `send()` is for the few requests we make to addresses in the settings (the WebSub
hub, Podping after a publish): one request, any method, its status; redirects not followed.
Environment proxies are not used: the connection must go to the address that was checked.

Every failure is a FetchError whose message names the URL, what went wrong and what to do.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import os
import socket
import ssl
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, urljoin, urlsplit

SCHEMES = {"http": 80, "https": 443}
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
# Shared address space (RFC 6598) is not global, but older Pythons do not all say so.
CGNAT = ipaddress.ip_network("100.64.0.0/10")
# IPv6 forms that carry an IPv4 address a gateway would connect to: NAT64 (RFC 6052), 6to4.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
USER_AGENT = "Shelfcast"
# `invoke build --allow-local` and tests on 127.0.0.1 set it for one build; never a site.
ALLOW_LOCAL_SETTING = "FETCH_ALLOW_LOCAL"


@dataclass(frozen=True)
class Limits:
    """How much one fetch may cost: bytes, seconds for the whole fetch, redirects."""

    max_bytes: int = 50 * 1024 * 1024
    seconds: float = 60.0
    redirects: int = 5
    allow_local: bool = False


class FetchError(OSError):
    """A URL that could not or must not be fetched: `url`, `why`, and a message saying what to
    do. An OSError, as urllib's errors are, so callers catch one thing."""

    def __init__(self, url: str, why: str, advice: str = "check the address (open it in a "
                 "browser) and try again"):
        self.url, self.why, self.advice = url, why, advice
        super().__init__(f"{url}: {why}; {advice}")

    def __str__(self) -> str:
        return self.args[0]


def fetch_bytes(url: str, limits: Limits = Limits()) -> bytes:
    """The body at `url`, held in memory: only for small things (feeds, chapters), so
    `limits.max_bytes` should be small."""
    buffer = io.BytesIO()
    _fetch(url, limits, buffer)
    return buffer.getvalue()


def send(url: str, method: str, body: bytes | None = None, headers: dict | None = None,
         limits: Limits = Limits()) -> tuple[int, str]:
    """Send one request and return the answer's (status, reason); its body is read up to
    `limits.max_bytes` and dropped. A redirect is an answer, not a new target: a ping goes to
    the configured address only. FetchError when the address is refused or does not answer."""
    deadline = time.monotonic() + limits.seconds
    extra = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **(headers or {})}

    def exchange(connection) -> tuple[int, str]:
        connection.request(method, _target(url), body=body, headers=extra)
        response = connection.getresponse()
        _stream(url, response, limits, deadline, io.BytesIO())
        return response.status, response.reason

    return _connected(url, limits, deadline, exchange)


def fetch_to_file(url: str, folder: str | os.PathLike | None = None,
                  limits: Limits = Limits()) -> Path:
    """The body at `url` streamed into a new file in `folder` (the system's temporary folder
    if None); the caller moves or removes it. Nothing is left behind on a FetchError."""
    handle, name = tempfile.mkstemp(prefix=".fetch-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            _fetch(url, limits, out)
    except BaseException:  # not handled here: only the partial file is removed (also on ^C)
        os.unlink(name)
        raise
    return Path(name)


def public_address(address: str, allow_local: bool = False) -> bool:
    """True when `address` (an IP address) is one a URL from outside may make us connect to."""
    ip = _carried(ipaddress.ip_address(address.split("%", 1)[0]))
    if allow_local and ip.is_loopback:
        return True
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip in CGNAT)


def _carried(ip):
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), else ip itself."""
    if ip.version == 4:
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour or ip


def checked_addresses(url: str, limits: Limits) -> tuple[str, str, int, list[str]]:
    """(scheme, host, port, addresses) for `url`, looked up once; FetchError if the scheme is
    not http(s) or any address is not public."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(url, f"'{scheme or 'no'}:' addresses are not fetched (only http and "
                         "https)", "give an http:// or https:// address")
    try:
        host, port = parts.hostname, parts.port or SCHEMES[scheme]
    except ValueError:
        raise FetchError(url, "the port is not a number") from None
    if not host:
        raise FetchError(url, "the address has no host name")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(url, f"the host name {host} is not known ({error})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    refused = [a for a in addresses if not public_address(a, limits.allow_local)]
    if refused or not addresses:
        raise FetchError(url, f"{host} is an internal address ({', '.join(refused)}), which "
                         "is never fetched", "use the file's public address"
                         + ("" if limits.allow_local else " (tests: --allow-local for "
                                                          "127.0.0.1)"))
    return scheme, host, port, addresses


def _fetch(url: str, limits: Limits, sink: BinaryIO) -> None:
    deadline = time.monotonic() + limits.seconds
    current = url
    for _hop in range(limits.redirects + 1):
        location = _one_request(current, limits, deadline, sink)
        if location is None:
            return
        current = urljoin(current, location)
    raise FetchError(url, f"redirects more than {limits.redirects} times",
                     "give the final address of the file")


def _one_request(url: str, limits: Limits, deadline: float, sink: BinaryIO) -> str | None:
    """GET one URL into sink; the Location to follow for a redirect, else None."""
    return _connected(url, limits, deadline,
                      lambda connection: _exchange(url, connection, limits, deadline, sink))


def _connected(url: str, limits: Limits, deadline: float, exchange):
    """Connect to the checked address of url and return what exchange(connection) returns."""
    scheme, host, port, addresses = checked_addresses(url, limits)
    connection = _connection(scheme, host, port, addresses[0], _left(url, deadline, limits))
    # The deadline holds even inside one blocking read: the socket is shut when it passes.
    watchdog = threading.Timer(_left(url, deadline, limits), connection.cut)
    watchdog.start()
    try:
        answer = exchange(connection)
    except FetchError:
        if connection.was_cut:
            raise _late(url, limits) from None
        raise
    except (OSError, http.client.HTTPException) as error:
        raise (_late(url, limits) if connection.was_cut else FetchError(url, _reason(error))) \
            from None
    finally:
        watchdog.cancel()
        connection.close()
    if connection.was_cut:  # the cut ends a body early, like a normal end of the body
        raise _late(url, limits)
    return answer


def _exchange(url: str, connection, limits: Limits, deadline: float, sink: BinaryIO):
    connection.request("GET", _target(url), headers={"User-Agent": USER_AGENT,
                                                    "Accept-Encoding": "identity"})
    response = connection.getresponse()
    if response.status in REDIRECTS and response.getheader("Location"):
        return response.getheader("Location").strip()
    if response.status != 200:
        raise FetchError(url, f"the server answered {response.status} {response.reason}")
    _stream(url, response, limits, deadline, sink)
    return None


def _stream(url: str, response, limits: Limits, deadline: float, sink: BinaryIO) -> None:
    declared = response.getheader("Content-Length") or ""
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(url, limits)
    total = 0
    while chunk := response.read1(CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:
            raise _too_large(url, limits)
        sink.write(chunk)
        _left(url, deadline, limits)


def _too_large(url: str, limits: Limits) -> FetchError:
    size = (f"{limits.max_bytes / 2**20:g} MB" if limits.max_bytes >= 2**20
            else f"{limits.max_bytes} bytes")
    return FetchError(url, f"is larger than {size}, the most that is downloaded",
                      "make the file smaller or link to it instead")


def _left(url: str, deadline: float, limits: Limits) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _late(url, limits)
    return left


def _late(url: str, limits: Limits) -> FetchError:
    return FetchError(url, f"took longer than {limits.seconds:g} s, the most one download may "
                      "take", "try again later or ask the site's owner")


def _target(url: str) -> str:
    """The request line's path and query, with anything unsafe in it percent-encoded."""
    parts = urlsplit(url)
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return f"{path}?{query}" if query else path


def _connection(scheme: str, host: str, port: int, address: str, timeout: float):
    if scheme == "https":
        return _PinnedHTTPS(host, port, address, timeout)
    return _PinnedHTTP(host, port, address, timeout)


class _Pinned:
    """Connects to `address` (already checked), never to a new look-up of the host name; the
    socket is kept here because http.client hands it to the response and forgets it."""

    address: str
    held: socket.socket | None = None
    was_cut: bool = False

    def _open(self) -> socket.socket:
        self.held = socket.create_connection((self.address, self.port), self.timeout)
        return self.held

    def cut(self) -> None:
        """Shut the socket from the watchdog thread: a blocked read returns at once."""
        self.was_cut = True
        if self.held is not None:
            try:
                socket.socket.shutdown(self.held, socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the reading side: nothing left to cut


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = self._open()


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    """SNI, the Host header and the certificate check use the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        self.sock = self._context.wrap_socket(self._open(), server_hostname=self.host)
        self.held = self.sock


def _reason(error: Exception) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"its certificate is not valid ({error.verify_message})"
    if isinstance(error, ConnectionRefusedError):
        return "did not answer (the connection was refused)"
    if isinstance(error, TimeoutError | socket.timeout):
        return "the server did not answer in time"
    return str(getattr(error, "strerror", None) or error) or type(error).__name__
