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


def index_bytes(tmp_path) -> bytes:
    (index,) = (tmp_path / "cache" / pagecache.FOLDER).glob("pages-*.json")
    return index.read_bytes()


def test_a_warm_build_writes_the_lines_of_pages_it_took_as_they_were(tmp_path):
    """One entry to a line, the tables on lines of their own: the pages taken from the last
    index keep their lines byte for byte, a page rendered again gets a new line, the tables'
    lines stay while nothing is added to them, and a field no page had is added at the end of
    its table, so every other line's positions stay right."""
    settings, first = saved(tmp_path, {f"page-{n}.html": entry(n) for n in range(10)})
    before = index_bytes(tmp_path).split(b"\n")
    again = pagecache.load_entries(settings)
    again["page-3.html"] = entry(3)  # rendered again, the same fields
    again["page-3.html"].inputs = bytes([9]) * 16
    saved(tmp_path, again)
    after = index_bytes(tmp_path).split(b"\n")
    assert [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new] \
        == [4 + 3]  # the head, the two tables and the counts, then page-0...: page-3's line
    again = pagecache.load_entries(settings)
    changed = entry(4)
    changed.fields = changed.fields + (("/site/content/new.md", "title"),)
    again["page-4.html"] = changed
    _settings, second = saved(tmp_path, again)
    last = index_bytes(tmp_path).split(b"\n")
    assert [n for n, (old, new) in enumerate(zip(after, last, strict=True)) if old != new] \
        == [2, 4 + 4]  # the fields' table and page-4's line
    assert second["data"]["fields"][:-1] == first["data"]["fields"]
    assert second["data"]["fields"][-1] == ["/site/content/new.md", "title"]
    assert pagecache.load_entries(settings) == again


def test_tables_are_made_anew_when_most_of_their_rows_name_pages_gone(tmp_path):
    settings, first = saved(tmp_path, {f"page-{n}.html": entry(n * 10) for n in range(8)})
    kept = {"page-0.html": pagecache.load_entries(settings)["page-0.html"]}
    _settings, second = saved(tmp_path, kept)
    assert len(first["data"]["fields"]) == 48
    assert len(second["data"]["fields"]) == 6  # only what page-0 names
    assert pagecache.load_entries(settings) == kept


def test_a_damaged_or_planted_line_costs_only_its_page(tmp_path):
    settings, _document = saved(tmp_path, {f"page-{n}.html": entry(n) for n in range(4)})
    lines = index_bytes(tmp_path).split(b"\n")
    lines[5] = lines[5][:40] + b"not json" + lines[5][40:]  # page-1
    lines[6] = lines[6].removesuffix(b",") + b',"extra.html":{},'  # two pages on one line
    (index,) = (tmp_path / "cache" / pagecache.FOLDER).glob("pages-*.json")
    index.write_bytes(b"\n".join(lines))
    assert set(pagecache.load_entries(settings)) == {"page-0.html", "page-3.html"}
