"""A warm build's cached posts are sanitised on the second core (shelfcast_sitekit.checkpool):
the build skips the sanitiser only for entries the forked worker checked byte for byte under
the same policy; a planted entry is still refused, and the output is the one-process build's."""

from __future__ import annotations

import json
import os
from pathlib import Path

from shelfcast_sitekit import cachefile, checkpool, readcache
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
    entry = next(p for p in sorted((warm.root / ".cache" / readcache.FOLDER).rglob("*"))
                 if p.is_file() and "</em> 7 --" in p.read_text("utf-8"))
    document = json.loads(entry.read_text("utf-8"))
    document["data"]["result"]["html"] += PLANTED
    entry.write_text(json.dumps(document), "utf-8")
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


def test_only_the_bytes_and_the_policy_the_worker_checked_are_taken(tmp_path: Path):
    policy, raw = HtmlPolicy(), b'{"format": "an entry"}'
    path = tmp_path / "ab" / "abcdef"
    checked = reported([f"policy {checkpool.policy_print(policy)}",
                        f"{path} {cachefile.digest(raw).hex()}"])
    assert checked.sanitised(path, raw, policy)
    assert checked.sanitised(path, raw, HtmlPolicy())  # an equal policy
    assert not checked.sanitised(path, raw + b" ", policy)  # replaced since
    assert not checked.sanitised(tmp_path / "ab" / "other", raw, policy)
    assert not checked.sanitised(path, None, policy)
    wider = HtmlPolicy(link_schemes=frozenset({"isbn"}))
    assert not checked.sanitised(path, raw, wider)  # another policy: checked here
    checked.close()


def test_reports_before_the_policy_line_or_cut_short_are_not_taken(tmp_path: Path):
    policy, raw = HtmlPolicy(), b"entry"
    path = tmp_path / "entry"
    no_policy = reported([f"{path} {cachefile.digest(raw).hex()}"])
    assert not no_policy.sanitised(path, raw, policy)
    lines, rest = checkpool.report_lines([], b"", f"{path} {cachefile.digest(raw).hex()}"
                                         .encode()[:-3])
    assert lines == [] and rest  # a line not yet complete waits for its end


def test_only_files_named_as_entries_are_reported(tmp_path: Path):
    """A file planted in the cache folder under a name with a line break would write a report
    line of its own (another entry's path and the digest of planted bytes): never read."""
    policy = HtmlPolicy()
    empty = cachefile.encode({})
    entry = {"answers": [], "result": {"meta": empty, "extra": empty, "lines": empty,
                                       "html": "<p>Fine</p>", "problems": []}}
    good = "ab" + "0" * 62
    (tmp_path / "ab").mkdir()
    name = "ab" + "1" * 62
    planted = f"x\n{tmp_path}/ab/{name} {'0' * 32}"
    for file_name in (good, planted, name[:-1]):
        try:
            cachefile.save(tmp_path / "ab" / file_name, readcache.FORMAT, entry)
        except cachefile.NotCacheable:
            pass
    lines = list(checkpool.passing_entries(tmp_path, policy))
    assert [line.split(" ")[0] for line in lines] == [str(tmp_path / "ab" / good)], lines
