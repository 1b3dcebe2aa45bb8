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
from sitetools import KIT_SITE, ROOT, Site

SECTIONS = ("news", "books", "events")
SHOW = KIT_SITE / "content/podcasts/book-talk"
SEED = 13


def mp3(frames: int) -> bytes:
    """Silent MPEG-2 Layer III frames at 32 kbit/s, 22,050 Hz (104 bytes each)."""
    return (bytes([0xFF, 0xF3, 0x40, 0xC0]) + bytes(100)) * frames


def post_text(number: int, title: str, date: str, tags: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nauthor: Karen Holm\ntags: [{tags}]\n"
            f"summary: Summary of post {number}.\n{extra}---\nThis is post {number} -- "
            + "Some *Markdown* text. " * 20 + "\n")


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

    def write_initial(self) -> None:
        for number in range(12):
            extra = "status: draft\n" if number in (3, 7) else ""
            self.write_post(number, SECTIONS[number % 3], post_text(
                number, f"Post {number}", f"2024-{1 + number % 12:02d}-{1 + number:02d}",
                f"tag{number % 4}, tag{number % 3}", extra))
        show = self.site.content / "podcasts/book-talk"
        (show / "audio").mkdir(parents=True)
        shutil.copy(SHOW / "show.yaml", show / "show.yaml")
        shutil.copy(SHOW / "cover.png", show / "cover.png")
        for _ in range(3):
            self.new_episode()
        self.site.write("pages/about.md", "---\ntitle: About us\n---\nWe are a library.\n")

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
        number = self.rng.choice(sorted(self.posts))
        self.posts.pop(number).unlink()

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

    def setting(self) -> None:
        conf = self.site.root / "pelicanconf.py"
        conf.write_text(conf.read_text("utf-8") + "\nDEFAULT_PAGINATION = "
                        f"{self.rng.randrange(2, 5)}\nSITESUBTITLE = 'Changed "
                        f"{self.rng.randrange(1000)}'\n"
                        # A setting that changes how every post reads: "--" becomes a dash.
                        "MARKDOWN = {'extension_configs': {'markdown.extensions.extra': {}, "
                        "'markdown.extensions.smarty': {}}, 'output_format': 'html5'}\n",
                        encoding="utf-8")

    def template(self) -> None:
        article = self.theme / "templates" / "article.html"
        text = article.read_text("utf-8")
        article.write_text(text.replace("{% block content %}", "{% block content %}"
                           f"<!-- template edit {self.rng.randrange(1000)} -->", 1), "utf-8")


EDITS = ("body", "title", "date", "tags", "section_move", "publish_draft", "delete",
         "new_episode", "rename_audio", "setting", "template")


def differences(warm: Path, cold: Path) -> list[str]:
    """Files present in one output only, or with different bytes."""
    warm_files = {p.relative_to(warm) for p in warm.rglob("*") if p.is_file()}
    cold_files = {p.relative_to(cold) for p in cold.rglob("*") if p.is_file()}
    found = [f"only in warm: {p}" for p in sorted(warm_files - cold_files)]
    found += [f"only in cold: {p}" for p in sorted(cold_files - warm_files)]
    found += [f"different: {p}" for p in sorted(warm_files & cold_files)
              if not filecmp.cmp(warm / p, cold / p, shallow=False)]
    return found


def build(site: Site, theme: Path) -> None:
    code = site.build(THEME=str(theme), BUILD_NOW="2026-06-01T12:00:00+02:00",
                      SEARCH={"INDEX": False})
    assert code == 0, site.messages


def cold_output_of(site: Site, theme: Path, aside: Path) -> Path:
    """Build the same site from nothing in the same folder; put the warm state back after."""
    for name in ("output", ".cache"):
        if (site.root / name).exists():
            (site.root / name).rename(aside / f"warm-{name}")
    build(site, theme)
    cold = aside / "cold-output"
    if cold.exists():
        shutil.rmtree(cold)
    (site.root / "output").rename(cold)
    shutil.rmtree(site.root / ".cache", ignore_errors=True)
    for name in ("output", ".cache"):
        if (aside / f"warm-{name}").exists():
            (aside / f"warm-{name}").rename(site.root / name)
    return cold


def test_warm_build_after_random_edits_equals_cold_build(tmp_path):
    if "DEFAULT_IMAGE" not in (KIT_SITE / "pelicanconf.py").read_text("utf-8"):
        pytest.skip("fixture settings changed shape")
    (tmp_path / "site").mkdir()
    aside = tmp_path / "aside"
    aside.mkdir()
    theme = shutil.copytree(ROOT / "themes/shelfcast", tmp_path / "theme")
    site = Site(tmp_path / "site")
    rng = random.Random(SEED)
    corpus = Corpus(site, theme, rng)
    corpus.write_initial()
    build(site, theme)
    edits = list(EDITS)
    rng.shuffle(edits)
    # One edit per step: an edit that adds or removes a file would hide a wrong reuse by
    # another edit of the same step (the read cache starts over when files come or go).
    for done, edit in enumerate(edits, start=1):
        getattr(corpus, edit)()
        build(site, theme)
        cold = cold_output_of(site, theme, aside)
        assert differences(site.output, cold) == [], f"after {edits[:done]}"
