"""Caches hold data, not code (issue 20, cases 4 and 10, the cache half of 12).

Anyone who can write .cache (a CI cache restored from a pull request's branch) chooses what
its files hold. Each test plants a hostile file of one kind in a warm site's .cache and runs
`invoke build` in a child process (security.harness): the planted code never runs, nothing is
written outside output/ and .cache/, the build succeeds, and its output is byte for byte what
a cold build writes (the planted entry was ignored and made again).
"""

from __future__ import annotations

import io
import json
import marshal
import pickle
import shutil
import sys
from pathlib import Path

import pytest
import readpacks
from PIL import Image
from security.harness import run_case
from shelfcast_sitekit import pagecache, readpack
from sitetools import (
    KIT_SITE,
    TEST_SHOW_YAML,
    add_default_image,
    copy_kit,
    tree_digest,
    write_content,
)

MP3 = (bytes([0xFF, 0xF3, 0x40, 0xC0]) + bytes(100)) * 40
POST = """
    ---
    title: {title}
    date: 2024-01-0{day}
    summary: A short summary of {title}.
    image: images/lead.png
    image_alt: A lead picture
    ---
    Some text about {title}, with [a link](https://example.org/).
"""
EPISODE = """
    ---
    title: First episode
    date: 2024-02-01
    audio: audio/first.mp3
    guid: caches-first
    ---
    Show notes.
"""


def png(size=(8, 8), color="teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


class Planted:
    """A payload that, if it ever runs, leaves a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        import os
        return os.system, (f"touch {self.marker}",)

    def code(self):
        return compile(f"open({str(self.marker)!r}, 'w').close()", "planted", "exec")


def write_site(root: Path) -> None:
    content = root / "content"
    add_default_image(content)
    shutil.copy(KIT_SITE / "library.py", root / "library.py")  # copy_kit brings pelicanconf.py
    write_content(content, "images/lead.png", png((640, 480)))
    for day, title in ((1, "Opening hours"), (2, "Reading club")):
        write_content(content, f"posts/news/post-{day}.md", POST.format(title=title, day=day))
    show = "podcasts/book-talk/"
    write_content(content, show + "show.yaml", TEST_SHOW_YAML)
    write_content(content, show + "cover.png", png((1400, 1400)))
    write_content(content, show + "audio/first.mp3", MP3)
    write_content(content, show + "first.md", EPISODE)
    # A picture beside the repository, outside content/: never to be published.
    (root / "outside.png").write_bytes(png((500, 500), "red"))


def build(root: Path, case: str = "build"):
    result = run_case(["-m", "invoke", "build"], cwd=root, watch=[root],
                      allowed=[root / "output", root / ".cache"], timeout=120)
    assert result.code == 0, f"{case}:\n{result.output}"
    assert "Traceback" not in result.output, result.output
    result.assert_contained()
    return result


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A built site with its .cache, kept aside, and its cold output. Cache keys hold the
    site's path, so each case puts the kept copy back at the very same place."""
    base = tmp_path_factory.mktemp("caches")
    root = copy_kit(base / "site")
    write_site(root)
    build(root, "cold build")
    kept = shutil.copytree(root, base / "kept", symlinks=True)
    return root, kept, tree_digest(root / "output")


@pytest.fixture
def site(warm, tmp_path) -> tuple[Path, Path, dict]:
    """The warm site (output/ and .cache/ included, times kept) and a marker path."""
    root, kept, cold = warm
    shutil.rmtree(root)
    shutil.copytree(kept, root, symlinks=True)
    return root, tmp_path / "planted-code-ran", cold


def assert_ignored(root: Path, marker: Path, cold: dict) -> None:
    result = build(root, "build with a planted cache file")
    assert not marker.exists(), "a planted cache file ran code"
    assert tree_digest(root / "output") == cold, "the output differs from a cold build's"
    # A whole site's build (3 to 7 s on two shared cores), not one refused file: the case
    # limit of 5 s does not apply. Peak memory is not asserted: ru_maxrss counts the pytest
    # process the child was forked from (174 MB after in-process builds, 83 MB alone).
    assert result.seconds < 30, f"took {result.seconds:.1f} s"


def cache_files(root: Path, folder: str) -> list[Path]:
    files = sorted(p for p in (root / ".cache" / folder).rglob("*") if p.is_file())
    assert files, f"no cache files under .cache/{folder}"
    return files


def test_a_warm_build_takes_every_page_and_file_from_the_caches(site):
    """The cases below mean something only if a warm build really reads the caches."""
    root, _marker, cold = site
    def entries():  # an entry read again would be written again (a new mtime)
        return {p: p.stat().st_mtime_ns for p in cache_files(root, "sitekit-read")}

    before = entries()
    build(root, "warm build")
    assert entries() == before
    counts = pagecache.last_build_counts(str(root / ".cache"))
    assert counts["rendered"] == 0 and counts["reused"] > 0, counts
    assert tree_digest(root / "output") == cold


# --- pickle and marshal: never read ---------------------------------------------------------

def test_a_pickle_in_place_of_each_read_cache_pack_never_runs(site):
    root, marker, cold = site
    for path in cache_files(root, "sitekit-read"):
        path.write_bytes(pickle.dumps(Planted(marker)))
    assert_ignored(root, marker, cold)


def test_a_pickle_in_place_of_an_entry_in_a_pack_never_runs(site):
    root, marker, cold = site
    pack, key, _document = readpacks.entry_with(root, "Some text about")
    readpacks.replace_entry(pack, key, pickle.dumps(Planted(marker)))
    assert_ignored(root, marker, cold)


def test_a_pickle_in_place_of_the_page_cache_index_never_runs(site):
    root, marker, cold = site
    folder = root / ".cache/sitekit-pages"
    for path in [folder / "pages.pickle", *folder.glob("pages-*.json")]:
        path.write_bytes(pickle.dumps(Planted(marker)))
    assert_ignored(root, marker, cold)


def test_marshalled_template_code_never_runs(site):
    """Jinja's bytecode cache file: a header, the source's checksum (a pickle) and marshal'd
    code, run as the template. Planted for every template the last build compiled."""
    root, marker, cold = site
    folder = root / ".cache/sitekit-templates"
    planted = Planted(marker)
    header = b"j2" + pickle.dumps(5, 2) + pickle.dumps((sys.version_info[0] << 24)
                                                       | sys.version_info[1], 2)
    existing = sorted(folder.glob("*.cache")) if folder.is_dir() else []
    for path in existing or [folder / "__jinja2_planted.cache"]:
        checksum = _jinja_checksum(path, len(header))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(header + pickle.dumps(checksum, 2) + marshal.dumps(planted.code()))
    assert_ignored(root, marker, cold)


def _jinja_checksum(path: Path, header: int) -> str:
    """The template source's checksum a compiled file carries (what an attacker copies)."""
    if not path.exists():
        return ""
    with open(path, "rb") as handle:
        handle.seek(header)
        return pickle.load(handle)  # the test's own cold build wrote it


# --- data that does not check out: ignored, made again ---------------------------------------

def _body_entry(root: Path) -> tuple[Path, str, dict]:
    return readpacks.entry_with(root, "Some text about")


@pytest.mark.parametrize("planted", [
    '<p><a href="javascript:alert(1)">x</a></p>', "<script>alert('cache')</script>",
    '<p><a href="{static}/../outside.png">x</a><img src="{static}/../../etc/hostname"></p>',
], ids=["javascript-link", "script", "file-outside-content"])
def test_a_read_cache_entry_with_script_or_a_foreign_link_is_read_again(site, planted):
    root, marker, cold = site
    pack, key, document = _body_entry(root)
    document["data"]["result"]["html"] += planted
    readpacks.replace_entry(pack, key, document)
    assert_ignored(root, marker, cold)


@pytest.mark.parametrize("damage", [
    lambda r: r.update(html=["not", "text"]),
    lambda r: r.update(lines={"dict": [["title", -3]]}),
    lambda r: r.update(problems=[["content/x.md", 1, None, "bad", "fatal"]]),
    lambda r: r["meta"]["dict"].append(["date", {"datetime": "not a date"}]),
    lambda r: r["meta"]["dict"].append(["title", {"pickle": "gASV"}]),
    lambda r: r["meta"]["dict"].append(["title", {"list": [{"list": [1e400]}]}]),
], ids=["html-list", "negative-line", "unknown-severity", "bad-date", "unknown-tag",
        "absurd-number"])
def test_a_read_cache_entry_of_wrong_types_is_read_again(site, damage):
    root, marker, cold = site
    pack, key, document = _body_entry(root)
    damage(document["data"]["result"])
    readpacks.replace_entry(pack, key, document)
    assert_ignored(root, marker, cold)


def _index_and_body(pack: Path) -> tuple[dict, bytes]:
    head, _newline, body = pack.read_bytes().partition(b"\n")
    return json.loads(head), body


def _swap_offsets(index: dict) -> None:
    """Point the first two keys at each other's bytes (each a well-formed entry)."""
    first, second = index["entries"][:2]
    first[1:], second[1:] = second[1:], first[1:]


def _past_the_end(index: dict) -> None:
    index["entries"][-1][2] += 1


@pytest.mark.parametrize("lie", [_swap_offsets, _past_the_end],
                         ids=["keys-swapped", "past-the-end"])
def test_a_pack_whose_index_lies_about_offsets_is_not_used(site, lie):
    """The script is in the entry the lying index points another post's key at."""
    root, marker, cold = site
    pack, key, document = _body_entry(root)
    document["data"]["result"]["html"] += "<script>alert('cache')</script>"
    readpacks.replace_entry(pack, key, document)
    index, body = _index_and_body(pack)
    assert len(index["entries"]) >= 2, index
    index["entries"].sort(key=lambda e: e[0] != key)  # the planted entry first
    lie(index)
    pack.write_bytes(json.dumps(index).encode() + b"\n" + body)
    assert_ignored(root, marker, cold)


def test_a_truncated_pack_is_not_used(site):
    root, marker, cold = site
    for pack in cache_files(root, "sitekit-read"):
        pack.write_bytes(pack.read_bytes()[:-100])
    assert_ignored(root, marker, cold)


def test_an_oversized_pack_is_refused_from_its_size(site):
    """Larger than a pack may be: refused before a byte of it is read (a sparse file, so the
    test writes little; the build's time limit in assert_ignored holds)."""
    root, marker, cold = site
    for pack in cache_files(root, "sitekit-read"):
        with open(pack, "r+b") as handle:
            handle.truncate(readpack.MAX_PACK_BYTES + 1)
    assert_ignored(root, marker, cold)


def test_a_pack_of_another_cache_version_is_not_used(site):
    """An older kit's entries in a pack of today's format, and a pack of another format:
    neither is read as this version's (a script in them would otherwise be served)."""
    root, marker, cold = site
    packs = cache_files(root, "sitekit-read")
    for pack, key, document in readpacks.entries(root):
        document["format"] = "sitekit-read-cache 3"
        document["data"]["result"]["html"] += "<script>alert('cache')</script>"
        readpacks.replace_entry(pack, key, document)
    for pack in packs:
        index, body = _index_and_body(pack)
        index["format"] = "sitekit-read-pack 0"
        (pack.parent / ("0" * 16 + ".pack")).write_bytes(json.dumps(index).encode() + b"\n"
                                                          + body)
    assert_ignored(root, marker, cold)


def test_page_cache_entries_that_do_not_check_out_are_rendered_again(site):
    """Wrong types in one entry; in another, a replayed card picture outside content/ (it
    would publish a file from beside the repository)."""
    root, marker, cold = site
    (index,) = (root / ".cache/sitekit-pages").glob("pages-*.json")
    document = json.loads(index.read_text("utf-8"))
    entries = document["data"]["entries"]
    carded = [e for e in entries.values() if e["effects"]]
    assert carded, "no page recorded a card picture"
    for entry in carded:
        entry["effects"].append(["card pictures", {"tuple": ["../outside.png"]}])
    plain = next(e for e in entries.values() if not e["effects"])
    plain.update(names={"not": "names"}, inputs=12)
    index.write_text(json.dumps(document), "utf-8")
    assert_ignored(root, marker, cold)
    assert not list((root / "output").rglob("outside*"))


@pytest.mark.parametrize("facts", [
    {"duration": 1e308}, {"duration": -5}, {"size": "99999"}, {"mime": "text/html"},
    {"format": "exe"}, {"chapters": [{"start": 0, "title": "x", "url": "javascript:alert(1)",
                                      "image": None}]},
    {"cover": {"kind": "png", "extension": ".png", "width": -1, "height": 1,
               "sha256": "0" * 64, "problem": None}},
], ids=["absurd-duration", "negative-duration", "size-as-text", "foreign-mime",
        "unknown-format", "javascript-chapter", "negative-picture"])
def test_audio_facts_that_do_not_check_out_are_read_again(site, facts):
    root, marker, cold = site
    path = root / ".cache/podcast-audio.json"
    document = json.loads(path.read_text("utf-8"))
    (entry,) = _facts_entries(document).values()
    entry["facts"].update(facts)
    path.write_text(json.dumps(document), "utf-8")
    assert_ignored(root, marker, cold)


def test_a_pickle_in_place_of_the_file_prints_never_runs(site):
    root, marker, cold = site
    (root / ".cache/file-prints.json").write_bytes(pickle.dumps(Planted(marker)))
    assert_ignored(root, marker, cold)


@pytest.mark.parametrize("damage", [
    lambda entry: entry.__setitem__(2, "z" * 32), lambda entry: entry.__setitem__(0, "640"),
    lambda entry: entry.__setitem__(1, -1), lambda entry: entry.append("more"),
], ids=["digest-not-hex", "size-as-text", "negative-time", "too-long"])
def test_file_prints_that_do_not_check_out_are_read_again(site, damage):
    """A print is used only when it has the shape the build writes (a digest that is not hex
    stopped the build with a traceback before it was checked)."""
    root, marker, cold = site
    path = root / ".cache/file-prints.json"
    document = json.loads(path.read_text("utf-8"))
    assert document["data"], "the warm site's build kept no file prints"
    for entry in document["data"].values():
        damage(entry)
    path.write_text(json.dumps(document), "utf-8")
    assert_ignored(root, marker, cold)
    again = json.loads(path.read_text("utf-8"))["data"]
    assert again.keys() >= document["data"].keys()  # and the last output's audio copies
    assert all(int(entry[2], 16) >= 0 and (len(entry) == 3 or type(entry[3]) is dict)
               for entry in again.values())


def _facts_entries(document: dict) -> dict:
    """The entries, in this file format or the one before (so the test fails before the fix
    for the right reason: the bad facts were used)."""
    return document.get("data", document)["entries"]


def test_a_link_in_place_of_a_cached_picture_copy_is_made_again(site):
    """A planted link would publish the file it points at as a card picture."""
    root, marker, cold = site
    secret = root / "deploy-key.txt"
    secret.write_text("SECRET-DEPLOY-KEY", "utf-8")
    for path in cache_files(root, "card-pictures"):
        path.unlink()
        path.symlink_to(secret)
    assert_ignored(root, marker, cold)
    assert not any(b"SECRET-DEPLOY-KEY" in p.read_bytes()
                   for p in (root / "output").rglob("*") if p.is_file())


# --- bounded: no recursion that content can deepen, no cache that only grows -----------------

def test_a_gallery_of_300_photos_builds(tmp_path):
    """Case 10: previous/next links of 300 pictures made the page cache recurse too deep."""
    root = copy_kit(tmp_path / "site")
    write_site(root)
    names = [f"photo-{n:03d}.png" for n in range(300)]
    images = "".join(f"  - file: {name}\n    alt: Photo {n}\n" for n, name in enumerate(names))
    write_content(root / "content", "galleries/big/gallery.yaml",
                  "title: A big gallery\ndate: 2024-03-01\nlicence: CC BY 4.0\n"
                  f"images:\n{images}")
    for n, name in enumerate(names):
        write_content(root / "content", f"galleries/big/{name}", png((4, 4), (n % 256, 0, 0)))
    build(root, "gallery build")
    assert (root / "output/galleries/big/photo-299.html").is_file()
    build(root, "warm gallery build")


def test_entries_a_build_does_not_use_are_pruned(site):
    root, marker, cold = site
    (pack,) = cache_files(root, "sitekit-read")
    stale = root / ".cache/sitekit-read/ff/ff-stale-entry"  # the layout of version 3
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("{}", "utf-8")
    _pack, _key, document = _body_entry(root)
    unused = pack.parent / ("f" * 16 + ".pack")  # no build asks for its key
    unused.write_bytes(readpack.encode([("f" * 64, json.dumps(document).encode())]))
    stale_copy = root / ".cache/card-pictures" / ("0" * 32 + ".webp")
    stale_copy.write_bytes(png())
    notes = root / ".cache/card-pictures/notes.txt"  # not named like a copy: not ours
    notes.write_text("kept", "utf-8")
    facts = root / ".cache/podcast-audio.json"
    document = json.loads(facts.read_text("utf-8"))
    (entry,) = _facts_entries(document).values()
    _facts_entries(document)["podcasts/gone/audio/old.mp3"] = entry
    facts.write_text(json.dumps(document), "utf-8")
    prints = root / ".cache/file-prints.json"
    document = json.loads(prints.read_text("utf-8"))
    document["data"][str(root / "content/images/gone.png")] = next(iter(
        document["data"].values()))
    prints.write_text(json.dumps(document), "utf-8")
    assert_ignored(root, marker, cold)
    assert str(root / "content/images/gone.png") not in json.loads(
        prints.read_text("utf-8"))["data"]
    assert not stale.exists() and not stale.parent.exists()
    assert not unused.exists() and cache_files(root, "sitekit-read") == [pack]
    assert not stale_copy.exists() and notes.exists()
    kept = _facts_entries(json.loads(facts.read_text("utf-8")))
    assert "podcasts/gone/audio/old.mp3" not in kept and len(kept) == 1


def test_a_page_entry_taken_again_is_written_back_with_its_own_fields_only():
    """A reused entry is written back as it was read (not encoded anew): only what was
    checked goes back, never something planted beside it."""
    entry = pagecache.Entry("page.html", bytes(16), ("title",), (("/site/a.md", "title"),), (),
                            (("names", "/site/locale"),), bytes([1]) * 16, bytes([2]) * 16,
                            [], [])
    planted = {**entry.to_json(), "planted": "__import__('os')"}
    again = pagecache.Entry.from_json(json.loads(json.dumps(planted)))
    assert again.to_json() == entry.to_json()
    assert again.fields == entry.fields and again.reads == entry.reads
    with pytest.raises(pagecache.cachefile.NotCacheable):
        pagecache.Entry.from_json({**entry.to_json(), "fields": [["/site/a.md", 1]]})
