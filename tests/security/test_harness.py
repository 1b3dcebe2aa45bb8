"""The hostile-case harness itself: a case that dials out, writes outside or runs long is seen."""

from __future__ import annotations

import socket

import pytest
from security.harness import run_case


def test_a_foreign_connect_and_a_stray_file_are_reported(tmp_path):
    code = ("import socket\n"
            "try:\n socket.create_connection(('10.0.0.1', 80), timeout=1)\n"
            "except OSError as error: print('refused:', error)\n"
            "open('stray.txt', 'w').write('x')\n")
    result = run_case(["-c", code], cwd=tmp_path, watch=[tmp_path])
    assert result.dialled == ["10.0.0.1"]
    assert result.changed == [str(tmp_path / "stray.txt")]
    assert "refused:" in result.output


def test_names_never_reach_dns(tmp_path):
    code = "import socket\nsocket.getaddrinfo('public.example', 80)\n"
    result = run_case(["-c", code], cwd=tmp_path)
    assert result.code != 0 and result.looked_up == ["public.example"]
    mapped = run_case(["-c", code], cwd=tmp_path, hosts={"public.example": "127.0.0.1"})
    assert mapped.code == 0, mapped.output


def test_memory_is_measured(tmp_path):
    result = run_case(["-c", "block = bytearray(200 * 1024 * 1024); block[::4096] = b'x' * "
                             "len(block[::4096])"], cwd=tmp_path)
    with pytest.raises(AssertionError, match="RSS"):
        result.assert_bounded()


def test_pytest_itself_refuses_foreign_addresses():
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
