"""Smaller copies of an episode's audio (Opus, optionally AAC), made once with ffmpeg.

Many patrons listen on pre-paid phone plans: a 45-minute episode at 128 kbit/s MP3 is 43 MB,
the same speech as 32 kbit/s Opus about 11 MB. Each copy is cached under CACHE_PATH by the
original's SHA-384 (which is also its Subresource Integrity hash in the feed) and the encoding,
so a rebuild, or a renamed file, never transcodes again.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass

from shelfcast_sitekit.fileprints import fed_hasher
from shelfcast_sitekit.mediatypes import media_type

# An hour of audio takes well under a minute; a stuck ffmpeg must not hold the build forever.
TRANSCODE_SECONDS = 1800


@dataclass(frozen=True)
class Encoding:
    """One kind of smaller copy: how ffmpeg makes it and how feeds and pages name it."""

    name: str
    extension: str
    kbps: int
    codec: tuple[str, ...]      # ffmpeg's output options for the audio stream
    player_type: str            # what a browser's <source type> understands
    label: str                  # the codec's name for people

    @property
    def format(self) -> str:
        """The audio.FORMATS name of the copy's format."""
        return "m4a" if self.name == "aac" else self.name

    @property
    def mime(self) -> str:
        return media_type(self.extension)

    def cache_name(self, source_digest: str) -> str:
        """The cached file's name: the original's digest plus everything that shapes the copy."""
        shape = hashlib.sha256(repr((self.codec, COMMON)).encode()).hexdigest()[:12]
        return f"{source_digest[:64]}-{shape}{self.extension}"


# Mono, because the issue is speech; bit-exact so the same original always gives the same file.
COMMON = ("-map", "0:a:0", "-ac", "1", "-map_metadata", "0", "-fflags", "+bitexact",
          "-flags:a", "+bitexact")
ENCODINGS = {
    "opus": Encoding("opus", ".opus", 32,
                     ("-c:a", "libopus", "-b:a", "32k", "-vbr", "constrained",
                      "-application", "voip"),
                     media_type(".opus"), "Opus"),
    "aac": Encoding("aac", ".m4a", 48, ("-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart"),
                    media_type(".m4a"), "AAC"),
}


@dataclass(frozen=True)
class Digest:
    """A file's SHA-384: hex for cache names, base64 for an SRI `integrity` value."""

    hex: str
    sri: str


@dataclass(frozen=True)
class Alternate:
    """A smaller copy as feeds and pages describe it."""

    encoding: Encoding
    cached: str              # the copy in the cache folder
    public_path: str         # where it is published, under the site root
    length: int
    integrity: str


def file_digest(path: str) -> Digest:
    digest = fed_hasher(path, hashlib.sha384())
    return Digest(digest.hexdigest(), "sha384-" + base64.b64encode(digest.digest()).decode())


def bitrate(size: int, seconds: float) -> int | None:
    """Average bits per second of a file of `size` bytes lasting `seconds`."""
    return round(size * 8 / seconds) if seconds > 0 else None


def public_name(audio_path: str, encoding: Encoding) -> str:
    """Beside the original: audio/talk.mp3 -> audio/talk.opus."""
    return os.path.splitext(audio_path)[0] + encoding.extension


def ffmpeg_command(ffmpeg: str, source: str, target: str, encoding: Encoding) -> list[str]:
    return [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", source,
            *COMMON, *encoding.codec, target]


class TranscodeError(Exception):
    """ffmpeg could not make the copy; the message is ffmpeg's last line."""


def transcode(ffmpeg: str, source: str, target: str, encoding: Encoding) -> None:
    """Make target from source; written under a temporary name so a stopped build leaves no
    half file that a later build would take for a finished one."""
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=".partial-", suffix=encoding.extension, dir=folder)
    os.close(handle)
    try:
        done = subprocess.run(ffmpeg_command(ffmpeg, source, partial, encoding),
                              capture_output=True, text=True, timeout=TRANSCODE_SECONDS,
                              check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise TranscodeError(last[:200])
        # mkstemp makes the file private; a web server must be able to read the published copy.
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except subprocess.TimeoutExpired as err:
        raise TranscodeError(f"took longer than {TRANSCODE_SECONDS} s") from err
    finally:
        if os.path.exists(partial):
            os.remove(partial)


@dataclass
class Transcoder:
    """One build's smaller copies: ffmpeg runs (`made`) and cache hits (`reused`) are counted
    for the build's closing note."""

    cache_folder: str
    ffmpeg: str
    made: int = 0
    reused: int = 0

    def copy(self, audio: str, digest: Digest, encoding: Encoding) -> str:
        """The cached copy of audio (whose digest is given) in this encoding, made if missing."""
        cached = os.path.join(self.cache_folder, encoding.cache_name(digest.hex))
        if os.path.isfile(cached):
            self.reused += 1
        else:
            transcode(self.ffmpeg, audio, cached, encoding)
            self.made += 1
        return cached
