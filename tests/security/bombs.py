"""Files that cost little to make and much to read: sparse gigabytes, pixel bombs."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

GIGABYTE = 1 << 30


def sparse_file(path: Path, start: bytes = b"", size: int = GIGABYTE) -> Path:
    """`size` bytes on paper, a few blocks on disk: `start`, then zeros."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(start)
        handle.truncate(size)
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(path: Path, side: int, real_pixels: bool = True) -> Path:
    """A grey PNG of side x side pixels. With `real_pixels` its data decodes in full (a few
    hundred KB of zlib for hundreds of megabytes of pixels); without, only the header is
    right (enough where Pillow refuses from the header)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    packer = zlib.compressobj(9)
    if real_pixels:
        row = b"\0" * (side + 1)  # filter byte, then one byte a pixel
        data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    else:
        data = packer.compress(b"\0" * (side + 1)) + packer.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
                     + _chunk(b"IEND", b""))
    return path
