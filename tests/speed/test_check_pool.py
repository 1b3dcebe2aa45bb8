"""A warm build's cached posts are sanitised on the second core (shelfcast_sitekit.checkpool):
the build skips the sanitiser only for entries the forked worker checked byte for byte under
the same policy; a planted entry is still refused, and the output is the one-process build's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import readpacks
from shelfcast_sitekit import cachefile, checkpool, readcache, readpack
from shelfcast_sitekit.sanitise import HtmlPolicy
from test_read_pool import PLANTED, POSTS, build, site_with_posts
from test_warm_equals_cold import differences

# The build in a process of its own (the worker forks only a process with no other thread);
# it reads the worker's reports to their end before Pelican reads (so what the worker
# reports does not depend on timing) and counts the entries the build process sanitises.
APART = """
import json, os, select, sys
from shelfcast_sitekit import build as building, checkpool, readcache
start, sanitised, build_pid, counted = checkpool.start, readcache.sanitised, os.getpid(), []
def start_and_wait(settings, folder):
    checked = start(settings, folder)
    print("worker started:", checked is not None)
    while checked is not None and checked._descriptor >= 0:  # every report read: its end
        select.select([checked._descriptor], [], [], 5)
        checked._drain()
    return checked
def counting(result, policy):
    if os.getpid() == build_pid:
        counted.append(1)
    return sanitised(result, policy)
checkpool.start, readcache.sanitised = start_and_wait, counting
settings_file, output, settings = json.loads(sys.argv[1])
code = building.build(settings_file, output, settings, stream=sys.stdout)
print("sanitised in the build:", len(counted))
sys.exit(code)
"""


def test_a_warm_build_sanitises_only_what_its_worker_did_not_pass(tmp_path: Path):
    warm, reference = site_with_posts(tmp_path / "warm"), site_with_posts(tmp_path / "cold")
    assert build(reference, 1)[0] == 0, reference.messages
    overrides = dict(BUILD_NOW="2026-06-01T12:00:00+02:00", SEARCH={"index": False},
                     SITEKIT={"read_workers": 2, "render_workers": 1})
    done = warm.build_apart(APART, **overrides)  # cold: the read pool fills the cache
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "worker started: False" in done.stdout
    pack, key, document = readpacks.entry_with(warm.root, "</em> 7 --")
    document["data"]["result"]["html"] += PLANTED
    readpacks.replace_entry(pack, key, document)
    done = warm.build_apart(APART, **overrides)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "worker started: True" in done.stdout
    # Before: the build sanitised all its posts' entries again (POSTS of them).
    assert "sanitised in the build: 1\n" in done.stdout, (POSTS, done.stdout[-500:])
    pages = [p.read_text("utf-8") for p in warm.output.rglob("*.html")]
    assert not any(PLANTED in page for page in pages)
    assert any("post</em> 7 " in page for page in pages)  # the planted entry read again
    assert differences(warm.output, reference.output) == []


def reported(lines: list[str]) -> checkpool.Checked:
    read_end, write_end = os.pipe()
    os.write(write_end, "".join(line + "\n" for line in lines).encode())
    os.close(write_end)
    return checkpool.Checked(read_end, None)


def test_only_the_bytes_and_the_policy_the_worker_checked_are_taken():
    policy, raw = HtmlPolicy(), b'{"format": "an entry"}'
    key = "ab" + "0" * 62
    checked = reported([f"policy {checkpool.policy_print(policy)}",
                        f"{key} {cachefile.digest(raw).hex()}"])
    assert checked.sanitised(key, raw, policy)
    assert checked.sanitised(key, raw, HtmlPolicy())  # an equal policy
    assert not checked.sanitised(key, raw + b" ", policy)  # replaced since
    assert not checked.sanitised("ab" + "1" * 62, raw, policy)
    assert not checked.sanitised(key, None, policy)
    wider = HtmlPolicy(link_schemes=frozenset({"isbn"}))
    assert not checked.sanitised(key, raw, wider)  # another policy: checked here
    checked.close()


def test_reports_before_the_policy_line_or_cut_short_are_not_taken():
    policy, raw = HtmlPolicy(), b"entry"
    key = "ab" + "0" * 62
    no_policy = reported([f"{key} {cachefile.digest(raw).hex()}"])
    assert not no_policy.sanitised(key, raw, policy)
    lines, rest = checkpool.report_lines([], b"", f"{key} {cachefile.digest(raw).hex()}"
                                         .encode()[:-3])
    assert lines == [] and rest  # a line not yet complete waits for its end


def test_only_keys_made_as_entries_are_reported(tmp_path: Path):
    """A pack planted in the cache folder whose index lists a key with a line break would
    write a report line of its own (another entry's key and the digest of planted bytes):
    such a pack is never read, nor one not named as a pack, nor an entry under another
    entry's key."""
    policy = HtmlPolicy()
    empty = cachefile.encode({})

    def entry(key: str) -> bytes:
        return cachefile.encoded(readcache.FORMAT, {
            "key": key, "answers": [], "result": {"meta": empty, "extra": empty,
                                                  "lines": empty, "html": "<p>Fine</p>",
                                                  "problems": []}})

    good, other, third = ("ab" + c * 62 for c in "012")
    planted = f"x\n{other} {'0' * 32}"
    (tmp_path / ("1" * 16 + ".pack")).write_bytes(readpack.encode([(good, entry(good))]))
    (tmp_path / ("2" * 16 + ".pack")).write_bytes(readpack.encode(
        [(third, entry(third)), (planted, entry(planted))]))
    (tmp_path / ("3" * 16 + ".pack")).write_bytes(readpack.encode([(other, entry(good))]))
    (tmp_path / ("x\n" + "4" * 16 + ".pack")).write_bytes(readpack.encode(
        [(other, entry(other))]))
    lines = list(checkpool.passing_entries(tmp_path, policy))
    assert [line.split(" ")[0] for line in lines] == [good], lines


# As APART, with what the build asks of its read cache (file, key) and the order the worker
# reported its entries in written beside the output.
IN_ORDER = """
import json, os, select, sys
from shelfcast_sitekit import build as building, checkpool, readcache
start, get, asked, found = checkpool.start, readcache.ReadCache.get, [], []
def start_and_keep(settings, folder):
    checked = start(settings, folder)
    found.append(checked)
    return checked
def asking(self, key, source_path, *args):
    asked.append([source_path, key])
    return get(self, key, source_path, *args)
checkpool.start, readcache.ReadCache.get = start_and_keep, asking
settings_file, output, settings = json.loads(sys.argv[1])
code = building.build(settings_file, output, settings, stream=sys.stdout)
checked = found[0]
reported = list(checked.reported) if checked is not None else []
with open(os.path.join(os.path.dirname(output), "order.json"), "w") as report:
    json.dump({"asked": asked, "reported": reported}, report)
sys.exit(code)
"""


def test_the_worker_checks_the_entries_in_the_order_the_build_asks_for_them(tmp_path: Path):
    """Before, the worker went through the packs in their own order while the build read the
    posts in the order of a set: at 5,000 posts the build found 996 entries not yet
    reported and sanitised them itself."""
    site = site_with_posts(tmp_path / "site")
    site.write("pages/about.md", "---\ntitle: About us\n---\nWe lend books.\n")
    overrides = dict(BUILD_NOW="2026-06-01T12:00:00+02:00", SEARCH={"index": False},
                     SITEKIT={"read_workers": 2, "render_workers": 1})
    assert site.build_apart(IN_ORDER, **overrides).returncode == 0  # cold: fills the cache
    done = site.build_apart(IN_ORDER, **overrides)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    order = json.loads((site.root / "order.json").read_text("utf-8"))
    asked = [key for _path, key in order["asked"]]
    assert [path for path, _key in order["asked"]][:POSTS] == sorted(
        path for path, _key in order["asked"] if "/posts/" in path)
    assert [key for key in order["reported"] if key in asked] == asked
