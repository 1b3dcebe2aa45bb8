"""show.yaml: one podcast's channel facts, checked field by field; its artwork checked too."""

from __future__ import annotations

import difflib
import os
import re
import uuid
from dataclasses import dataclass, field, replace

from PIL import Image, UnidentifiedImageError
from sitekit.frontmatter import decode, parse_yaml
from sitekit.limits import DEFAULTS, read_text_file
from sitekit.problems import WARNING, ContentProblem, shorten

from .categories import all_names, parse_category
from .settings import EMAIL

LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$")
FIELDS = ("title", "description", "language", "author", "owner", "categories", "explicit",
          "image", "type", "copyright", "link", "guid", "locked", "funding", "new_feed_url",
          "complete")


@dataclass
class Show:
    slug: str
    title: str = ""
    description: str = ""
    language: str = "en"
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    categories: list = field(default_factory=list)
    explicit: bool = False
    image: str | None = None
    type: str = "episodic"
    copyright: str | None = None
    link: str | None = None
    guid: str | None = None
    locked: bool = True
    funding: dict | None = None
    new_feed_url: str | None = None
    complete: bool = False


class ShowChecker:
    """Reads show.yaml fields, collecting one problem per mistake."""

    def __init__(self, path: str, meta: dict, lines: dict):
        self.path, self.meta, self.lines = path, meta, lines
        self.problems: list[ContentProblem] = []

    def error(self, name, message, severity="error"):
        self.problems.append(ContentProblem(self.path, self.lines.get(name), name, message,
                                            severity))

    def text(self, name, required=False, default=None):
        value = self.meta.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and default is None:
                self.error(name, f"missing; add a line '{name}: ...' to show.yaml")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(name, "must be a single line of text")
            return default
        return str(value).strip()

    def flag(self, name, default):
        value = self.meta.get(name, default)
        if not isinstance(value, bool):
            self.error(name, f"must be true or false, not {shorten(value)}")
            return default
        return value

    def url(self, name):
        value = self.text(name)
        if value and not value.startswith(("https://", "http://")):
            self.error(name, f"{shorten(value)} is not a web address; write it with https://")
            return None
        return value


def load_show(yaml_path: str, shown_path: str, slug: str, defaults: dict,
              limits: dict = DEFAULTS) -> tuple[Show | None, list[ContentProblem]]:
    """Read and check content/podcasts/<slug>/show.yaml."""
    data, problems = read_text_file(yaml_path, shown_path, limits["max_text_bytes"])
    if data is None:
        return None, problems
    text, problems = decode(shown_path, data)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [ContentProblem(shown_path, None, None,
                      "the file is empty; write title:, description:, language:, owner:, "
                      "categories: and image: (see the README)")]
    document, problems = parse_yaml(shown_path, text, limits=limits)
    if document is None:
        return None, [replace(p, message=p.message.replace("the front matter", "show.yaml"))
                      for p in problems]
    check = ShowChecker(shown_path, document.meta, document.lines)
    show = _read_fields(check, slug, defaults, os.path.dirname(yaml_path))
    _unknown(check)
    errors = [p for p in check.problems if p.severity != WARNING]
    return (None if errors else show), check.problems


def _read_fields(check: ShowChecker, slug: str, defaults: dict, folder: str) -> Show:
    show = Show(slug)
    show.title = check.text("title", required=True)
    show.description = check.text("description", required=True)
    show.language = _language(check)
    show.author = check.text("author", default=defaults.get("author"))
    show.owner_name, show.owner_email = _owner(check, defaults.get("owner"))
    show.categories = _categories(check)
    show.explicit = check.flag("explicit", defaults.get("explicit", False))
    show.image = _image(check, folder)
    show.type = _choice(check, "type", ("episodic", "serial"), "episodic")
    show.copyright = check.text("copyright")
    show.link = check.url("link")
    show.guid = _guid(check)
    show.locked = check.flag("locked", True)
    show.funding = _funding(check)
    show.new_feed_url = check.url("new_feed_url")
    show.complete = check.flag("complete", False)
    return show


def _language(check: ShowChecker) -> str:
    value = check.meta.get("language")
    if value is False:  # YAML 1.1 reads a bare `no` (Norwegian) as false
        check.error("language", "write language: 'no' in quotes (YAML reads a bare no as false)")
        return "en"
    language = check.text("language", required=True)
    if language and not LANGUAGE.match(language):
        check.error("language",
                    f"{shorten(language)} is not a language code; write e.g. da, sv or en")
        return "en"
    return language or "en"


def _owner(check: ShowChecker, fallback) -> tuple[str, str]:
    owner = check.meta.get("owner")
    if owner is None and fallback:
        return fallback["name"], fallback["email"]
    if not isinstance(owner, dict):
        check.error("owner", "missing; Apple requires an owner with an e-mail address:\n"
                    "owner:\n  name: Ørstad Library\n  email: podcast@library.example.org")
        return "", ""
    name = owner.get("name") or (fallback or {}).get("name")
    email = owner.get("email")
    if not isinstance(email, str) or not EMAIL.match(email.strip()):
        what = "missing" if email is None else f"{shorten(email)} is not an e-mail address"
        check.error("owner", f"email: {what}; Apple requires the owner's e-mail, e.g. "
                    "email: podcast@library.example.org")
        return str(name or ""), ""
    if not isinstance(name, str) or not name.strip():
        check.error("owner", "name: missing; add the owner's name under owner:")
        return "", email.strip()
    return name.strip(), email.strip()


def _categories(check: ShowChecker) -> list[tuple[str, str | None]]:
    value = check.meta.get("categories")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        check.error("categories", 'missing; add at least one Apple category, e.g. '
                    'categories: ["Arts > Books"]')
        return []
    parsed = []
    for item in value:
        category = parse_category(item) if isinstance(item, str) else None
        if category is None:
            close = difflib.get_close_matches(str(item), all_names(), n=1, cutoff=0.6)
            hint = f"did you mean {shorten(close[0])}?" if close else "see the README for the list"
            check.error("categories", f"{shorten(item)} is not an Apple Podcasts category; {hint}")
            continue
        parsed.append(category)
    return parsed


def _choice(check: ShowChecker, name: str, choices: tuple, default: str) -> str:
    value = check.text(name, default=default)
    if value not in choices:
        check.error(name, f"{shorten(value)} is not allowed; write {' or '.join(choices)}")
        return default
    return value


def _guid(check: ShowChecker) -> str | None:
    value = check.text("guid")
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        check.error("guid",
                    f"{shorten(value)} is not a UUID; remove the line to use the standard one")
        return None


def _funding(check: ShowChecker) -> dict | None:
    value = check.meta.get("funding")
    if value is None:
        return None
    url = value.get("url") if isinstance(value, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        check.error("funding", "must have url: (https://...) and text:, e.g.\n"
                    "funding:\n  url: https://library.example.org/support\n  text: Support us")
        return None
    text = value.get("text")
    return {"url": url, "text": str(text).strip() if text else "Support the show"}


def _image(check: ShowChecker, folder: str) -> str | None:
    name = check.text("image", required=True)
    if name is None:
        return None
    folder = os.path.abspath(folder)
    path = os.path.normpath(os.path.join(folder, name))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path):
        check.error("image", f"{shorten(name)} does not exist; put the artwork in the show's "
                    "folder and write its name, e.g. image: cover.jpg")
        return None
    for message in artwork_problems(path):
        check.error("image", message)
    return os.path.relpath(path, folder).replace(os.sep, "/")


def artwork_problems(path: str) -> list[str]:
    """What keeps an image from being podcast artwork: Apple wants square JPEG/PNG RGB art,
    1400 to 3000 pixels a side."""
    try:
        with Image.open(path) as image:
            kind, (width, height), mode = image.format, image.size, image.mode
    except (UnidentifiedImageError, OSError):
        return ["is not an image Pillow can read; save the artwork again as JPEG or PNG"]
    problems = []
    if kind not in ("JPEG", "PNG"):
        problems.append(f"is a {kind} image; podcast apps need JPEG or PNG artwork")
    if width != height:
        problems.append(f"is {width}x{height} pixels; podcast artwork must be square "
                        "(e.g. 3000x3000)")
    elif not 1400 <= width <= 3000:
        problems.append(f"is {width}x{height} pixels; podcast artwork must be between 1400x1400 "
                        "and 3000x3000")
    if mode not in ("RGB", "RGBA", "P", "L"):
        problems.append(f"uses the {mode} colour space; save it as RGB")
    return problems


def _unknown(check: ShowChecker) -> None:
    for name in check.meta:
        if name not in FIELDS:
            close = difflib.get_close_matches(str(name), FIELDS, n=1)
            hint = (f"did you mean {shorten(close[0])}?" if close
                    else f"show.yaml knows {', '.join(FIELDS)}")
            check.error(name, f"unknown field; {hint}", WARNING)
