"""Hostile input, end to end: each case is one clear message, exit 1, output/ unchanged, and the
build (a real child process) ends within 10 s and 500 MB.

Before these checks a 384-byte YAML alias bomb ran for minutes at gigabytes, symlinks published
files from elsewhere on the machine, a 2,000-deep list took 193 s and 3.4 GB, and control
characters, an alias over a feed and a full disk ended in tracebacks.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from measured_build import build_measured
from PIL import Image
from sitetools import (
    TEST_SHOW_YAML,
    tree_digest,  # noqa: F401 (used by this module and its importers)
)

SECONDS, MEGABYTES = 10, 500
TESTS = Path(__file__).resolve().parents[1]
MP3 = (TESTS / "podcast" / "fixtures" / "cbr.mp3").read_bytes()
SHOW_YAML = TEST_SHOW_YAML
GOOD_POST = """
    ---
    title: Opening hours
    date: 2026-01-05
    ---
    We open at eight.
"""
EPISODE = """
    ---
    title: First episode
    date: 2026-01-05 10:00
    audio: audio/first.mp3
    guid: hostile-guid-1
    {extra}
    ---
    Show notes.
"""


def alias_bomb() -> str:
    """Nine anchors of nine aliases each: 384 bytes of YAML that expand to 9^9 values."""
    parts, previous = ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"], "a"
    for name in "bcdefghi":
        parts.append(f"&{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "[" + ", ".join(parts) + "]"



@pytest.fixture
def built(site):
    """A site with a post and a podcast episode, built once: the output/ to keep intact."""
    site.write("posts/news/hours.md", GOOD_POST)
    site.write("podcasts/talk/show.yaml", SHOW_YAML)
    Image.new("RGB", (1400, 1400), (20, 60, 110)).save(site.content / "podcasts/talk/cover.png")
    site.write("podcasts/talk/audio/first.mp3", MP3)
    site.write("podcasts/talk/first.md", EPISODE.format(extra=""))
    assert site.build() == 0, site.messages
    site.digest = tree_digest(site.output)
    return site


def assert_refused(site, *expected: str, lines: int | None = 1) -> str:
    """The build fails fast and small, says each expected thing, and keeps output/ as it was."""
    result = build_measured(site.root)
    print(f"measured: {result.seconds:.1f} s, {result.peak_mb:.0f} MB")
    assert result.code == 1, result.messages[:2000]
    assert result.seconds < SECONDS, result.seconds
    assert result.peak_mb < MEGABYTES, result.peak_mb
    messages = result.messages
    assert "Traceback" not in messages, messages[:3000]
    for text in expected:
        assert text in messages, messages[:3000]
    # One error line; warnings and notes about other files (an unfrozen show guid) may follow.
    reported = [m for m in messages.splitlines() if m and not m[0].isdigit()
                and ": warning: " not in m and ": note: " not in m]
    if lines is not None:
        assert len(reported) == lines, messages[:3000]
    assert max(len(m) for m in messages.splitlines()) < 400, "a message quotes too much"
    assert tree_digest(site.output) == site.digest
    return messages


# --- YAML alias bombs, in every kind of field --------------------------------------------------

@pytest.mark.parametrize("relative, text, expected", [
    ("posts/news/bomb.md", f"---\ntitle: Bomb\ndate: {alias_bomb()}\n---\nx\n",
     "content/posts/news/bomb.md:3: date: uses a YAML anchor or alias"),
    ("posts/news/bomb.md", f"---\ntitle: Bomb\ndate: 2026-01-01\naliases: {alias_bomb()}\n---\n",
     "content/posts/news/bomb.md:4: aliases: uses a YAML anchor or alias"),
    ("podcasts/talk/bomb.md", EPISODE.format(extra=f"episode: {alias_bomb()}"),
     "content/podcasts/talk/bomb.md:6: episode: uses a YAML anchor or alias"),
    ("podcasts/talk/bomb.md",
     EPISODE.format(extra=f"chapters:\n      - title: One\n        start: {alias_bomb()}"),
     "content/podcasts/talk/bomb.md:8: chapters: uses a YAML anchor or alias"),
    ("podcasts/talk/bomb.md",
     EPISODE.format(extra=f"persons:\n      - name: Karen\n        role: {alias_bomb()}"),
     "content/podcasts/talk/bomb.md:8: persons: uses a YAML anchor or alias"),
], ids=["date", "aliases", "episode", "chapter start", "person role"])
def test_a_yaml_alias_bomb_is_refused_before_it_expands(built, relative, text, expected):
    built.write(relative, text)
    assert_refused(built, expected)


def test_an_alias_bomb_in_show_yaml_is_refused(built):
    show = (built.content / "podcasts/talk/show.yaml").read_text()
    built.write("podcasts/talk/show.yaml", show + f"copyright: {alias_bomb()}\n")
    assert_refused(built, "content/podcasts/talk/show.yaml:7: copyright: uses a YAML anchor")


# --- Only content is published ---------------------------------------------------------------

def test_a_symlink_to_a_file_outside_content_is_refused_by_name(built):
    (built.content / "images").mkdir(exist_ok=True)
    os.symlink("/etc/passwd", built.content / "images" / "passwd")
    assert_refused(built, "content/images/passwd: is a link to '/etc/passwd', outside content/")


@pytest.mark.parametrize("link, what", [
    ("images/keys", "folder"),
    ("podcasts/talk/audio/second.mp3", "audio"),
    ("podcasts/talk/audio/first.vtt", "transcript"),
    ("posts/news/elsewhere.md", "post"),
])
def test_symlinked_folders_audio_transcripts_and_posts_are_refused(built, tmp_path, link, what):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    (outside / "post.md").write_text("---\ntitle: Outside\ndate: 2026-01-01\n---\nHi\n")
    (outside / "audio.mp3").write_bytes(MP3)
    (outside / "talk.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    target = {"folder": outside, "audio": outside / "audio.mp3",
              "transcript": outside / "talk.vtt", "post": outside / "post.md"}[what]
    (built.content / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, built.content / link)
    assert_refused(built, f"content/{link}: is a link to ", "outside content/")


@pytest.mark.parametrize("markdown", [
    "[settings]({static}/../pelicanconf.py)",
    "[settings]({attach}../../../pelicanconf.py)",
    "![settings]({static}/../pelicanconf.py)",
])
def test_a_static_link_outside_content_is_refused_and_nothing_is_written_outside(built,
                                                                                  markdown):
    built.write("posts/news/leak.md", f"---\ntitle: Leak\ndate: 2026-01-02\n---\n\n{markdown}\n")
    before = sorted(p.name for p in built.root.iterdir())
    assert_refused(built, "content/posts/news/leak.md:6: ", "outside content/")
    assert sorted(p.name for p in built.root.iterdir()) == before


def test_an_image_field_naming_a_draft_is_refused_and_the_draft_never_copied(built):
    built.write("posts/news/secret.md",
                "---\ntitle: Secret plans\ndate: 2026-01-01\nstatus: draft\n---\nSECRET\n")
    built.write("posts/news/cover.md", "---\ntitle: Cover\ndate: 2026-01-02\n"
                "image: posts/news/secret.md\n---\nHello\n")
    assert_refused(built, "content/posts/news/cover.md:4: image: 'posts/news/secret.md' is not "
                   "an image")


def test_an_image_that_is_not_one_by_its_bytes_is_refused(built):
    built.write("images/fake.jpg", "---\ntitle: Secret plans\n---\nSECRET\n")
    built.write("posts/news/fake.md", "---\ntitle: Fake\ndate: 2026-01-02\n---\n\n"
                "![A photo](../../images/fake.jpg)\n")
    assert_refused(built, "content/posts/news/fake.md:6: image: '../../images/fake.jpg' has an "
                   "image's name but does not hold an image")


def test_a_draft_in_the_images_folder_is_refused_not_copied(built):
    built.write("images/plans.md", "---\ntitle: Secret plans\nstatus: draft\n---\nSECRET\n")
    assert_refused(built, "content/images/plans.md: is Markdown inside images/, which is "
                   "published as it is")


def test_a_static_link_to_a_markdown_source_is_refused(built):
    built.write("posts/news/secret.md",
                "---\ntitle: Secret plans\ndate: 2026-01-01\nstatus: draft\n---\nSECRET\n")
    built.write("posts/news/leak.md", "---\ntitle: Leak\ndate: 2026-01-02\n---\n\n"
                "[the plan]({static}secret.md)\n")
    assert_refused(built, "content/posts/news/leak.md:6: link: '{static}secret.md' would "
                   "publish a Markdown file's source")


# --- Bounded work ------------------------------------------------------------------------------

def test_a_50_mb_markdown_file_is_refused_from_its_size(built):
    with open(built.content / "posts/news/huge.md", "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: Huge\ndate: 2026-01-02\n---\n")
        line = "All work and no play makes Jack a dull boy. " * 20 + "\n"
        for _ in range(50_000_000 // len(line)):
            handle.write(line)
    assert_refused(built, "content/posts/news/huge.md: the file is 50.0 MB, more than the "
                   "2.0 MB a text file may be")


@pytest.mark.parametrize("body, expected", [
    ("- " * 2000 + "deep\n", ":5: lists or quotes are nested 2000 levels"),
    ("".join("  " * depth + "- level\n" for depth in range(1000)),
     ":105: lists or quotes are nested 51 levels"),
], ids=["2,000 deep on one line", "1,000 deep by indentation"])
def test_a_deeply_nested_list_is_refused_before_rendering(built, body, expected):
    built.write("posts/news/deep.md", "---\ntitle: Deep\ndate: 2026-01-02\n---\n" + body)
    assert_refused(built, "content/posts/news/deep.md" + expected)


def test_quotes_nested_2000_deep_are_refused_before_rendering(built):
    built.write("posts/news/deep.md",
                "---\ntitle: Deep\ndate: 2026-01-02\n---\n" + "> " * 2000 + "quoted\n")
    assert_refused(built, "content/posts/news/deep.md:5: lists or quotes are nested 2000 levels")


def test_a_body_that_markdown_would_render_for_minutes_is_stopped_in_time(built):
    """Python-Markdown needs minutes for 5 KB of '[' (its link patterns backtrack)."""
    conf = built.root / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nSITEKIT['max_render_seconds'] = 2\n")
    built.write("posts/news/brackets.md",
                "---\ntitle: Brackets\ndate: 2026-01-02\n---\n" + "[" * 20_000 + "\n")
    assert_refused(built, "content/posts/news/brackets.md: takes more than 2 s to read and render")


def test_a_front_matter_nested_too_deep_is_refused_without_a_traceback(built):
    built.write("posts/news/deep.md", "---\ntitle: Deep\ndate: 2026-01-02\ntags: "
                + "[" * 5000 + "]" * 5000 + "\n---\nx\n")
    assert_refused(built, "content/posts/news/deep.md:4: tags: values are nested more than 50")


def test_the_limits_are_settings(built):
    conf = built.root / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nSITEKIT = {'max_nesting': 3}\n")
    built.write("posts/news/deep.md", "---\ntitle: Deep\ndate: 2026-01-02\n---\n"
                "- one\n    - two\n        - three\n            - four\n")
    assert_refused(built, "content/posts/news/deep.md:8: lists or quotes are nested 4 levels "
                   "deep here, more than the 3 the build allows")


def test_a_wrong_limit_setting_is_named(built):
    conf = built.root / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nSITEKIT = {'max_nesting': 'deep'}\n")
    assert_refused(built, "pelicanconf.py: SITEKIT['max_nesting']: must be a whole number")


# --- Messages, never tracebacks --------------------------------------------------------------

def test_a_vertical_tab_in_a_title_is_named_with_its_line(built):
    built.write("posts/news/vt.md", "---\ntitle: Opening\x0bhours\ndate: 2026-01-02\n---\nx\n")
    assert_refused(built, "content/posts/news/vt.md:2: title: a control character (U+000B) "
                   "on line 2; delete it")


def test_an_escaped_vertical_tab_in_a_quoted_title_is_named(built):
    built.write("posts/news/vt.md", '---\ndate: 2026-01-02\ntitle: "Opening\\vhours"\n---\nx\n')
    assert_refused(built, "content/posts/news/vt.md:3: title: a control character (U+000B)")


def test_a_nul_byte_in_a_body_is_named_with_its_line(built):
    built.write("posts/news/nul.md", "---\ntitle: Nul\ndate: 2026-01-02\n---\n\nOne\x00two\n")
    assert_refused(built, "content/posts/news/nul.md:6: a control character (U+0000) on line 6")


def test_a_nul_byte_in_a_transcript_is_named(built):
    built.write("podcasts/talk/audio/first.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHel\x00lo\n")
    built.write("podcasts/talk/first.md", EPISODE.format(extra="transcript: audio/first.vtt"))
    assert_refused(built, "content/podcasts/talk/first.md:6: transcript: audio/first.vtt is not "
                   "a valid VTT transcript: a control character (U+0000) on line 4")


def test_an_alias_over_a_generated_feed_is_named(built):
    built.write("posts/news/alias.md", "---\ntitle: Alias\ndate: 2026-01-02\n"
                "aliases: [/feeds/all.atom.xml]\n---\nx\n")
    assert_refused(built, "content/posts/news/alias.md:4: aliases: '/feeds/all.atom.xml' would be "
                   "inside output/feeds/all.atom.xml, which the build writes itself")


def test_an_alias_inside_the_search_index_folder_is_named(built):
    """Pagefind hung (for ever) when an alias had made a folder of pagefind/pagefind.js."""
    built.write("posts/news/alias.md", "---\ntitle: Alias\ndate: 2026-01-02\n"
                "aliases: [/pagefind/pagefind.js]\n---\nx\n")
    assert_refused(built, "content/posts/news/alias.md:4: aliases: '/pagefind/pagefind.js' would "
                   "be inside output/pagefind, which the build writes itself")


def test_a_full_disk_during_the_build_is_one_message(built):
    result = build_measured(built.root, disk_full_after=3)
    assert result.code == 1, result.messages[:3000]
    errors = [m for m in result.messages.splitlines() if ": warning: " not in m]
    assert errors[0] == "output: the disk is full: free space and build " \
        "again (the previous build is still in place)", result.messages[:3000]
    assert "Traceback" not in result.messages
    assert result.seconds < SECONDS and result.peak_mb < MEGABYTES
    assert tree_digest(built.output) == built.digest
    assert [p.name for p in built.root.iterdir() if p.name.startswith("output")] == ["output"]


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB file system of its own (tmpfs), where the test may fill the disk for real."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root or CAP_SYS_ADMIN; the fault-injection test "
                    "above covers the same message")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_a_really_full_disk_is_one_message_and_keeps_the_previous_build(site, small_disk):
    """Pagefind writes empty files and exits 0 on a full disk: the build must still fail."""
    site.write("posts/news/hours.md", GOOD_POST)
    site.output = small_disk / "output"
    assert site.build() == 0, site.messages
    before = tree_digest(site.output)
    used = os.statvfs(small_disk).f_blocks - os.statvfs(small_disk).f_bfree
    # Room for the previous build and a sliver more: the next build runs out of space.
    size_kb = used * os.statvfs(small_disk).f_frsize // 1024 + 64
    subprocess.run(["mount", "-o", f"remount,size={size_kb}k", str(small_disk)], check=True)
    result = build_measured(site.root, output=site.output)
    assert result.code == 1, result.messages[:3000]
    assert "the disk is full: free space and build again" in result.messages
    assert "Traceback" not in result.messages
    assert len(result.messages.strip().splitlines()) == 2, result.messages[:3000]
    assert result.seconds < SECONDS and result.peak_mb < MEGABYTES
    assert tree_digest(site.output) == before
    assert [p.name for p in small_disk.iterdir()] == ["output"]
