"""A cold build reads its Markdown in two worker processes first (shelfcast_sitekit.readpool): the
output is byte for byte the one-process build's, and the build itself reads nothing again."""

from __future__ import annotations

from pathlib import Path

import readpacks
from shelfcast_sitekit import reader, readpool
from sitetools import Site
from test_warm_equals_cold import differences

POSTS = readpool.MIN_FILES + 10
BROKEN = "---\ntitle: Broken\ndate: 2024-13-45\n---\nText.\n"


def post(number: int) -> str:
    return (f"---\ntitle: Post {number}\ndate: 2024-01-{1 + number % 28:02d}\n"
            f"tags: [tag{number % 5}]\n---\nText of *post* {number} -- with a dash.\n")


def site_with_posts(root: Path) -> Site:
    root.mkdir()
    site = Site(root)
    for number in range(POSTS):
        site.write(f"posts/{('news', 'books')[number % 2]}/post-{number:03d}.md", post(number))
    return site


def build(site: Site, workers: int) -> tuple[int, str]:
    code = site.build(BUILD_NOW="2026-06-01T12:00:00+02:00", SEARCH={"index": False},
                      SITEKIT={"read_workers": workers})
    return code, site.messages


def test_two_workers_build_byte_for_byte_what_one_process_builds(tmp_path: Path):
    one, two = site_with_posts(tmp_path / "one"), site_with_posts(tmp_path / "two")
    assert build(one, 1)[0] == 0, one.messages
    assert build(two, 2)[0] == 0, two.messages
    assert differences(two.output, one.output) == []


def test_a_file_with_a_mistake_is_reported_alike(tmp_path: Path):
    one, two = site_with_posts(tmp_path / "one"), site_with_posts(tmp_path / "two")
    for site in (one, two):
        site.write("posts/news/broken.md", BROKEN)
    code, messages = build(one, 1)
    assert code == 1 and "broken.md" in messages
    assert build(two, 2) == (code, messages)


def test_the_build_itself_reads_no_file_the_workers_read(tmp_path: Path, monkeypatch):
    """Markdown is rendered in the workers; the build takes their results from the cache."""
    site = site_with_posts(tmp_path / "site")
    rendered = []
    original = reader.read_content_file

    def counting(*args, **kwargs):
        rendered.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(reader, "read_content_file", counting)
    assert build(site, 2)[0] == 0, site.messages
    assert rendered == []
    site.write("posts/news/post-000.md", post(0) + "\nEdited.\n")
    assert build(site, 2)[0] == 0, site.messages  # warm: no workers; the edit read here
    assert [Path(p).name for p in rendered] == ["post-000.md"]


def test_a_cold_build_stores_its_readings_in_a_few_files(tmp_path: Path):
    """Each new file costs an inode, dear on ext4 just after a deletion (docs/speed.md, issue
    26): the readings of POSTS posts go into a few packs, not one file (and folder) each."""
    site = site_with_posts(tmp_path / "site")
    assert build(site, 2)[0] == 0, site.messages
    cache = site.root / ".cache" / "sitekit-read"
    made = [p for p in cache.rglob("*")]
    assert len(made) <= 5, sorted(str(p.relative_to(cache)) for p in made)[:10]
    assert len(readpacks.keys(site.root)) >= POSTS  # every post's reading is stored
    built = sorted(p.stat().st_mtime_ns for p in made if p.is_file())
    assert build(site, 2)[0] == 0, site.messages  # warm: every reading taken, none rewritten
    assert sorted(p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()) == built


def test_workers_are_forked_only_from_a_process_without_other_threads():
    assert readpool.start_method(["fork", "spawn", "forkserver"], 1) == "fork"
    # make serve's build runs beside the server's thread: a fork would copy its held locks
    assert readpool.start_method(["fork", "spawn", "forkserver"], 2) == "spawn"
    assert readpool.start_method(["spawn"], 1) == "spawn"


# A build in a process of its own, as `make build` runs it: the suite's process has other
# threads (so its builds spawn their readers), and a fork is taken only without them.
APART = """
import json, sys
from shelfcast_sitekit import readpool
from shelfcast_sitekit.build import build
chosen = readpool.start_method
def noting(*arguments):
    method = chosen(*arguments)
    print("read workers started by", method)
    return method
readpool.start_method = noting
settings_file, output, settings = json.loads(sys.argv[1])
sys.exit(build(settings_file, output, settings, stream=sys.stdout))
"""


def test_forked_read_workers_build_byte_for_byte_what_one_process_builds(tmp_path: Path):
    one, two = site_with_posts(tmp_path / "one"), site_with_posts(tmp_path / "two")
    assert build(one, 1)[0] == 0, one.messages
    overrides = dict(BUILD_NOW="2026-06-01T12:00:00+02:00", SEARCH={"index": False},
                     SITEKIT={"read_workers": 2, "render_workers": 1})
    done = two.build_apart(APART, **overrides)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "read workers started by fork" in done.stdout
    assert differences(two.output, one.output) == []


PLANTED = "<script>alert('planted')</script>"


def test_the_build_sanitises_only_an_entry_replaced_after_its_worker_wrote_it(
        tmp_path: Path, monkeypatch):
    """The entries this build's workers wrote are taken as they wrote them (their digests came
    back through the pool); one replaced in between, with a script in its body, is checked,
    refused and read again: the page shows the post's text and no script."""
    from shelfcast_sitekit import build as building
    from shelfcast_sitekit import readcache

    site = site_with_posts(tmp_path / "site")
    planted_in = []
    prewarm = building.prewarm

    def prewarm_then_plant(*arguments):
        prewarm(*arguments)
        pack, key, document = readpacks.entry_with(site.root, "</em> 7 --")
        document["data"]["result"]["html"] += PLANTED
        readpacks.replace_entry(pack, key, document)
        planted_in.append(key)

    checked = []
    sanitised = readcache.sanitised

    def counting(result, policy):
        checked.append(result.html)
        return sanitised(result, policy)

    monkeypatch.setattr(building, "prewarm", prewarm_then_plant)
    monkeypatch.setattr(readcache, "sanitised", counting)
    assert build(site, 2)[0] == 0, site.messages
    assert planted_in, "the workers wrote no entry to plant into"
    pages = [p.read_text("utf-8") for p in site.output.rglob("*.html")]
    assert not any(PLANTED in page for page in pages)
    assert any("post</em> 7 " in page for page in pages)  # read again
    assert [PLANTED in html for html in checked] == [True]  # the planted entry alone
