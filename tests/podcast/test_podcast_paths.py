"""Where shows live and what their feeds link to: the podcast folder setting, folder names,
links in show notes, transcript languages. Read back as podcast apps read them."""

import hashlib
import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import feedparser
import podcastparser
import yaml
from lxml import etree, html
from mpegframes import cbr
from podcasttools import EPISODE, SHOW_YAML, image_bytes
from sitetools import Site, build_kit_site, copy_project

SITE = "http://127.0.0.1:8000/"
NS = {"podcast": "https://podcastindex.org/namespace/1.0"}
OWNER = {"name": "Test Library", "email": "podcast@test.example.org"}


def digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_show(site, folder, episode=EPISODE):
    site.write(f"{folder}/show.yaml", SHOW_YAML)
    site.write(f"{folder}/cover.png", image_bytes())
    site.write(f"{folder}/audio/first.mp3", cbr(2))
    site.write(f"{folder}/first.md", episode)


def test_shows_under_another_folder_build_end_to_end(site):
    write_show(site, "shows/talk", EPISODE.replace(
        "Show notes for the first episode.", "We read [The Hobbit](isbn:9780261103344)."))
    assert site.build(PODCAST={"path": "shows", "owner": OWNER}) == 0, site.messages
    feed_path = site.output / "shows/talk/feed.xml"
    with open(feed_path, "rb") as stream:
        parsed = podcastparser.parse(f"{SITE}shows/talk/feed.xml", stream)
    assert [e["title"] for e in parsed["episodes"]] == ["First episode"]
    episode = parsed["episodes"][0]
    audio = episode["enclosures"][0]["url"]
    assert audio == f"{SITE}shows/talk/audio/first.mp3"
    assert (site.output / audio[len(SITE):]).is_file()
    page = episode["link"]
    assert page.startswith(f"{SITE}shows/talk/") and (site.output / page[len(SITE):]).is_file()
    opml = etree.parse(str(site.output / "podcasts.opml"))
    assert opml.xpath("//outline/@xmlUrl") == [f"{SITE}shows/talk/feed.xml"]
    assert not (site.output / "podcasts").exists()
    # The catalogue plugin sees an episode there too: its JSON-LD names the book it mentions.
    tree = html.fromstring((site.output / page[len(SITE):]).read_text(encoding="utf-8"))
    data = [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
    episodes = [d for d in data if d.get("@type") == "PodcastEpisode"]
    assert [m.get("isbn") for m in episodes[0]["mentions"]] == ["9780261103344"]


def test_a_show_folder_that_is_no_clean_url_part_is_refused_with_a_name(show_site):
    assert show_site.build() == 0, show_site.messages
    before = digest(show_site.output)
    write_show(show_site, "podcasts/Bøger og snak")
    assert show_site.build() == 1
    assert ("content/podcasts/Bøger og snak/: the folder name 'Bøger og snak' cannot be part "
            "of a web address") in show_site.messages
    assert "rename the folder to 'boger-og-snak'" in show_site.messages
    assert "Traceback" not in show_site.messages
    assert digest(show_site.output) == before
    assert not any("%" in p or " " in p for p in before)


def test_capital_letters_in_a_show_folder_are_refused(show_site):
    write_show(show_site, "podcasts/BookTalk")
    assert show_site.build() == 1
    assert "rename the folder to 'booktalk'" in show_site.messages


NOTES_EPISODE = EPISODE.replace(
    "Show notes for the first episode.",
    "Listen to [the interview](audio/first.mp3), read [the post](../../posts/2026/x.html), "
    "see [the index](/index.html), [mail us](mailto:podcast@test.example.org) or "
    "[another site](https://example.net/page).")


def test_relative_links_in_show_notes_are_absolute_in_the_feed(site):
    write_show(site, "podcasts/talk", NOTES_EPISODE)
    assert site.build() == 0, site.messages
    parsed = feedparser.parse(site.read("podcasts/talk/feed.xml"))
    body = html.fromstring(parsed.entries[0].content[0].value)
    links = {a.text: a.get("href") for a in body.iter("a")}
    assert links == {"the interview": f"{SITE}podcasts/talk/audio/first.mp3",
                     "the post": f"{SITE}posts/2026/x.html",
                     "the index": f"{SITE}index.html",
                     "mail us": "mailto:podcast@test.example.org",
                     "another site": "https://example.net/page"}
    # The page itself keeps links that work where it is.
    page = html.fromstring(site.read("podcasts/talk/first-episode.html"))
    assert page.xpath("//a[.='the interview']/@href") == ["audio/first.mp3"]


def test_transcript_language_follows_the_episodes_lang(site):
    episode = EPISODE.replace("guid: test-guid-1", "guid: test-guid-1\n    lang: da\n"
                              "    transcript: audio/first.vtt")
    write_show(site, "podcasts/talk", episode)
    site.write("podcasts/talk/audio/first.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHej\n")
    site.write("podcasts/talk/audio/second.mp3", cbr(1))
    site.write("podcasts/talk/second.md", EPISODE.replace("test-guid-1", "test-guid-2")
               .replace("First episode", "Second episode").replace("first.mp3", "second.mp3")
               .replace("guid: test-guid-2", "guid: test-guid-2\n    transcript: audio/first.vtt"))
    assert site.build() == 0, site.messages
    feed = etree.fromstring((site.output / "podcasts/talk/feed.xml").read_bytes())
    languages = {item.findtext("title"): item.find("podcast:transcript", NS).get("language")
                 for item in feed.iter("item")}
    assert languages == {"First episode": "da", "Second episode": "en"}


INVOKE = Path(sys.executable).with_name("invoke")


def test_freeze_guids_writes_the_shows_podcast_guid_from_the_public_feed_url(tmp_path):
    project = copy_project(tmp_path / "library")
    show_yaml = project / "content/podcasts/book-talk/show.yaml"
    code, messages = build_kit_site(tmp_path / "before")
    assert code == 0, messages
    assert "book-talk/show.yaml: warning: guid: not frozen yet" in messages
    # With the kit's example address every library would get the same show guids: refused.
    with open(project / "publishconf.py", "a", encoding="utf-8") as handle:
        handle.write('SITEURL = "https://library.example.org"\n')
    done = subprocess.run([str(INVOKE), "freeze-guids"], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Show guids not written: publishconf.py gives feeds the address https://library." \
        "example.org/podcasts/show/feed.xml, which is not your library's" in done.stdout
    assert "guid" not in yaml.safe_load(show_yaml.read_text(encoding="utf-8"))
    with open(project / "publishconf.py", "a", encoding="utf-8") as handle:
        handle.write('SITEURL = "https://bibliotek.orstad.dk"\n')
    done = subprocess.run([str(INVOKE), "freeze-guids"], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # The Podcasting 2.0 rule: UUIDv5 of the public feed URL without its scheme, in the
    # podcast namespace (the spec's own example is checked in test_podcast_units.py).
    expected = str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                              "bibliotek.orstad.dk/podcasts/book-talk/feed.xml"))
    assert yaml.safe_load(show_yaml.read_text(encoding="utf-8"))["guid"] == expected
    assert "content/podcasts/book-talk/show.yaml: guid: " + expected in done.stdout
    again = subprocess.run([str(INVOKE), "freeze-guids"], cwd=project, capture_output=True,
                           text=True, timeout=120)
    assert "show.yaml" not in again.stdout
    # The local build now publishes the frozen guid, not one from the preview address.
    (tmp_path / "site").mkdir()
    site = Site(tmp_path / "site")
    shutil.copytree(project / "content", site.content, dirs_exist_ok=True)
    assert site.build() == 0, site.messages
    assert "show.yaml: warning: guid" not in site.messages
    feed = etree.fromstring((site.output / "podcasts/book-talk/feed.xml").read_bytes())
    assert feed.findtext("channel/podcast:guid", namespaces=NS) == expected
