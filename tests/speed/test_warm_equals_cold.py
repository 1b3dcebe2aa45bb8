"""A warm build (previous output and .cache kept) writes exactly what a cold build writes.

Every speed-up reuses something from the last build (audio facts, covers, read posts...); if
it reuses too much, a librarian's edit silently fails to reach the site. So: random sequences
of the edits librarians make, and after each step the warm output/ is compared with a build
from nothing, file by file, byte for byte.
"""

from __future__ import annotations

import filecmp
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image
from sitetools import KIT_SITE, ROOT, Site

SECTIONS = ("news", "books", "events")
SHOW = KIT_SITE / "content/podcasts/book-talk"
SEED = 13
PICTURE = KIT_SITE / "content/images/site-card.png"
# Images posts show from the start: post 0 names one in its front matter, post 1 in its body.
LINKED_IMAGES = {0: "images/photo-0.png", 1: "images/photo-1.png"}


def mp3(frames: int) -> bytes:
    """Silent MPEG-2 Layer III frames at 32 kbit/s, 22,050 Hz (104 bytes each)."""
    return (bytes([0xFF, 0xF3, 0x40, 0xC0]) + bytes(100)) * frames


def post_text(number: int, title: str, date: str, tags: str, extra: str = "",
              body: str = "") -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nauthor: Karen Holm\ntags: [{tags}]\n"
            f"summary: Summary of post {number}.\n{extra}---\nThis is post {number} -- "
            + "Some *Markdown* text. " * 20 + f"\n{body}")


def episode_text(number: int, audio: str) -> str:
    return (f"---\ntitle: Episode {number}\ndate: 2025-0{1 + number % 9}-1{number % 9} 10:00\n"
            f"audio: audio/{audio}\nguid: speed-{number}\nepisode: {number}\n---\n"
            f"Notes for episode {number}.\n")


class Corpus:
    """A small site whose files the edits change; the rng picks what each edit touches."""

    def __init__(self, site: Site, theme: Path, rng: random.Random):
        self.site, self.theme, self.rng = site, theme, rng
        self.posts: dict[int, Path] = {}
        self.episodes = 0
        self.added_files = 0

    def write_initial(self) -> None:
        for image in LINKED_IMAGES.values():
            shutil.copy(PICTURE, self.site.content / image)
        for number in range(12):
            extra = "status: draft\n" if number in (3, 7) else ""
            # A Danish post: its page shows the UI strings of the catalogue da.po.
            extra += "lang: da\n" if number == 2 else ""
            extra += f"image: {LINKED_IMAGES[0]}\n" if number == 0 else ""
            body = f"![A photo]({LINKED_IMAGES[1]})\n" if number == 1 else ""
            self.write_post(number, SECTIONS[number % 3], post_text(
                number, f"Post {number}", f"2024-{1 + number % 12:02d}-{1 + number:02d}",
                f"tag{number % 4}, tag{number % 3}", extra, body))
        show = self.site.content / "podcasts/book-talk"
        (show / "audio").mkdir(parents=True)
        shutil.copy(SHOW / "show.yaml", show / "show.yaml")
        shutil.copy(SHOW / "cover.png", show / "cover.png")
        for _ in range(3):
            self.new_episode()
        self.site.write("pages/about.md", "---\ntitle: About us\n---\nWe are a library.\n")
        # Translations outside the theme (the stale-page bug of issue 26): the theme's
        # catalogues hashed with the theme hid it.
        locale = shutil.copytree(self.theme / "locale", self.site.root / "locale")
        self.append_setting(f"I18N = {{'date_style': 'long', 'catalogue_path': {str(locale)!r}}}")

    def append_setting(self, line: str) -> None:
        conf = self.site.root / "pelicanconf.py"
        conf.write_text(conf.read_text("utf-8") + f"\n{line}\n", encoding="utf-8")

    def write_post(self, number: int, section: str, text: str) -> None:
        path = self.site.write(f"posts/{section}/post-{number:02d}.md", text)
        self.posts[number] = path

    def pick(self) -> Path:
        return self.posts[self.rng.choice(sorted(self.posts))]

    def replace_line(self, path: Path, field: str, value: str) -> None:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [f"{field}: {value}\n" if line.startswith(f"{field}:") else line
                 for line in lines]
        path.write_text("".join(lines), encoding="utf-8")

    # --- the edits ------------------------------------------------------------------------

    def body(self) -> None:
        path = self.pick()
        path.write_text(path.read_text(encoding="utf-8") + "\nA new *sentence*.\n",
                        encoding="utf-8")

    def title(self) -> None:
        self.replace_line(self.pick(), "title", f"A new title {self.rng.randrange(1000)}")

    def page_body(self) -> None:
        path = self.site.content / "pages/about.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nOpen *every* day.\n",
                        encoding="utf-8")

    def page_title(self) -> None:
        self.replace_line(self.site.content / "pages/about.md", "title",
                          f"About us {self.rng.randrange(1000)}")

    def date(self) -> None:
        self.replace_line(self.pick(), "date", f"2023-{self.rng.randrange(1, 13):02d}-15")

    def tags(self) -> None:
        self.replace_line(self.pick(), "tags", f"[fresh{self.rng.randrange(5)}, tag1]")

    def section_move(self) -> None:
        number = self.rng.choice(sorted(self.posts))
        old = self.posts[number]
        section = next(s for s in SECTIONS if s != old.parent.name)
        new = old.parent.parent / section / old.name
        new.parent.mkdir(exist_ok=True)
        old.rename(new)
        self.posts[number] = new

    def publish_draft(self) -> None:
        drafts = [p for p in self.posts.values() if "status: draft" in p.read_text("utf-8")]
        path = self.rng.choice(sorted(drafts)) if drafts else self.pick()
        path.write_text(path.read_text("utf-8").replace("status: draft\n", ""), "utf-8")

    def delete(self) -> None:
        # Not the posts that show LINKED_IMAGES: linked_image_broken needs them.
        number = self.rng.choice(sorted(set(self.posts) - set(LINKED_IMAGES)))
        self.posts.pop(number).unlink()

    # An edit in stages yields after each stage but the last: every stage is built warm and
    # compared with a cold build, failed builds included (their problems must be the same).

    def linked_image_broken(self):
        """An image a post shows is overwritten with text, then deleted (both builds fail),
        then put back: each time the post must be read again, not taken from the cache."""
        image = self.site.content / LINKED_IMAGES[self.rng.choice(sorted(LINKED_IMAGES))]
        image.write_bytes(b"not a picture")
        yield
        image.unlink()
        yield
        shutil.copy(PICTURE, image)

    def missing_image_added(self):
        """A new post shows an image that is not there yet (the build fails); then it is added."""
        self.added_files += 1
        image = f"images/late-{self.added_files}.png"
        number = 100 + self.added_files
        self.write_post(number, "news", post_text(number, f"Post {number}", "2024-02-02",
                                                  "tag1", body=f"![Late]({image})\n"))
        yield
        shutil.copy(PICTURE, self.site.content / image)

    def unrelated_file_added(self) -> None:
        self.added_files += 1
        shutil.copy(PICTURE, self.site.content / f"images/unrelated-{self.added_files}.png")

    def new_episode(self) -> None:
        self.episodes += 1
        show = self.site.content / "podcasts/book-talk"
        (show / "audio" / f"ep{self.episodes}.mp3").write_bytes(mp3(40 + 10 * self.episodes))
        (show / f"ep{self.episodes}.md").write_text(
            episode_text(self.episodes, f"ep{self.episodes}.mp3"), encoding="utf-8")

    def rename_audio(self) -> None:
        number = self.rng.randrange(1, self.episodes + 1)
        show = self.site.content / "podcasts/book-talk"
        episode = show / f"ep{number}.md"
        old = episode.read_text("utf-8").split("audio: audio/")[1].split("\n")[0]
        new = f"renamed-{self.rng.randrange(1000)}-{old}"
        (show / "audio" / old).rename(show / "audio" / new)
        episode.write_text(episode_text(number, new), encoding="utf-8")

    # Each setting alone: one that changes listings, one every page shows, one that changes
    # how every post reads ("--" becomes a dash), a filter edited in place (same name).

    def setting_pagination(self) -> None:
        self.append_setting(f"DEFAULT_PAGINATION = {self.rng.randrange(2, 5)}")

    def setting_subtitle(self) -> None:
        self.append_setting(f"SITESUBTITLE = 'Changed {self.rng.randrange(1000)}'")

    def setting_markdown(self) -> None:
        self.append_setting("MARKDOWN = {'extension_configs': {'markdown.extensions.extra': {}, "
                            "'markdown.extensions.smarty': {}}, 'output_format': 'html5'}")

    def setting_object(self):
        """A setting holding an object the settings file makes (a Markdown extension), then
        only that object's options changed: same setting, same class, other fields."""
        extension = ("from markdown.extensions.smarty import SmartyExtension\n"
                     "MARKDOWN = {{'extensions': [SmartyExtension(smart_dashes={})], "
                     "'output_format': 'html5'}}")
        self.append_setting(extension.format(False))
        yield
        self.append_setting(extension.format(True))

    def setting_filter(self):
        """A filter from the settings that a template uses, then its body edited in place."""
        self.append_setting("def shout(text):\n    return str(text).upper()\n\n"
                            "JINJA_FILTERS = {'shout': shout}")
        article = self.theme / "templates" / "article.html"
        article.write_text(article.read_text("utf-8").replace(
            "{% block content %}", "{% block content %}<p>{{ article.title|shout }}</p>", 1),
            "utf-8")
        yield
        self.append_setting("def shout(text):\n    return str(text).lower()\n\n"
                            "JINJA_FILTERS = {'shout': shout}")

    def translation(self) -> None:
        """A msgstr edited in a catalogue outside the theme."""
        catalogue = self.site.root / "locale" / "da.po"
        text = catalogue.read_text("utf-8")
        catalogue.write_text(text.replace('msgid "Search"\nmsgstr "', 'msgid "Search"\nmsgstr "'
                                          f"Ny{self.rng.randrange(1000)} ", 1), "utf-8")

    def card_picture_resized(self) -> None:
        """The site's card picture, whose size a template helper (image_size) reads from its
        file on every page, replaced by one of another size."""
        width = 600 + self.rng.randrange(1, 400)
        Image.new("RGB", (width, 315), "teal").save(self.site.content / "images/site-card.png")

    def template(self) -> None:
        article = self.theme / "templates" / "article.html"
        text = article.read_text("utf-8")
        article.write_text(text.replace("{% block content %}", "{% block content %}"
                           f"<!-- template edit {self.rng.randrange(1000)} -->", 1), "utf-8")


EDITS = ("body", "title", "date", "tags", "section_move", "publish_draft", "delete",
         "new_episode", "rename_audio", "setting_pagination", "setting_subtitle",
         "setting_markdown", "setting_object", "setting_filter", "translation",
         "card_picture_resized", "template", "linked_image_broken", "missing_image_added",
         "unrelated_file_added")


def differences(warm: Path, cold: Path) -> list[str]:
    """Files present in one output only, or with different bytes."""
    warm_files = {p.relative_to(warm) for p in warm.rglob("*") if p.is_file()}
    cold_files = {p.relative_to(cold) for p in cold.rglob("*") if p.is_file()}
    found = [f"only in warm: {p}" for p in sorted(warm_files - cold_files)]
    found += [f"only in cold: {p}" for p in sorted(cold_files - warm_files)]
    found += [f"different: {p}" for p in sorted(warm_files & cold_files)
              if not filecmp.cmp(warm / p, cold / p, shallow=False)]
    return found


def build(site: Site, theme: Path) -> tuple[int, str]:
    """The exit code and the problems reported."""
    code = site.build(THEME=str(theme), BUILD_NOW="2026-06-01T12:00:00+02:00",
                      SEARCH={"index": False})
    return code, site.messages


def cold_build(site: Site, theme: Path, aside: Path) -> tuple[int, str, Path]:
    """Build the same site from nothing in the same folder; put the warm state back after.

    Returns the exit code, the problems and the output (as it was before when the build
    failed: a failed build leaves output/ alone)."""
    for name in ("output", ".cache"):
        if (site.root / name).exists():
            (site.root / name).rename(aside / f"warm-{name}")
    code, messages = build(site, theme)
    cold = aside / "cold-output"
    if cold.exists():
        shutil.rmtree(cold)
    if (site.root / "output").exists():
        (site.root / "output").rename(cold)
    shutil.rmtree(site.root / ".cache", ignore_errors=True)
    for name in ("output", ".cache"):
        if (aside / f"warm-{name}").exists():
            (aside / f"warm-{name}").rename(site.root / name)
    return code, messages, cold


def assert_warm_equals_cold(site: Site, theme: Path, aside: Path, after: list[str]) -> None:
    warm_code, warm_messages = build(site, theme)
    cold_code, cold_messages, cold = cold_build(site, theme, aside)
    assert (warm_code, warm_messages) == (cold_code, cold_messages), f"after {after}"
    if cold_code == 0:
        assert differences(site.output, cold) == [], f"after {after}"


def new_corpus(tmp_path: Path, seed: int) -> tuple[Corpus, Path]:
    """A fresh site (its own copy of the theme) with the initial content; and a folder for
    the cold builds."""
    (tmp_path / "site").mkdir()
    aside = tmp_path / "aside"
    aside.mkdir()
    theme = shutil.copytree(ROOT / "themes/shelfcast", tmp_path / "theme")
    corpus = Corpus(Site(tmp_path / "site"), theme, random.Random(seed))
    corpus.write_initial()
    return corpus, aside


def test_warm_build_after_random_edits_equals_cold_build(tmp_path):
    defaults = ROOT / "plugins/shelfcast_theme/declarations.py"  # the card picture's default
    if "default_image" not in defaults.read_text("utf-8"):
        pytest.skip("fixture settings changed shape")
    corpus, aside = new_corpus(tmp_path, SEED)
    site, theme, rng = corpus.site, corpus.theme, corpus.rng
    assert build(site, theme)[0] == 0, site.messages
    edits = list(EDITS)
    rng.shuffle(edits)
    # One edit per step: two edits in one step could hide a wrong reuse by one of them behind
    # the other (a changed setting, say, reads every post again).
    for done, edit in enumerate(edits, start=1):
        for stage, _ in enumerate(getattr(corpus, edit)() or (), start=1):
            assert_warm_equals_cold(site, theme, aside, edits[:done] + [f"stage {stage}"])
        assert_warm_equals_cold(site, theme, aside, edits[:done])
