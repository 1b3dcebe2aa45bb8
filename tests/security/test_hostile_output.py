"""A site written by an attacker builds, and every output keeps each payload as inert text.

HTML pages, feeds, OPML, sitemap, JSON-LD, chapters JSON and the search index are read the way
browsers, feed readers and podcast apps read them (lxml, feedparser, podcastparser, json).
The browser test (tests/browser/test_hostile_site.py) loads the same site in Chromium.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import podcastparser
import pytest
from hostile_site import EVIL, MARK, write_hostile_site
from lxml import etree, html
from sitetools import Site, copy_project

SITE_URL = "http://127.0.0.1:8000"
OWN_SCRIPTS = re.compile(r"/theme/js/(podcast|video|search)\.js$")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite",
                  "data-embed", "srcset", "xlink:href")
NEVER = "//iframe | //object | //embed | //base | //svg | //math | //frame | //applet"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("hostile"))
    written = write_hostile_site(site)
    assert site.build() == 0, site.messages
    site.written = written
    return site


def pages(site) -> list[Path]:
    return sorted(p for p in site.output.rglob("*.html") if "pagefind" not in p.parts)


def parse(path: Path):
    return html.fromstring(path.read_bytes())


def dangers(doc, redirect: bool = False) -> list[str]:
    """Everything in a parsed page that could run script, submit or leave the site."""
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}={value!r}>")
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "data:",
                                                               "vbscript:")):
                found.append(f"<{element.tag} {name}={value!r}>")
            if name in ("src", "poster", "data") and EVIL in value:
                found.append(f"<{element.tag} {name}={value!r}> loads from another host")
    for script in doc.xpath("//script"):
        if script.get("type") == "application/ld+json" or OWN_SCRIPTS.search(
                script.get("src") or ""):
            continue
        found.append(f"<script>{(script.text or '')[:60]}")
    found += [f"<{e.tag}>" for e in doc.xpath(NEVER)]
    found += [f"<form action={f.get('action')!r}>" for f in doc.xpath("//form")
              if f.get("role") != "search"]
    for meta in doc.xpath("//meta[@http-equiv]"):
        target = (meta.get("content") or "").split("url=", 1)[-1]
        if not (redirect and target.startswith(SITE_URL + "/")):
            found.append(f"<meta http-equiv content={meta.get('content')!r}>")
    return found


def json_ld_problems(doc) -> list[str]:
    """JSON-LD blocks that do not parse, or hold a raw "<" (which could end the script)."""
    problems = []
    for script in doc.xpath("//script[@type='application/ld+json']"):
        if "<" in script.text:
            problems.append(f"raw '<' in JSON-LD: {script.text[:120]}")
        try:
            data = json.loads(script.text)
        except ValueError as err:
            problems.append(f"JSON-LD does not parse: {err}")
            continue
        if data.get("@type") == "BlogPosting" and not data["headline"].startswith(
                ("Post ", "Review")):
            problems.append(f"headline lost: {data['headline']!r}")
    return problems


def test_no_page_carries_anything_that_runs_and_its_json_ld_parses(hostile):
    problems = {}
    for path in pages(hostile):
        text = path.read_text(encoding="utf-8")
        doc = parse(path)
        found = dangers(doc, redirect="has moved" in text) + json_ld_problems(doc)
        if found:
            problems[str(path.relative_to(hostile.output))] = found
    assert len(pages(hostile)) > 20
    assert not problems, json.dumps(problems, indent=1)


def test_titles_names_and_fields_show_as_the_text_that_was_written(hostile):
    post = parse(next((hostile.output / "posts").rglob("post-*.html")))
    assert post.xpath("string(//h1)") == (f"Post <img src=x onerror=alert('{MARK}-img')>"
                                          f"\"><script>window.__pwned='{MARK}-script'</script>")
    assert post.xpath("//p[@class='meta']//a[starts-with(., 'Author <img')]")
    assert post.xpath("//p[@class='tags']/a[1]/text()") == [
        f"Tag <img src=x onerror=alert('{MARK}-img')>"]
    assert post.xpath("//img[@class='lead-image']/@alt") == [
        f"Alt \"><script>window.__pwned='{MARK}-script'</script>"]
    # The menu on every page names the page and the show by their titles, as text.
    menu = post.xpath("//nav[@aria-label]//a/text()")
    assert any(t.startswith("Page <img src=x") for t in menu)
    assert any(t.startswith("Show <img src=x") for t in menu)


def test_an_entity_written_summary_stays_inside_its_meta_attribute(hostile):
    post = parse(next((hostile.output / "posts").rglob("post-*.html")))
    metas = post.xpath("//meta[@name='description']")
    assert len(metas) == 1
    assert set(metas[0].attrib) == {"name", "content"}
    assert metas[0].get("content").startswith(
        f"\"><img src=x onerror=alert('{MARK}-entities')> plain")
    for meta in post.xpath("//meta"):
        assert set(meta.attrib) <= {"name", "property", "content", "charset"}, meta.attrib


def test_episode_page_shows_transcript_chapters_and_persons_as_text(hostile):
    show = hostile.output / "podcasts" / "hostile"
    episode = parse(next(show.glob("episode-window*.html")))
    transcript = " ".join(episode.xpath("//section[@class='transcript']//p//text()"))
    assert f"<script>window.__pwned='{MARK}-vtt'</script>" in transcript
    assert f"<img src=x onerror=alert('{MARK}-vttimg')>" in transcript
    chapters = episode.xpath("//nav[@class='chapters']//a[@class='seek']")
    assert chapters[0].xpath("string(.)").endswith(f"Chapter <img src=x onerror=alert("
                                                    f"'{MARK}-img')>")
    persons = episode.xpath("//p[@class='persons']")[0]
    assert persons.xpath("string(a)") == f"Person <img src=x onerror=alert('{MARK}-img')>"
    from_tag = parse(show / "episode-with-chapters-from-its-audio-file.html")
    links = from_tag.xpath("//nav[@class='chapters']//a[not(@class='seek')]/@href")
    assert links == [f"https://{EVIL}/\"><script>alert('{MARK}-wxxx2')</script>"]


def test_a_redirect_from_an_alias_is_a_plain_redirect(hostile):
    redirect = hostile.output / "old" / f"\"><svg/onload=alert('{MARK}-svg')>.html"
    doc = parse(redirect)
    assert doc.xpath("//meta[@http-equiv='refresh']/@content")[0].startswith(
        f"0; url={SITE_URL}/posts/")
    assert dangers(doc, redirect=True) == []
    assert doc.xpath("string(//main//a)").startswith("Post <img src=x")


def test_feeds_opml_and_sitemap_parse_and_their_html_carries_nothing_that_runs(hostile):
    opml = etree.fromstring((hostile.output / "podcasts.opml").read_bytes())
    outlines = opml.xpath("//outline[@xmlUrl]")
    assert [o.get("text") for o in outlines] == [
        f"Show <img src=x onerror=alert('{MARK}-img')>"
        f"\"><script>window.__pwned='{MARK}-script'</script>"]
    assert all(o.get("xmlUrl").startswith(SITE_URL + "/") for o in outlines)
    sitemap = etree.fromstring((hostile.output / "sitemap.xml").read_bytes())
    locations = sitemap.xpath("//*[local-name()='loc']/text()")
    assert locations and all(loc.startswith(SITE_URL + "/") for loc in locations)
    feeds = sorted((hostile.output / "feeds").glob("*.xml"))
    assert feeds
    for path in feeds:
        etree.fromstring(path.read_bytes())
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        for entry in parsed.entries:
            for part in [*entry.get("content", []), entry.get("summary_detail")]:
                if part and part.get("value"):
                    doc = html.fragment_fromstring(part["value"], create_parent="div")
                    assert dangers(doc) == [], (path.name, part["value"][:200])


def test_podcast_feed_parses_and_keeps_titles_as_text(hostile):
    feed = hostile.output / "podcasts" / "hostile" / "feed.xml"
    etree.fromstring(feed.read_bytes())
    parsed = podcastparser.parse(str(feed), feed.open("rb"))
    assert parsed["title"] == (f"Show <img src=x onerror=alert('{MARK}-img')>"
                               f"\"><script>window.__pwned='{MARK}-script'</script>")
    titles = [e["title"] for e in parsed["episodes"]]
    assert any(t.startswith("Episode <img src=x onerror") for t in titles)
    for entry in feedparser.parse(feed.read_bytes(), sanitize_html=False).entries:
        for part in entry.get("content", []):
            doc = html.fragment_fromstring(part["value"], create_parent="div")
            assert dangers(doc) == [], part["value"][:200]
    # <description> is HTML to podcast apps: the plain text in it must come out as text.
    rss = etree.fromstring(feed.read_bytes())
    descriptions = rss.xpath("/rss/channel/description/text() | //item/description/text()")
    assert len(descriptions) == 3
    for description in descriptions:
        doc = html.fragment_fromstring(description, create_parent="div")
        assert not doc.xpath("//*[local-name() != 'div']"), description
    shown = html.fragment_fromstring(descriptions[0], create_parent="div").text_content()
    assert shown == (f"Description <img src=x onerror=alert('{MARK}-img')> "
                     f"&quot;&gt;&lt;img src=x onerror=alert('{MARK}-entities')&gt;")


def test_chapters_json_parses_and_links_only_to_the_web(hostile):
    files = sorted((hostile.output / "podcasts").rglob("*.chapters.json"))
    assert len(files) == 2
    for path in files:
        chapters = json.loads(path.read_text(encoding="utf-8"))["chapters"]
        for chapter in chapters:
            assert chapter.get("url", "https://").startswith(("https://", "http://")), chapter
    titles = [c["title"] for p in files for c in json.loads(p.read_text())["chapters"]]
    assert f"ID3 chapter <img src=x onerror=alert('{MARK}-img')>" in titles


def test_search_index_parses_and_holds_the_payloads_as_plain_text(hostile):
    fragments = sorted((hostile.output / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    titles = []
    for path in fragments:
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        titles.append(fragment["meta"].get("title", ""))
    assert any(t.startswith("Post <img src=x onerror") for t in titles), titles


def test_an_image_from_another_site_is_a_build_error_naming_file_line_and_fix(site):
    site.write("posts/news/foreign.md", f"""
        ---
        title: Foreign image
        date: 2026-01-12
        ---
        Look at this:

        <img src="https://{EVIL}/x.png" alt="from elsewhere">
    """)
    site.write("posts/news/foreign-summary.md", f"""
        ---
        title: Foreign image in a summary
        date: 2026-01-13
        summary: '![x](//{EVIL}/y.png)'
        ---
        Body.
    """)
    (site.output / "keep.txt").parent.mkdir(parents=True)
    (site.output / "keep.txt").write_text("previous build")
    assert site.build() == 1
    assert f"content/posts/news/foreign.md:7: image: https://{EVIL}/x.png is on another " \
           "website" in site.messages
    assert "download the file into content/images/ and link it from there" in site.messages
    assert f"content/posts/news/foreign-summary.md:4: image: //{EVIL}/y.png" in site.messages
    assert (site.output / "keep.txt").read_text() == "previous build"
    assert "Traceback" not in site.messages


def test_html_and_rst_content_files_are_refused_by_name(site):
    site.write("pages/raw.html", "<html><head><title>Raw</title></head><body>"
                                 "<script>alert(1)</script></body></html>")
    assert site.build() == 1
    assert "content/pages/raw.html: only Markdown files (.md) are read" in site.messages


def test_a_widened_allowlist_is_reported_by_every_build(site):
    site.write("pages/about.md", """
        ---
        title: About
        ---
        Press <kbd>Ctrl</kbd>.
    """)
    assert site.build(SITEKIT={"html_allow": {"tags": ["kbd"]}}) == 0, site.messages
    assert "pelicanconf.py: warning: SITEKIT['html_allow']: the raw HTML allowlist is " \
           "widened" in site.messages
    assert "<kbd>Ctrl</kbd>" in site.read("about.html")


def test_invoke_check_says_the_allowlist_was_widened_and_how(tmp_path):
    """The librarian's own command, as a terminal shows it."""
    work = copy_project(tmp_path / "repo")
    conf = work / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + '\nSITEKIT = {"html_allow": {"tags": ["kbd"],'
                      ' "attributes": {"p": ["hidden"]}}}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=work,
                            capture_output=True, text=True, timeout=300)
    shown = result.stdout + result.stderr
    assert result.returncode == 0, shown
    assert "the raw HTML allowlist is widened beyond Shelfcast's default: tags kbd; " \
           "attributes hidden on <p>" in shown


def test_pages_scripts_and_scripted_svgs_in_static_folders_are_refused(site):
    site.write("images/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                                  "<script>alert(1)</script></svg>")
    site.write("images/onload.svg", '<svg xmlns="http://www.w3.org/2000/svg" '
                                    'onload="alert(1)"><rect width="1" height="1"/></svg>')
    site.write("images/page.html", "<script>alert(1)</script>")
    site.write("images/fine.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                                  '<rect width="10" height="10" fill="red"/></svg>')
    assert site.build() == 1
    assert "content/images/evil.svg: this SVG image contains script" in site.messages
    assert "content/images/onload.svg: this SVG image contains script" in site.messages
    assert "content/images/page.html: .html files are web pages or scripts" in site.messages
    assert "fine.svg" not in site.messages
    assert not site.output.exists()
