"""Valid MPEG audio written in pure Python, for tests that need MP3 files of a known shape.

Each frame is a real MPEG-2 Layer III header with an all-zero body (a silent frame). Decoders
and demuxers (ffprobe) accept them, and the frame count fixes the exact duration.
"""

from __future__ import annotations

BITRATES = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)  # MPEG-2 Layer III
RATES = {22050: 0, 24000: 1, 16000: 2}
SAMPLES_PER_FRAME = 576


def frame(kbps: int, rate: int = 22050) -> bytes:
    """One MPEG-2 Layer III mono frame at kbps, without CRC or padding."""
    header = bytes([0xFF, 0xF3, (BITRATES.index(kbps) << 4) | (RATES[rate] << 2), 0xC0])
    return header + bytes(72 * kbps * 1000 // rate - 4)


def vbr_without_xing(seconds: float, rate: int = 22050) -> bytes:
    """A VBR stream with no Xing/VBRI header whose first frame has the lowest bitrate.

    A reader that estimates duration from the first frame's bitrate gets it about ten times
    too long; only counting the frames gives the right answer.
    """
    count = round(seconds * rate / SAMPLES_PER_FRAME)
    cycle = (160, 128, 144, 112)
    return frame(8, rate) + b"".join(frame(cycle[i % 4], rate) for i in range(count - 1))


def cbr(seconds: float, kbps: int = 32, rate: int = 22050) -> bytes:
    count = round(seconds * rate / SAMPLES_PER_FRAME)
    return frame(kbps, rate) * count


def duration(data_frames: int, rate: int = 22050) -> float:
    return data_frames * SAMPLES_PER_FRAME / rate
