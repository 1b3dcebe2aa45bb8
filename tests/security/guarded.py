"""Run one command the way an attacker's input would meet it, in a child process that cannot
reach the network (run by tests/security/harness.py, never by pytest itself).

    python tests/security/guarded.py REPORT.json -m invoke import-wordpress export.xml
    python tests/security/guarded.py REPORT.json -c "from x import y; y()"

Before the command runs:
- every socket connect to an address other than 127.0.0.1 / ::1 (or a Unix socket) is refused
  and written down in REPORT.json's "dialled" list, so a test can fail on it;
- name look-ups never reach DNS: SHELFCAST_TEST_HOSTS (JSON, {"name": "address", ...}) answers
  for the names a test uses; any other name fails as an unknown host (and is written down in
  "looked_up").
The command's exit code is this process's exit code.
"""

from __future__ import annotations

import atexit
import ipaddress
import json
import os
import runpy
import socket
import sys

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _is_loopback(host) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refuse_foreign_connects() -> None:
    """Refuse (raise) every connect to an address other than loopback, in this process."""
    original_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family != getattr(socket, "AF_UNIX", None) and not _is_loopback(host):
            raise ConnectionRefusedError(f"tests connect only to loopback, not {address!r}")
        return original_connect(self, address)

    socket.socket.connect = connect


def peak_rss_mb() -> float | None:
    """This process's own peak memory since exec (VmHWM). The wait4 figure can be the parent's:
    Linux keeps a vfork()ed child's pre-exec high-water mark, which is pytest's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def install_guards(report_path: str) -> None:
    report = {"dialled": [], "looked_up": []}

    def save():
        with open(report_path, "w", encoding="utf-8") as out:
            json.dump(report, out)

    def save_peak():
        report["rss_mb"] = peak_rss_mb()
        save()

    save()
    atexit.register(save_peak)
    hosts = json.loads(os.environ.get("SHELFCAST_TEST_HOSTS") or "{}")
    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def allowed(sock, address) -> bool:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return True
        host = address[0] if isinstance(address, tuple) else address
        if _is_loopback(host):
            return True
        report["dialled"].append(str(host))
        save()
        return False

    def connect(self, address):
        if not allowed(self, address):
            raise ConnectionRefusedError(f"test connect guard: {address!r} is not loopback")
        return original_connect(self, address)

    def connect_ex(self, address):
        if not allowed(self, address):
            return 111  # ECONNREFUSED
        return original_connect_ex(self, address)

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name in hosts:
            return original_getaddrinfo(hosts[name], port, *args, **kwargs)
        if name is None or _is_loopback(name):
            return original_getaddrinfo(host, port, *args, **kwargs)
        try:
            ipaddress.ip_address(name)
        except ValueError:
            report["looked_up"].append(name)
            save()
            raise socket.gaierror(socket.EAI_NONAME, f"test resolver: unknown host {name}") \
                from None
        return original_getaddrinfo(host, port, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo


def main(argv: list[str]) -> None:
    report_path, mode, target, *rest = argv
    install_guards(report_path)
    if mode == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif mode == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<guarded>", "exec"), {"__name__": "__main__"})
    else:
        raise SystemExit(f"guarded.py: unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
