"""Audio is read frame by frame, never whole: long files cost no memory, runaway files stop.

End to end where a librarian would meet it: a real build in a child process, measured by wall
time and the child's peak resident memory, with one clear line naming the file and output/
left as it was.
"""

import random
import struct
import sys

import pytest
from mpegframes import SAMPLES_PER_FRAME, cbr, frame
from podcasttools import FIXTURES, ROOT, measured, measured_build, tree_digest
from shelfcast_podcast.audio import AudioError, probe

GIB2 = 2 * 1024**3
EPISODE_LINE = "content/podcasts/talk/first.md:4: audio: audio/first.mp3 "
PROBE = "import sys; sys.path.insert(0, sys.argv[1]); " \
        "from shelfcast_podcast.audio import probe; print(probe(sys.argv[2]).duration)"


def write_long_mp3(path, frames: int, kbps: int = 160) -> None:
    """A long MP3 written a thousand frames at a time, never held in memory whole."""
    block = frame(kbps) * 1000
    with open(path, "wb") as out:
        for _ in range(frames // 1000):
            out.write(block)


def probe_in_child(path) -> dict:
    return measured([sys.executable, "-c", PROBE, str(ROOT / "plugins"), str(path)])


def test_peak_memory_does_not_grow_with_episode_length(tmp_path):
    short, long = tmp_path / "short.mp3", tmp_path / "long.mp3"
    short.write_bytes(cbr(2))
    write_long_mp3(long, 84_000)                         # 84,000 frames: 43.8 MB, 36 minutes
    assert long.stat().st_size > 40 * 1024**2
    small, big = probe_in_child(short), probe_in_child(long)
    assert (small["code"], big["code"]) == (0, 0), big["output"]
    assert float(big["output"]) == pytest.approx(84_000 * SAMPLES_PER_FRAME / 22050, abs=1e-3)
    # Reading the file whole (as before) costs at least its 44 MB on top of the short probe.
    assert big["peak_mb"] - small["peak_mb"] < 12, (small, big)


def sparse(path, head: bytes, zeros: int) -> None:
    """head, then `zeros` zero bytes that take no disk space (a sparse file)."""
    with open(path, "wb") as out:
        out.write(head)
        out.truncate(len(head) + zeros)


def test_2gb_file_of_zeros_is_refused_quickly(show_site):
    assert show_site.build() == 0, show_site.messages
    before = tree_digest(show_site.output)
    sparse(show_site.content / "podcasts/talk/audio/first.mp3", b"", GIB2)
    run = measured_build(show_site)
    assert run["code"] == 1
    assert EPISODE_LINE + "is not an audio file" in run["output"]
    assert "Traceback" not in run["output"]
    assert run["seconds"] < 10 and run["peak_mb"] < 500, run
    assert tree_digest(show_site.output) == before


def test_mp3_followed_by_2gb_of_zeros_names_where_the_frames_end(show_site):
    assert show_site.build() == 0, show_site.messages
    before = tree_digest(show_site.output)
    real = (FIXTURES / "cbr.mp3").read_bytes()            # ID3 tag + 229 frames, 18,148 bytes
    sparse(show_site.content / "podcasts/talk/audio/first.mp3", real, GIB2)
    run = measured_build(show_site)
    assert run["code"] == 1
    assert (EPISODE_LINE + "audio frames end at byte 18,148 but the file is 2,147,501,796 "
            "bytes: the rest is not audio; export the file again") in run["output"]
    assert "Traceback" not in run["output"]
    assert run["seconds"] < 10 and run["peak_mb"] < 500, run
    assert tree_digest(show_site.output) == before


def ape_tag() -> bytes:
    """A minimal APEv2 tag (footer only, no items)."""
    return b"APETAGEX" + struct.pack("<IIII", 2000, 32, 0, 0) + bytes(8)


ID3V1 = b"TAG" + bytes(125)
NOISE = random.Random(7).randbytes(20_000)
AUDIO = frame(80) * 40                           # 40 frames of 261 bytes: 10,440 bytes

AFTER_THE_AUDIO = {
    "5,000 zero bytes": (bytes(5000), "audio frames end at byte 10,440 but the file is 15,440 "
                                      "bytes: the rest is not audio"),
    "20 KB of noise": (NOISE, "audio frames end at byte 10,440 but the file is 30,440 bytes"),
    "zeros before an ID3v1 tag": (bytes(8000) + ID3V1, "audio frames end at byte 10,440 but "
                                                       "the file is 18,568 bytes"),
}


def id3v2_tag(payload: bytes) -> bytes:
    """An ID3v2.4 tag around payload (the walker only needs its header)."""
    size = len(payload)
    synchsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3\x04\x00\x00" + synchsafe + payload


PICTURE_NOISE = random.Random(3).randbytes(200_000)   # like a JPEG cover: full of 0xFF bytes
FINE_AFTER_THE_AUDIO = {
    "an ID3v1 tag": ID3V1,
    "an APE tag and an ID3v1 tag": ape_tag() + ID3V1,
    "a little padding": bytes(300),
    "an ID3v2 tag with a 200 KB picture": id3v2_tag(PICTURE_NOISE),
}


@pytest.mark.parametrize("name", AFTER_THE_AUDIO)
def test_bytes_after_the_last_frame_that_are_not_audio_are_an_error(tmp_path, name):
    tail, message = AFTER_THE_AUDIO[name]
    path = tmp_path / "x.mp3"
    path.write_bytes(AUDIO + tail)
    with pytest.raises(AudioError, match=message):
        probe(str(path))


@pytest.mark.parametrize("name", FINE_AFTER_THE_AUDIO)
def test_tags_and_padding_after_the_last_frame_are_fine(tmp_path, name):
    path = tmp_path / "x.mp3"
    path.write_bytes(AUDIO + FINE_AFTER_THE_AUDIO[name])
    assert probe(str(path)).duration == pytest.approx(40 * SAMPLES_PER_FRAME / 22050, abs=1e-3)


def test_files_joined_end_to_end_count_both_parts(tmp_path):
    path = tmp_path / "joined.mp3"
    path.write_bytes(id3v2_tag(PICTURE_NOISE) + AUDIO + id3v2_tag(PICTURE_NOISE) + AUDIO)
    assert probe(str(path)).duration == pytest.approx(80 * SAMPLES_PER_FRAME / 22050, abs=1e-3)


def m4a_with_unused_media(extra: int) -> bytes:
    """The QuickTime fixture with `extra` zero bytes added to its media data (mdat) box."""
    data = (FIXTURES / "qtchapters.m4a").read_bytes()
    pos = 0
    while data[pos + 4: pos + 8] != b"mdat":
        pos += struct.unpack(">I", data[pos: pos + 4])[0]
    size = struct.unpack(">I", data[pos: pos + 4])[0]
    grown = struct.pack(">I", size + extra) + data[pos + 4: pos + size] + bytes(extra)
    if data.find(b"moov") < pos:
        pytest.fail("the fixture must keep its index after the media data")
    return data[:pos] + grown + data[pos + size:]


def test_m4a_followed_by_2gb_of_zeros_is_refused_quickly(tmp_path):
    path = tmp_path / "long.m4a"
    sparse(path, (FIXTURES / "qtchapters.m4a").read_bytes(), GIB2)
    run = probe_in_child(path)
    assert run["code"] == 1
    assert "the rest is not audio" in run["output"]
    assert run["seconds"] < 10 and run["peak_mb"] < 500, run


def test_m4a_whose_media_data_is_mostly_not_audio_is_an_error(tmp_path):
    path = tmp_path / "padded.m4a"
    path.write_bytes(m4a_with_unused_media(3 * 1024**2))
    with pytest.raises(AudioError, match="the rest is not audio"):
        probe(str(path))
