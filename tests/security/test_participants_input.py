"""Issue 20, cases 5, 6 and 12 (first half): participants' feeds are fetched through the one
fetcher, and what the cache gives back is checked like a feed just fetched."""

from __future__ import annotations

import json

from security.harness import run_case
from security.hostile_imports import HOSTS
from security.servers import redirect, serve, trickle
from shelfcast_programmes.participants import fetch_all
from shelfcast_programmes.programme import Participant

GOOD = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Anna</title>'
        b"<item><title>My thing 1</title><link>https://anna.example.net/1</link></item>"
        b"</channel></rss>")


def fetch_in_child(tmp_path, feeds: dict[str, str], seconds: float = 2):
    """fetch_all as `invoke build --fetch-participants --allow-local` runs it, in a child."""
    cache = tmp_path / "cache" / "participant-feeds.json"
    code = ("import json\n"
            "from shelfcast_programmes.participants import fetch_all\n"
            "from shelfcast_programmes.programme import Participant\n"
            f"people = [Participant(n, None, u) for n, u in {sorted(feeds.items())!r}]\n"
            f"found, warnings = fetch_all(people, {seconds}, 3, {str(cache)!r}, "
            "allow_local=True)\n"
            "print(json.dumps({'found': {k: [p.__dict__ for p in v] for k, v in found.items()},"
            " 'warnings': warnings}))\n")
    result = run_case(["-c", code], cwd=tmp_path, watch=[tmp_path],
                      allowed=[cache.parent], hosts=HOSTS)
    return result, json.loads(result.output.strip().splitlines()[-1])


def test_case_5_a_feed_redirecting_to_an_internal_address_is_not_fetched(tmp_path):
    routes = {"/good.xml": GOOD, "/a.xml": redirect("http://10.0.0.1/internal.xml"),
              "/b.xml": redirect("http://metadata.example/latest/meta-data/"),
              "/c.xml": redirect("http://internal.example/feed.xml"),
              "/d.xml": redirect("file:///etc/passwd")}
    with serve(routes) as base:
        feeds = {"Anna": f"{base}/good.xml", **{n: f"{base}/{n.lower()}.xml"
                                                for n in ("A", "B", "C", "D")}}
        result, fetched = fetch_in_child(tmp_path, feeds)
    assert result.code == 0, result.output
    result.assert_contained()
    result.assert_bounded()
    assert result.dialled == []
    assert fetched["found"][f"{base}/good.xml"][0]["url"] == "https://anna.example.net/1"
    assert all(not fetched["found"][feeds[n]] for n in "ABCD")
    for name in "ABC":
        assert any(w.startswith(f"{name}'s feed") and "internal address" in w
                   for w in fetched["warnings"]), fetched["warnings"]


def test_case_6_a_trickling_feed_is_cut_off_at_fetch_timeout(tmp_path):
    with serve({"/slow.xml": trickle(GOOD, every=2)}) as base:
        result, fetched = fetch_in_child(tmp_path, {"Slow": f"{base}/slow.xml"}, seconds=2)
    assert result.code == 0, result.output
    result.assert_bounded()
    assert any("took longer than 2 s" in w for w in fetched["warnings"]), fetched


def test_case_12_a_cached_javascript_link_is_dropped_with_a_warning(tmp_path):
    cache = tmp_path / "participant-feeds.json"
    with serve({}) as base:
        feed = f"{base}/gone.xml"
        cache.write_text(json.dumps({feed: [
            {"title": "Edited", "url": "javascript:alert(document.cookie)", "published": ""},
            {"title": "Tabbed", "url": "java\tscript:alert(1)", "published": ""},
            {"title": "Kept", "url": "https://anna.example.net/2", "published": "2027"},
            {"title": "Odd", "url": "https://anna.example.net/3", "extra": "field"},
            "not an entry"]}))
        found, warnings = fetch_all([Participant("Anna", None, feed)], 2, 3, str(cache),
                                    allow_local=True)
    assert [p.url for p in found[feed]] == ["https://anna.example.net/2",
                                            "https://anna.example.net/3"]
    assert any("cached copy" in w and "3 entries" in w for w in warnings), warnings


def test_case_12_an_edited_cache_never_reaches_the_participants_page(site):
    from programmes.test_programmes_site import write_programme

    with serve({}) as base:
        feed = f"{base}/gone.xml"
        write_programme(site, participants=f"participants:\n  - name: Anna\n    feed: {feed}\n")
        cache = site.root / ".cache" / "participant-feeds.json"
        cache.parent.mkdir()
        cache.write_text(json.dumps({feed: [
            {"title": "Click me", "url": "javascript:alert(1)", "published": ""},
            {"title": "Fine", "url": "https://anna.example.net/1", "published": ""}]}))
        code = site.build(BUILD_NOW="2027-02-01", FETCH_PARTICIPANTS=True,
                          FETCH_ALLOW_LOCAL=True, CACHE_PATH=str(site.root / ".cache"))
    assert code == 0, site.messages
    page = site.read("programmes/23-things/participants.html")
    assert "javascript:" not in page and "Click me" not in page
    assert "https://anna.example.net/1" in page
    assert "cached copy" in site.messages, site.messages
