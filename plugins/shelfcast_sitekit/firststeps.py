"""`invoke init`: make the demo repository a library's own. Pure functions; tasks.py asks.

The demo content carries a marker, content/.shelfcast-demo, listing each demo file with its
SHA-256. Removing the demo deletes only files still byte-identical to that list (a file the
library has edited stays) and then the marker, so running init again never deletes anything.
One example post, page and podcast episode are copied to content/_examples/ first; Pelican
ignores that folder (IGNORE_FILES in the kit's defaults, shelfcast_sitekit/kitdefaults.py).

Init writes only the library's own files (pyproject.toml [tool.shelfcast] library): library.py
and content/. The kit's files stay byte-identical to the kit's release, so that `invoke upgrade`
can replace them without a conflict.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shelfcast_library.colours import accent_problem

from .addresses import email_problem, https_url_problem
from .langcodes import language_problem
from .librarysettings import LIBRARY_FILE
from .settingsfile import current_value, set_assignments
from .sitecard import CARD_MARK, card_png

DEMO_NAME = "Ørstad Public Library"
DEMO_HOST = "library.example.org"
DEMO_MARKER = ".shelfcast-demo"
DEMO_CATALOGUE = {"system": "dpl-cms", "base_url": "https://bibliotek.example.dk"}
EXAMPLES_FOLDER = "_examples"
# Site assets the theme uses (link-preview card, app icons): not demo posts, so they stay.
SITE_ASSETS = ("images/site-card.png", "images/icon-192.png", "images/icon-512.png")
# demo file -> its name under content/_examples/
EXAMPLES = {
    "posts/news/new-opening-hours.md": "post.md",
    "pages/about.md": "page.md",
    "podcasts/book-talk/show.yaml": "podcast/show.yaml",
    "podcasts/book-talk/the-hobbit-at-ninety.md": "podcast/episode.md",
}
# The files the examples use, copied with them so that each example builds when copied into
# place (the demo's own copies are removed with the demo).
EXAMPLE_FILES = {
    "images/reading-room.png": "images/reading-room.png",
    "podcasts/book-talk/cover.png": "podcast/cover.png",
    "podcasts/book-talk/audio/the-hobbit-at-ninety.mp3": "podcast/audio/the-hobbit-at-ninety.mp3",
    "podcasts/book-talk/audio/the-hobbit-at-ninety.vtt": "podcast/audio/the-hobbit-at-ninety.vtt",
}
# A Markdown link to another demo page ([text](../../pages/about.md)): that page is gone.
DEMO_PAGE_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)+[^)\s]+\.md\)")
EXAMPLES_README = """\
Examples to copy from. Shelfcast never publishes this folder (IGNORE_FILES in the kit).

  post.md               a blog post: copy it to content/posts/<section>/
  page.md               a page: copy it to content/pages/, and images/ to content/images/
  podcast/              a podcast: copy the folder to content/podcasts/<show>/ (show.yaml,
                        cover.png, episode.md and its audio in audio/)
"""


def example_text(text: str) -> str:
    """An example's text without links to the demo's other pages (removed with the demo)."""
    return DEMO_PAGE_LINK.sub(r"\1", text)


@dataclass(frozen=True)
class Answers:
    name: str
    url: str
    langs: tuple[str, ...]
    catalogue_system: str | None = None
    catalogue_url: str | None = None
    email: str | None = None
    keep_demo: bool = False
    timezone: str | None = None     # None: the language's likely one (LANGUAGE_TIMEZONES)
    tagline: str | None = None      # None: a plain one in the site's language (TAGLINES)
    colour: str | None = None       # the accent colour, #rrggbb; None: the kit's blue


# The time zone a library writing in this language most likely has; init asks with it as the
# default, so that events.ics and the dates on event pages are the library's own.
LANGUAGE_TIMEZONES = {"sv": "Europe/Stockholm", "da": "Europe/Copenhagen", "nb": "Europe/Oslo",
                      "nn": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki",
                      "is": "Atlantic/Reykjavik", "de": "Europe/Berlin", "en": "Europe/London"}
# The tagline init writes (home page, description, web manifest) when the library gives none.
TAGLINES = {"sv": "Böcker, evenemang, poddar och nyheter från biblioteket",
            "da": "Bøger, arrangementer, podcasts og nyheder fra biblioteket",
            "nb": "Bøker, arrangementer, podkaster og nyheter fra biblioteket",
            "en": "Books, events, podcasts and news from the library"}
DEMO_TAGLINE = "Books, music, events and podcasts from your local library"
DEMO_ADDRESS = "Torvet 1"
CARD_FILE = "images/site-card.png"
# The demo's card ("Ørstad Public Library / Books, music, events and podcasts"): init replaces
# a card with these bytes; any other card is the library's own and stays.
DEMO_CARD_DIGESTS = {"880be7901d8057ced84f322e113f6f11cf140c2b86436e92c2392ece4f6ad8ce"}


def likely_timezone(lang: str) -> str:
    return LANGUAGE_TIMEZONES.get(lang.split("-")[0].lower(), "Europe/Copenhagen")


def chosen_timezone(answers: Answers) -> str:
    return answers.timezone or likely_timezone(answers.langs[0])


def chosen_tagline(answers: Answers) -> str:
    return answers.tagline or TAGLINES.get(answers.langs[0].split("-")[0].lower(),
                                           TAGLINES["en"])


def catalogue_setting(answers: Answers, current) -> dict:
    """The CATALOGUE dict to write: the library's answers over its own other keys."""
    base = {} if current == DEMO_CATALOGUE or not isinstance(current, dict) else dict(current)
    if answers.catalogue_system and answers.catalogue_system != base.get("system"):
        base = {k: v for k, v in base.items() if k in ("vid", "tab", "scope", "templates")}
    if answers.catalogue_system:
        base["system"] = answers.catalogue_system
    if answers.catalogue_url:
        base["base_url"] = answers.catalogue_url.rstrip("/")
    return base


def answer_problems(answers: Answers, catalogue: dict) -> list[str]:
    """Every answer that cannot be used, named by its option, with what to write instead."""
    problems = []
    if not answers.name.strip():
        problems.append("--name: the library's name is needed")
    elif answers.name.strip() == DEMO_NAME:
        problems.append(f"--name: {DEMO_NAME!r} is the demo's name; write your library's")
    if (message := https_url_problem(answers.url)) is not None:
        problems.append(f"--url: {message}")
    elif DEMO_HOST in answers.url:
        problems.append(f"--url: {answers.url} is the demo's address; write your site's")
    if not answers.langs:
        problems.append("--lang: at least one language is needed, e.g. sv")
    problems += [f"--lang: {message}" for lang in answers.langs
                 if (message := language_problem(lang)) is not None]
    if answers.email is not None and (message := email_problem(answers.email)):
        problems.append(f"--email: {message}")
    if answers.timezone is not None and not timezone_known(answers.timezone):
        problems.append(f"--timezone: {answers.timezone!r} is not a time zone; write it as "
                        "Region/City, e.g. Europe/Stockholm")
    if answers.colour is not None and (message := accent_problem(answers.colour)):
        problems.append(f"--colour: {message}")
    problems += catalogue_problems(catalogue)
    return problems


def timezone_known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # ValueError: a path-like or empty name
        return False
    return "/" in name


def catalogue_problems(catalogue: dict) -> list[str]:
    """The catalogue plugin's own checks, worded for init's options."""
    from shelfcast_catalogue.config import parse_config

    _config, found = parse_config(catalogue)
    messages = []
    for problem in found:
        if problem.field == "CATALOGUE['system']":
            messages.append(f"--catalogue-system: {problem.message}")
        elif problem.field == "CATALOGUE['base_url']":
            text = (f"the {catalogue.get('system')} catalogue needs its address, e.g. "
                    "https://catalogue.example.org" if "needs it" in problem.message
                    else problem.message)
            if f"--catalogue-url: {text}" not in messages:
                messages.append(f"--catalogue-url: {text}")
        else:
            messages.append(f"{LIBRARY_FILE}: {problem.field}: {problem.message}")
    return messages


def library_values(answers: Answers, text: str) -> dict:
    """The settings init writes into library.py, merged with what the file holds."""
    values = {"SITENAME": answers.name, "AUTHOR": answers.name, "DEFAULT_LANG": answers.langs[0],
              "SITESUBTITLE": chosen_tagline(answers), "TIMEZONE": chosen_timezone(answers),
              "SITEURL": answers.url.rstrip("/"),
              "CATALOGUE": catalogue_setting(answers, current_value(text, "CATALOGUE"))}
    library = current_value(text, "LIBRARY")
    if not isinstance(library, dict) or library.get("name") == DEMO_NAME:
        library = {}  # the demo's address and hours are not the library's
    library = {**library, "name": answers.name}
    if answers.email:
        library["email"] = answers.email
    if answers.colour:
        library["accent_colour"] = answers.colour
    values["LIBRARY"] = library
    podcast = current_value(text, "PODCAST")
    podcast = podcast if isinstance(podcast, dict) else {}
    owner = podcast.get("owner") if isinstance(podcast.get("owner"), dict) else {}
    owner = {**owner, "name": answers.name}
    if answers.email:
        owner["email"] = answers.email
    values["PODCAST"] = {**podcast, "owner": owner}
    return values


def write_settings(root: str, answers: Answers) -> list[str]:
    """Rewrite the library's library.py (its only settings file); return it if it changed."""
    path = os.path.join(root, LIBRARY_FILE)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    new = set_assignments(text, library_values(answers, text))
    if new == text:
        return []
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)
    return [LIBRARY_FILE]


def write_card(content: str, answers: Answers, current_colour: str | None) -> str | None:
    """Draw the library's own link-preview card over the demo's; the path, or None if the
    library has its own card already (a file that is neither the demo's nor ours is kept)."""
    path = os.path.join(content, CARD_FILE)
    colour = answers.colour or current_colour
    new = card_png(answers.name, chosen_tagline(answers), colour)
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            old = handle.read()
        if old == new:
            return None
        if hashlib.sha256(old).hexdigest() not in DEMO_CARD_DIGESTS and not _ours(old):
            return None
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(new)
    return CARD_FILE


def _ours(png: bytes) -> bool:
    """A card init drew earlier (for an older name or colour): init may redraw it."""
    return png.startswith(b"\x89PNG") and CARD_MARK.encode() in png


def file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def manifest_text(content: str) -> str:
    """The marker's text for the demo as it is now (maintainers, after changing the demo)."""
    lines = []
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != EXAMPLES_FOLDER)
        for name in sorted(files):
            relative = os.path.relpath(os.path.join(folder, name), content).replace(os.sep, "/")
            if not name.startswith(".") and relative not in SITE_ASSETS:
                lines.append(f"{file_digest(os.path.join(folder, name))}  {relative}")
    return "".join(line + "\n" for line in sorted(lines, key=lambda x: x[66:]))


def read_manifest(text: str) -> dict[str, str]:
    """path -> SHA-256 from the marker's lines (`<sha256>  <path>`, like sha256sum writes)."""
    found = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, _sep, path = line.partition("  ")
            found[path.strip()] = digest.strip()
    return found


@dataclass
class DemoRemoval:
    remove: list[str] = field(default_factory=list)   # byte-identical to the demo
    edited: list[str] = field(default_factory=list)   # changed by the library: kept
    examples: list[tuple[str, str]] = field(default_factory=list)  # (demo file, example)


def plan_demo_removal(content: str) -> DemoRemoval | None:
    """What removing the demo would do; None when there is no demo marker (already removed)."""
    marker = os.path.join(content, DEMO_MARKER)
    if not os.path.isfile(marker):
        return None
    with open(marker, encoding="utf-8") as handle:
        demo = read_manifest(handle.read())
    plan = DemoRemoval()
    for relative, digest in sorted(demo.items()):
        path = os.path.join(content, relative)
        if not os.path.isfile(path):
            continue
        (plan.remove if file_digest(path) == digest else plan.edited).append(relative)
    plan.examples = [(source, target) for source, target in EXAMPLES.items()
                     if source in plan.remove and not os.path.exists(
                         os.path.join(content, EXAMPLES_FOLDER, target))]
    return plan


def remove_demo(content: str, plan: DemoRemoval) -> None:
    """Copy the examples, delete the demo files and the folders they leave empty, the marker."""
    examples = os.path.join(content, EXAMPLES_FOLDER)
    for source, target in plan.examples:
        os.makedirs(os.path.dirname(os.path.join(examples, target)), exist_ok=True)
        if target.endswith(".md"):
            with open(os.path.join(content, source), encoding="utf-8") as handle:
                text = example_text(handle.read())
            with open(os.path.join(examples, target), "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            shutil.copyfile(os.path.join(content, source), os.path.join(examples, target))
    for source, target in EXAMPLE_FILES.items():
        if plan.examples and source in plan.remove and not os.path.exists(
                os.path.join(examples, target)):
            os.makedirs(os.path.dirname(os.path.join(examples, target)), exist_ok=True)
            shutil.copyfile(os.path.join(content, source), os.path.join(examples, target))
    readme = os.path.join(examples, "README.txt")
    if plan.examples and not os.path.exists(readme):
        with open(readme, "w", encoding="utf-8") as handle:
            handle.write(EXAMPLES_README)
    for relative in plan.remove:
        os.remove(os.path.join(content, relative))
    folders = {os.path.dirname(os.path.join(content, r)) for r in plan.remove}
    for folder in sorted(folders, key=len, reverse=True):
        while os.path.abspath(folder) != os.path.abspath(content) and os.path.isdir(folder) \
                and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    os.remove(os.path.join(content, DEMO_MARKER))


def demo_name_problem(settings: dict) -> str | None:
    """Publishing under the demo's name would put a made-up library online: say so."""
    if settings.get("SITENAME") == DEMO_NAME:
        return (f"the site is still called {DEMO_NAME!r}, the demo's name; run `invoke init` "
                "(or `make init`) to give it your library's name and address")
    return None


def demo_address_problem(settings: dict) -> str | None:
    """A production build for the demo's made-up address."""
    if DEMO_HOST in str(settings.get("SITEURL") or ""):
        return (f"SITEURL is still the demo's address ({settings.get('SITEURL')}); run "
                "`invoke init` (or `make init`) to set your site's address")
    return None


def demo_leftover_problems(settings: dict) -> list[str]:
    """What of the demo's identity a build for readers would still show, each with its fix:
    the tagline, the address, the link-preview card."""
    problems = []
    if settings.get("SITESUBTITLE") == DEMO_TAGLINE:
        problems.append(f"SITESUBTITLE is still the demo's tagline ({DEMO_TAGLINE!r}); write "
                        "one line about your library")
    library = settings.get("LIBRARY") if isinstance(settings.get("LIBRARY"), dict) else {}
    address = library.get("address") if isinstance(library.get("address"), dict) else {}
    if address.get("street") == DEMO_ADDRESS:
        problems.append(f"LIBRARY['address'] is still the demo's ({DEMO_ADDRESS}); write your "
                        "library's street, postal code and city")
    card = os.path.join(settings.get("PATH") or "content", CARD_FILE)
    if os.path.isfile(card) and file_digest(card) in DEMO_CARD_DIGESTS:
        problems.append(f"content/{CARD_FILE} is still the demo's link-preview picture; run "
                        "`invoke init` to draw your own, or put your own picture there")
    return problems


def is_local(url) -> bool:
    """A preview address (127.0.0.1, localhost) or none: not a build meant for readers."""
    host = str(url or "").split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host in ("", "127.0.0.1", "localhost", "[::1]")


if __name__ == "__main__":
    # Maintainers, after changing the demo: PYTHONPATH=plugins .venv/bin/python -m
    # shelfcast_sitekit.firststeps content > content/.shelfcast-demo
    import sys

    sys.stdout.write(manifest_text(sys.argv[1] if len(sys.argv) > 1 else "content"))
