"""What the strictest podcast directory refuses is refused (or warned about) by the build first,
with file, line, field and fix; the Podcasting 2.0 channel tags show.yaml can ask for."""

import hashlib

import podcastparser
import pytest
from lxml import etree
from mpegframes import cbr
from podcasttools import SHOW_YAML, episode, image_bytes

SHOW = "podcasts/talk/"
SITE = "http://127.0.0.1:8000/"
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0"}
FIRST = "content/podcasts/talk/first.md"
SECOND = "content/podcasts/talk/second.md"
YAML = "content/podcasts/talk/show.yaml"


def digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def show_yaml(**extra) -> str:
    """The test show.yaml with fields replaced or added (YAML text as the value)."""
    lines = [line.strip() for line in SHOW_YAML.strip().splitlines()]
    fields = {line.split(":", 1)[0]: line for line in lines}
    for key, value in extra.items():
        fields[key] = f"{key}: {value}"
    return "\n".join(fields.values()) + "\n"


def second(**changes) -> str:
    return episode(**{"title": "Second episode", "guid": "test-guid-2",
                      "audio": "audio/second.mp3", **changes})


BAD = {
    "show language is a country code": (
        {"show.yaml": show_yaml(language="dk")},
        [f"{YAML}:3: language: 'dk' is a country code, not a language code; did you mean da?"]),
    "episode lang is a country code": (
        {"first.md": episode(lang="dk")},
        [f"{FIRST}:6: lang: 'dk' is a country code, not a language code; did you mean da?"]),
    "episode lang is no language": (
        {"first.md": episode(lang="xq")}, [f"{FIRST}:6: lang: 'xq' is not an ISO 639"]),
    "JPEG artwork named .png": (
        {"cover.png": image_bytes(kind="JPEG")},
        [f"{YAML}:6: image: is a JPEG image but its name ends in .png; apps trust the name: "
         "rename it to end in .jpg"]),
    "greyscale artwork": ({"cover.png": image_bytes(mode="L")},
                          [f"{YAML}:6: image: is greyscale; podcast directories want RGB"]),
    "artwork with transparency": ({"cover.png": image_bytes(mode="RGBA")},
                                  [f"{YAML}:6: image: has transparency (RGBA)"]),
    "palette artwork": ({"cover.png": image_bytes(mode="P")},
                        [f"{YAML}:6: image: uses a palette of colours"]),
    "episode image under 1400 px": (
        {"first.md": episode(image="podcasts/talk/art.png"), "art.png": image_bytes((800, 800))},
        [f"{FIRST}:6: image: podcasts/talk/art.png is 800x800 pixels; podcast artwork must be "
         "between 1400x1400 and 3000x3000"]),
    "episode image greyscale": (
        {"first.md": episode(image="podcasts/talk/art.png"), "art.png": image_bytes(mode="L")},
        [f"{FIRST}:6: image: podcasts/talk/art.png is greyscale"]),
    "description over 4,000 bytes": (
        {"show.yaml": show_yaml(description="Bøger " * 600)},
        [f"{YAML}:2: description: is 4,199 bytes long; podcast directories take at most 4,000"]),
    "serial show episode without a number": (
        {"show.yaml": show_yaml(type="serial")},
        [f"{FIRST}: episode: missing; the show is serial (type: serial in show.yaml)"]),
    "episode 0": ({"first.md": episode(episode="0")},
                  [f"{FIRST}:6: episode: numbers start at 1 (Apple Podcasts refuses episode 0)"]),
    "negative episode": ({"first.md": episode(episode="-2")},
                         [f"{FIRST}:6: episode: numbers start at 1"]),
    "two episodes with one audio file": (
        {"second.md": second(audio="audio/first.mp3")},
        [f"{FIRST}:4: audio: the same audio file is also the episode {SECOND}",
         f"{SECOND}:4: audio: the same audio file is also the episode {FIRST}"]),
    "one guid in two shows": (
        {"../other/show.yaml": SHOW_YAML.replace("Test Talk", "Other Talk"),
         "../other/cover.png": image_bytes(), "../other/audio/other.mp3": cbr(1),
         "../other/first.md": episode(audio="audio/other.mp3")},
        [f"{FIRST}:5: guid: 'test-guid-1' is also the guid of content/podcasts/other/first.md",
         "content/podcasts/other/first.md:5: guid: 'test-guid-1' is also the guid of "
         f"{FIRST}"]),
    "one episode number twice in a season": (
        {"first.md": episode(season="2", episode="3"),
         "second.md": second(season="2", episode="3")},
        [f"{FIRST}:7: episode: episode 3 of season 2 is also {SECOND}; give each episode its "
         "own number", f"{SECOND}:7: episode: episode 3 of season 2 is also {FIRST}"]),
    "funding over http": (
        {"show.yaml": show_yaml(funding="{url: 'http://library.example.org/support', "
                                        "text: Support us}")},
        [f"{YAML}:7: funding: url 'http://library.example.org/support' is not a secure "
         "address; must have url: (https://...)"]),
    "episode person over http": (
        {"first.md": episode(persons="[{name: Karen Holm, href: 'http://example.org/k'}]")},
        [f"{FIRST}:6: persons: person 1 (Karen Holm): href 'http://example.org/k' must be a "
         "secure web address starting with https://"]),
    "show person image over http": (
        {"show.yaml": show_yaml(persons="[{name: Karen Holm, img: 'http://example.org/k.jpg'}]")},
        [f"{YAML}:7: persons: person 1 (Karen Holm): img 'http://example.org/k.jpg' must be a "
         "secure web address"]),
    "unknown medium": ({"show.yaml": show_yaml(medium="podcasts")},
                       [f"{YAML}:7: medium: 'podcasts' is not a Podcasting 2.0 medium; did you "
                        "mean podcast?"]),
    "list medium": ({"show.yaml": show_yaml(medium="musicL")},
                    [f"{YAML}:7: medium: 'musicL' is not a Podcasting 2.0 medium"]),
    "unknown update frequency": (
        {"show.yaml": show_yaml(update_frequency="fortnightly")},
        [f"{YAML}:7: update_frequency: 'fortnightly' is not one of daily, weekly, biweekly"]),
    "broken rrule": (
        {"show.yaml": show_yaml(update_frequency="{rrule: 'FREQ=WEEKLY;BYDAY=XX', "
                                                 "text: Weekly}")},
        [f"{YAML}:7: update_frequency: rrule 'FREQ=WEEKLY;BYDAY=XX' is not a recurrence rule"]),
    "rrule with COUNT and no start": (
        {"show.yaml": show_yaml(update_frequency="{rrule: 'FREQ=WEEKLY;COUNT=10', "
                                                 "text: Ten weeks}")},
        [f"{YAML}:7: update_frequency: an rrule with COUNT= needs dtstart:"]),
    "custom license without its address": (
        {"show.yaml": show_yaml(license="orstad-license")},
        [f"{YAML}:7: license: 'orstad-license' is not a well-known licence (such as "
         "CC-BY-4.0), so podcast apps need the address of its text"]),
    "license that is no name": (
        {"show.yaml": show_yaml(license="'all rights reserved'")},
        [f"{YAML}:7: license: 'all rights reserved' is not a licence's short name"]),
    "block that is no yes or no": ({"show.yaml": show_yaml(block="maybe")},
                                   [f"{YAML}:7: block: must be true or false, not 'maybe'"]),
}


def apply(site, changes):
    for name, value in changes.items():
        site.write(SHOW + name, value)


@pytest.mark.parametrize("name", BAD)
def test_what_directories_refuse_stops_the_build_naming_file_line_and_fix(show_site, name):
    show_site.write(SHOW + "audio/second.mp3", cbr(1))
    assert show_site.build() == 0, show_site.messages
    before = digest(show_site.output)
    changes, expected = BAD[name]
    apply(show_site, changes)
    assert show_site.build() == 1
    for line in expected:
        assert line in show_site.messages, show_site.messages
    assert "Traceback" not in show_site.messages
    assert digest(show_site.output) == before


def test_the_same_episode_number_in_two_seasons_or_for_a_bonus_is_fine(show_site):
    show_site.write(SHOW + "audio/second.mp3", cbr(1))
    show_site.write(SHOW + "audio/third.mp3", cbr(1))
    show_site.write(SHOW + "first.md", episode(season="1", episode="3"))
    show_site.write(SHOW + "second.md", second(season="2", episode="3"))
    show_site.write(SHOW + "third.md", episode(title="Bonus", guid="test-guid-3", season="2",
                                               episode="3", episode_type="bonus",
                                               audio="audio/third.mp3"))
    assert show_site.build() == 0, show_site.messages


def test_a_trailer_with_an_episode_number_is_warned_about(show_site):
    show_site.write(SHOW + "first.md", episode(episode_type="trailer", episode="4"))
    assert show_site.build() == 0, show_site.messages
    assert (f"{FIRST}:7: warning: episode: a trailer with episode: 4 is shown by Apple "
            "Podcasts as the teaser of episode 4") in show_site.messages


FULL_SHOW = show_yaml(
    type="serial",
    persons="[{name: Karen Holm, role: host, href: 'https://library.example.org/karen'}, "
            "{name: Ole Berg, role: producer, group: audio post-production, "
            "img: 'https://library.example.org/ole.jpg'}]",
    medium="podcast", license="CC-BY-4.0",
    update_frequency="{rrule: 'FREQ=MONTHLY;BYDAY=1TU', text: First Tuesday of the month}",
    block="yes", guid="'4f0e6a34-1d83-5a4e-9fd3-0b5a0a6f1c11'")


def test_show_yaml_fields_become_podcasting_2_0_channel_tags(show_site):
    show_site.write(SHOW + "show.yaml", FULL_SHOW)
    show_site.write(SHOW + "first.md", episode(episode="1"))
    show_site.write(SHOW + "audio/trailer.mp3", cbr(1))
    show_site.write(SHOW + "trailer.md", episode(title="Coming soon", guid="trailer-1",
                                                 episode_type="trailer", season="1",
                                                 audio="audio/trailer.mp3",
                                                 date="2026-01-01 09:00"))
    assert show_site.build() == 0, show_site.messages
    assert "show.yaml: warning" not in show_site.messages
    path = show_site.output / "podcasts/talk/feed.xml"
    with open(path, "rb") as stream:
        parsed = podcastparser.parse(f"{SITE}podcasts/talk/feed.xml", stream)
    assert len(parsed["episodes"]) == 2
    channel = etree.parse(str(path)).find("channel")

    def one(tag):
        found = channel.findall(tag, NS)
        assert len(found) == 1, tag
        return found[0]

    assert one("podcast:guid").text == "4f0e6a34-1d83-5a4e-9fd3-0b5a0a6f1c11"
    assert one("podcast:medium").text == "podcast"
    assert one("podcast:license").text == "CC-BY-4.0"
    assert one("podcast:license").get("url") is None
    frequency = one("podcast:updateFrequency")
    assert (frequency.text, frequency.get("rrule")) == ("First Tuesday of the month",
                                                        "FREQ=MONTHLY;BYDAY=1TU")
    assert one("itunes:block").text == "Yes" and one("podcast:block").text == "yes"
    image = one("podcast:image")
    assert image.get("href") == f"{SITE}podcasts/talk/cover.png"
    assert (image.get("width"), image.get("height")) == ("1400", "1400")
    persons = [(p.text, p.get("role"), p.get("group"), p.get("href"), p.get("img"))
               for p in channel.findall("podcast:person", NS)]
    assert persons == [
        ("Karen Holm", "host", "cast", "https://library.example.org/karen", None),
        ("Ole Berg", "producer", "audio post-production", None,
         "https://library.example.org/ole.jpg")]
    trailer = one("podcast:trailer")
    assert trailer.text == "Coming soon"
    assert trailer.get("url") == f"{SITE}podcasts/talk/audio/trailer.mp3"
    assert int(trailer.get("length")) == (show_site.output / "podcasts/talk/audio/trailer.mp3"
                                          ).stat().st_size
    assert (trailer.get("type"), trailer.get("season")) == ("audio/mpeg", "1")
    assert trailer.get("pubdate").startswith("Thu, 01 Jan 2026 09:00:00")


def test_a_custom_license_carries_its_address_and_a_label_its_rule(show_site):
    show_site.write(SHOW + "show.yaml", show_yaml(
        license="{name: orstad-license, url: 'https://library.example.org/license'}",
        update_frequency="biweekly"))
    assert show_site.build() == 0, show_site.messages
    channel = etree.parse(str(show_site.output / "podcasts/talk/feed.xml")).find("channel")
    license_tag = channel.find("podcast:license", NS)
    assert (license_tag.text, license_tag.get("url")) == ("orstad-license",
                                                          "https://library.example.org/license")
    frequency = channel.find("podcast:updateFrequency", NS)
    assert (frequency.text, frequency.get("rrule")) == ("Biweekly", "FREQ=WEEKLY;INTERVAL=2")
    assert channel.find("itunes:block", NS) is None and channel.find("podcast:medium", NS) is None
