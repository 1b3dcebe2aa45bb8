"""One deterministic corpus, written three ways: for Shelfcast, bare Pelican and Hugo.

The same posts (sections, tags, authors, a few hundred words), podcast episodes with real MP3
frames (most a few seconds long, some full 45-minute episodes written to disk a chunk at a
time, never held in memory) and album reviews with covers. Shelfcast reads YAML front matter
and its own folders; bare Pelican gets the same text with Pelican's `Key: value` metadata
(episodes and reviews become posts in a `podcast` and a `music` section, the audio and covers
static files); Hugo gets YAML front matter under content/posts/ and the files under static/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

SECTIONS = ["news", "books", "events", "music"]
AUTHORS = ["Karen Holm", "Jonas Lindqvist", "Aino Berg", "Mads Ravn"]
ARTISTS = ["Søstrene Ærø", "Åsa Ängström", "Sigur Rós", "The Beatles", "Miles Davis",
           "Aase Ørum Trio", "Kaizers Orchestra", "Björk", "Bjork"]
GENRES = ["Jazz", "Rock", "Folk", "Pop", "Ambient", "Visor", "Post-rock"]
# MPEG-2 Layer III mono at 22,050 Hz (as tests/podcast/mpegframes.py): 576 samples a frame.
BITRATES = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
RATE = 22050
SAMPLES_PER_FRAME = 576
LONG_SECONDS = 45 * 60
SHOW = "bench"
TOOLS = ("shelfcast", "pelican", "hugo")
SHOW_YAML = """title: Benchmark Talk
description: Episodes for the build benchmark.
language: en
owner: {name: Bench Library, email: podcast@bench.example.org}
categories: ["Arts > Books"]
image: cover.png
"""


def frame(kbps: int) -> bytes:
    """One silent MPEG-2 Layer III frame (real header, zero body), no CRC, no padding."""
    header = bytes([0xFF, 0xF3, (BITRATES.index(kbps) << 4), 0xC0])
    return header + bytes(72 * kbps * 1000 // RATE - 4)


def write_mp3(path: Path, seconds: float, kbps: int) -> None:
    """Write `seconds` of frames, a few thousand frames per write (memory stays flat)."""
    count = round(seconds * RATE / SAMPLES_PER_FRAME)
    chunk_frames = 2000
    chunk = frame(kbps) * chunk_frames
    with open(path, "wb") as handle:
        for _ in range(count // chunk_frames):
            handle.write(chunk)
        handle.write(frame(kbps) * (count % chunk_frames))


@dataclass
class Post:
    number: int
    section: str
    title: str
    date: str
    author: str
    tags: list
    summary: str
    body: str

    @property
    def name(self) -> str:
        return f"post-{self.number:05d}"


def post(number: int) -> Post:
    return Post(number, SECTIONS[number % len(SECTIONS)], f"Post number {number}",
                f"{2000 + number % 26}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                AUTHORS[number % len(AUTHORS)], [f"tag{number % 40}", f"tag{number % 7}"],
                f"Summary of post {number}.",
                f"This is post {number}. " + "Some *Markdown* text. " * 60 + "\n")


def episode_date(number: int) -> str:
    return f"20{10 + number // 365 % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"


@dataclass
class Corpus:
    """The three trees under one work folder, and the sizes they were made with."""

    work: Path
    posts: int
    episodes: int
    reviews: int
    long_episodes: int

    def tree(self, tool: str) -> Path:
        return self.work / tool


# --- writing one post in each tool's syntax --------------------------------------------------

def shelfcast_post(p: Post) -> str:
    return (f"---\ntitle: {p.title}\ndate: {p.date}\nauthor: {p.author}\n"
            f"tags: [{', '.join(p.tags)}]\nsummary: {p.summary}\n---\n{p.body}")


def pelican_post(p: Post, category: str | None = None) -> str:
    return (f"Title: {p.title}\nDate: {p.date}\nAuthor: {p.author}\nTags: {', '.join(p.tags)}\n"
            f"Summary: {p.summary}\n" + (f"Category: {category}\n" if category else "")
            + f"\n{p.body}")


def hugo_post(p: Post, section: str | None = None) -> str:
    date = p.date.replace(" ", "T") + ":00" if " " in p.date else p.date  # Hugo wants ISO 8601
    return (f"---\ntitle: \"{p.title}\"\ndate: {date}\nauthors: [\"{p.author}\"]\n"
            f"tags: [{', '.join(p.tags)}]\ncategories: [{section or p.section}]\n"
            f"summary: \"{p.summary}\"\n---\n{p.body}")


def post_paths(corpus: Corpus, p: Post) -> dict[str, Path]:
    """Where post `p` lives in each tree."""
    return {"shelfcast": corpus.tree("shelfcast") / "content/posts" / p.section / f"{p.name}.md",
            "pelican": corpus.tree("pelican") / "content" / p.section / f"{p.name}.md",
            "hugo": corpus.tree("hugo") / "content/posts" / p.section / f"{p.name}.md"}


def write_post(corpus: Corpus, p: Post) -> None:
    texts = {"shelfcast": shelfcast_post(p), "pelican": pelican_post(p), "hugo": hugo_post(p)}
    for tool, path in post_paths(corpus, p).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[tool], encoding="utf-8")


# --- episodes: the audio once, hard-linked into the other trees ---------------------------------

def episode_paths(corpus: Corpus, number: int) -> dict[str, Path]:
    name = f"ep{number:04d}"
    return {"shelfcast": corpus.tree("shelfcast") / "content/podcasts" / SHOW / f"{name}.md",
            "pelican": corpus.tree("pelican") / "content/podcast" / f"{name}.md",
            "hugo": corpus.tree("hugo") / "content/posts/podcast" / f"{name}.md"}


def audio_paths(corpus: Corpus, number: int) -> dict[str, Path]:
    name = f"ep{number:04d}.mp3"
    return {"shelfcast": corpus.tree("shelfcast") / "content/podcasts" / SHOW / "audio" / name,
            "pelican": corpus.tree("pelican") / "content/audio" / name,
            "hugo": corpus.tree("hugo") / "static/audio" / name}


def write_episode(corpus: Corpus, number: int, long: bool, tools=TOOLS) -> None:
    """Episode `number` in the trees of `tools` (the audio written once, then hard-linked)."""
    audio = {tool: path for tool, path in audio_paths(corpus, number).items() if tool in tools}
    first, *others = audio.values()
    for path in audio.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    if long:
        write_mp3(first, LONG_SECONDS, 128)
    else:
        write_mp3(first, 2 + number % 20, 32)
    for path in others:
        if path.exists():
            path.unlink()
        os.link(first, path)
    date = f"{episode_date(number)} {number % 24:02d}:00"
    notes = f"Notes for episode {number}. " + "We talk about *books*. " * 30 + "\n"
    as_post = Post(number, "podcast", f"Episode {number}", date, AUTHORS[0], ["podcast"],
                   f"Episode {number} of the show.", notes
                   + f"\n[Listen](/audio/ep{number:04d}.mp3)\n")
    paths = episode_paths(corpus, number)
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    texts = {"pelican": pelican_post(as_post, "podcast"), "hugo": hugo_post(as_post, "podcast"),
             "shelfcast": (
        f"---\ntitle: Episode {number}\ndate: {date}\naudio: audio/ep{number:04d}.mp3\n"
        f"guid: bench-{number}\nepisode: {number + 1}\nsummary: Episode {number} of the show.\n"
        f"chapters:\n  - {{start: \"0:00\", title: Start}}\n---\n{notes}")}
    for tool in tools:
        paths[tool].write_text(texts[tool], encoding="utf-8")


# --- album reviews ---------------------------------------------------------------------------

def write_review(corpus: Corpus, number: int) -> None:
    cover = corpus.tree("shelfcast") / "content/music/covers" / f"cover-{number}.jpg"
    cover.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (800, 800), (number * 7 % 256, 60, 120))
    ImageDraw.Draw(image).ellipse((100, 100, 700, 700), outline="white", width=16)
    image.save(cover, quality=85)
    for target in (corpus.tree("pelican") / "content/images/covers" / cover.name,
                   corpus.tree("hugo") / "static/images/covers" / cover.name):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(cover, target)
    artist = f"{ARTISTS[number % len(ARTISTS)]} {number // len(ARTISTS)}"
    tracks = "".join(f'    - {{title: Track {t}, length: "{3 + t}:{t * 7 % 60:02d}"}}\n'
                     for t in range(1, 11))
    date = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
    text = f"A review of Album {number} by {artist}. " + "It *sounds* good. " * 40 + "\n"
    (corpus.tree("shelfcast") / "content/music" / f"album-{number:04d}.md").write_text(
        f"---\ntitle: Album review {number}\ndate: {date}\nalbum:\n  artist: {artist}\n"
        f"  title: Album {number}\n  year: {1950 + number % 75}\n"
        f"  genres: [{GENRES[number % 7]}, {GENRES[number % 5]}]\n  tracks:\n{tracks}"
        f"  cover: covers/cover-{number}.jpg\n---\n{text}", encoding="utf-8")
    as_post = Post(number, "music", f"Album review {number}", date, AUTHORS[1],
                   [GENRES[number % 7].lower()], f"Album {number} by {artist}.",
                   text + f"\n![Cover](/images/covers/{cover.name})\n")
    pelican = corpus.tree("pelican") / "content/music" / f"album-{number:04d}.md"
    pelican.parent.mkdir(parents=True, exist_ok=True)
    pelican.write_text(pelican_post(as_post, "music"), encoding="utf-8")
    hugo = corpus.tree("hugo") / "content/posts/music" / f"album-{number:04d}.md"
    hugo.parent.mkdir(parents=True, exist_ok=True)
    hugo.write_text(hugo_post(as_post, "music"), encoding="utf-8")


def write_corpus(work: Path, posts: int, episodes: int, reviews: int,
                 long_episodes: int) -> Corpus:
    """The whole corpus; the last `long_episodes` episodes are full 45-minute MP3s."""
    corpus = Corpus(work, posts, episodes, reviews, long_episodes)
    for number in range(posts):
        write_post(corpus, post(number))
    if episodes:  # a posts-only corpus has no show either
        show = corpus.tree("shelfcast") / "content/podcasts" / SHOW
        show.mkdir(parents=True, exist_ok=True)
        (show / "show.yaml").write_text(SHOW_YAML, encoding="utf-8")
        Image.new("RGB", (1400, 1400), (30, 60, 90)).save(show / "cover.png")
    for number in range(episodes):
        write_episode(corpus, number, long=number >= episodes - long_episodes)
    for number in range(reviews):
        write_review(corpus, number)
    return corpus
