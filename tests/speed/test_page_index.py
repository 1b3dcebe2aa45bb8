"""The page index lists each template name and each (post, attribute) once (issue 26: at
5,000 posts the same pairs filled 36 MB of a 47 MB index, read and written on every build);
entries read back are the entries saved, and a damaged position costs only its page."""

from __future__ import annotations

import json

from shelfcast_sitekit import pagecache


def entry(page: int) -> pagecache.Entry:
    posts = [f"/site/content/post-{n}.md" for n in range(page, page + 3)]
    fields = tuple(sorted((post, attribute) for post in posts for attribute in ("title", "url")))
    return pagecache.Entry("index", bytes(16), ("SITENAME", "articles_page", "lang"), fields,
                           (), (("names", "/site/locale"),), bytes([page]) * 16,
                           bytes([2]) * 16, [], [])


def saved(tmp_path, entries: dict) -> tuple[dict, dict]:
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "OUTPUT_PATH": str(tmp_path / "output")}
    pagecache.save_entries(settings, entries, {"rendered": len(entries)})
    (index,) = (tmp_path / "cache" / pagecache.FOLDER).glob("pages-*.json")
    return settings, json.loads(index.read_text("utf-8"))


def test_entries_read_back_are_those_saved_with_each_pair_listed_once(tmp_path):
    entries = {f"page-{n}.html": entry(n) for n in range(5)}
    settings, document = saved(tmp_path, entries)
    data = document["data"]
    assert len(data["fields"]) == 7 * 2  # posts 0..6, two attributes each: once each
    assert data["names"] == ["SITENAME", "articles_page", "lang"]
    again = pagecache.load_entries(settings)
    assert again == entries
    # Taken again and saved: the same index (a reused entry is written back as read).
    _settings, second = saved(tmp_path, again)
    assert second["data"] == data


def test_a_position_outside_the_table_renders_only_its_page_again(tmp_path):
    entries = {f"page-{n}.html": entry(n) for n in range(3)}
    settings, document = saved(tmp_path, entries)
    document["data"]["entries"]["page-1.html"]["fields"][0] = len(document["data"]["fields"])
    (index,) = (tmp_path / "cache" / pagecache.FOLDER).glob("pages-*.json")
    index.write_text(json.dumps(document), "utf-8")
    assert set(pagecache.load_entries(settings)) == {"page-0.html", "page-2.html"}
