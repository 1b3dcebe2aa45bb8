"""show.yaml: one podcast's channel facts, checked field by field; its artwork checked too."""

from __future__ import annotations

import difflib
import os
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from dateutil.rrule import rrulestr
from PIL import Image, UnidentifiedImageError
from shelfcast_sitekit.frontmatter import decode, parse_yaml
from shelfcast_sitekit.langcodes import language_problem
from shelfcast_sitekit.limits import DEFAULTS, read_text_file
from shelfcast_sitekit.problems import WARNING, ContentProblem, shorten
from shelfcast_sitekit.slugs import WORDS, slug_for

from .categories import all_names, parse_category
from .declarations import SHOW_FIELDS
from .persons import checked_persons
from .settings import EMAIL

URL_PART = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIELDS = tuple(f.name for f in SHOW_FIELDS)  # from the schema (declarations.py)
DESCRIPTION_BYTES = 4000    # Apple Podcasts cuts (and its validator refuses) longer ones
# podcast:medium values for a feed of items (the *L list mediums need podcast:remoteItem).
MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "course")
# podcast:updateFrequency: Apple's labels as RFC 5545 rules (the tag's own examples).
FREQUENCIES = {"daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY",
               "biweekly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY",
               "bimonthly": "FREQ=MONTHLY;INTERVAL=2", "yearly": "FREQ=YEARLY"}
LICENSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,127}$")
# Well-known licences a directory recognises by name alone; others need url: (the spec).
KNOWN_LICENSE = re.compile(r"^(CC0-1\.0|CC-BY(-NC)?(-SA|-ND)?-[1-4]\.0|PDDL-1\.0)$", re.I)
ARTWORK_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


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
    old_feed_url: str | None = None     # where an imported show lived (docs/importing.md)
    complete: bool = False
    image_size: tuple[int, int] | None = None
    persons: list = field(default_factory=list)
    medium: str | None = None
    license: dict | None = None            # {name, url}
    update_frequency: dict | None = None   # {text, rrule, dtstart}
    block: bool = False
    # podcast:podroll: this site's show folders (str) and partners' shows ({guid, url}).
    podroll: list = field(default_factory=list)
    txt: list = field(default_factory=list)    # podcast:txt: [{text, purpose}]


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


def show_folder_problem(name: str) -> str | None:
    """Why a show folder's name cannot be part of the show's URLs (None when it can).

    The name is in the feed's URL, which apps keep for ever: spaces, accents and capitals
    become %20-style escapes or differ between hosts, so only a-z, 0-9 and hyphens will do.
    """
    if URL_PART.match(name):
        return None
    suggestion = slug_for(name, subs=WORDS)
    fix = (f"rename the folder to {suggestion!r}" if suggestion
           else "rename the folder, e.g. to 'library-talk'")
    return (f"the folder name {name!r} cannot be part of a web address (use lower-case letters "
            f"a-z, digits and hyphens only); {fix}, before the show is first published")


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
                      "categories: and image: (see docs/podcasts.md)")]
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
    show.description = _description(check)
    show.language = _language(check)
    show.author = check.text("author", default=defaults.get("author"))
    show.owner_name, show.owner_email = _owner(check, defaults.get("owner"))
    show.categories = _categories(check)
    show.explicit = check.flag("explicit", defaults.get("explicit", False))
    show.image, show.image_size = _image(check, folder)
    show.type = _choice(check, "type", ("episodic", "serial"), "episodic")
    show.copyright = check.text("copyright")
    show.link = check.url("link")
    show.guid = _guid(check)
    show.locked = check.flag("locked", True)
    show.funding = _funding(check)
    show.new_feed_url = check.url("new_feed_url")
    show.old_feed_url = check.url("old_feed_url")
    show.complete = check.flag("complete", False)
    show.persons = checked_persons(check)
    show.medium = _medium(check)
    show.license = _license(check)
    show.update_frequency = _update_frequency(check)
    show.block = check.flag("block", False)
    show.podroll = _podroll(check)
    show.txt = _txt(check)
    return show


PODROLL_EXAMPLE = ("podroll:\n  - other-show          # a show folder of this site\n"
                   "  - guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810   # a partner's show\n"
                   "    url: https://partner-library.example/podcasts/talk/feed.xml")


def _podroll(check: ShowChecker) -> list:
    """Shows this one recommends: folder names of this site, or a partner's guid and feed."""
    value = check.meta.get("podroll")
    if value is None:
        return []
    entries = value if isinstance(value, list) else [value]
    found = []
    for entry in entries:
        if isinstance(entry, str) and URL_PART.match(entry):
            found.append(entry)
        elif isinstance(entry, dict) and _partner(entry):
            found.append(_partner(entry))
        else:
            check.error("podroll", f"{shorten(entry)} is neither a show folder of this site nor "
                        f"a partner's show with guid: (a UUID) and url:; write e.g.\n"
                        f"{PODROLL_EXAMPLE}")
    return found


def _partner(entry: dict) -> dict | None:
    url = entry.get("url")
    try:
        guid = str(uuid.UUID(str(entry.get("guid"))))
    except ValueError:
        return None
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        return None
    return {"guid": guid, "url": url}


def _txt(check: ShowChecker) -> list[dict]:
    """podcast:txt lines: text, or {text, purpose} (a directory's verification code)."""
    value = check.meta.get("txt")
    entries = [] if value is None else value if isinstance(value, list) else [value]
    found = []
    for entry in entries:
        text = entry.get("text") if isinstance(entry, dict) else entry
        purpose = entry.get("purpose") if isinstance(entry, dict) else None
        if not isinstance(text, (str, int)) or isinstance(text, bool) or not 0 < len(
                str(text)) <= 4000 or (purpose is not None and len(str(purpose)) > 128):
            check.error("txt", f"{shorten(entry)} must be text of up to 4000 characters, or "
                        "text: and purpose: (up to 128), e.g.\ntxt:\n  - purpose: verify\n"
                        "    text: S6lpp-7ZCn8-dZfGc-OoyaG")
            continue
        found.append({"text": str(text), "purpose": str(purpose) if purpose else None})
    return found


def _rfc5545_until(rule: str) -> str:
    """The rule with an ISO 8601 UNTIL (as the podcast spec writes it, 2023-12-31T00:00:00.000Z)
    in RFC 5545's own form, which is what dateutil reads; only for checking the rule."""
    parts = []
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        if name.upper() == "UNTIL" and "-" in value:
            try:
                # Without its zone: the check's start date is naive, and only syntax matters.
                value = datetime.fromisoformat(value).strftime("%Y%m%dT%H%M%S")
            except ValueError:
                pass  # left as written: rrulestr names it
        parts.append(f"{name}={value}" if _ else part)
    return ";".join(parts)


def _description(check: ShowChecker) -> str | None:
    value = check.text("description", required=True)
    size = len(value.encode("utf-8")) if value else 0
    if size > DESCRIPTION_BYTES:
        check.error("description", f"is {size:,} bytes long; podcast directories take at most "
                    f"{DESCRIPTION_BYTES:,} (about {DESCRIPTION_BYTES // 6} words): shorten it "
                    "and put the rest on a page linked from the show")
    return value


def _medium(check: ShowChecker) -> str | None:
    value = check.text("medium")
    if value is None:
        return None
    if value not in MEDIUMS:
        close = difflib.get_close_matches(value.lower(), MEDIUMS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        check.error("medium", f"{value!r} is not a Podcasting 2.0 medium; {hint}write one of "
                    f"{', '.join(MEDIUMS)} (most shows: podcast)")
        return None
    return value


def _license(check: ShowChecker) -> dict | None:
    value = check.meta.get("license")
    if value is None:
        return None
    example = ("license: CC-BY-4.0, or for your own licence\nlicense:\n  name: orstad-license\n"
               "  url: https://library.example.org/license")
    name, url = (value.get("name"), value.get("url")) if isinstance(value, dict) else (value, None)
    if not isinstance(name, str) or not LICENSE_ID.match(name.strip()):
        shown = f"{name!r} is not" if isinstance(name, str) else "needs"
        check.error("license", f"{shown} a licence's short name (letters, digits, . - +); "
                    f"write e.g. {example}")
        return None
    if url is not None and not (isinstance(url, str) and url.startswith("https://")):
        check.error("license", f"url {url!r} must be a web address starting with https://")
        return None
    if url is None and not KNOWN_LICENSE.match(name.strip()):
        check.error("license", f"{name!r} is not a well-known licence (such as CC-BY-4.0), so "
                    f"podcast apps need the address of its text; write {example}")
        return None
    return {"name": name.strip(), "url": url}


def _update_frequency(check: ShowChecker) -> dict | None:
    value = check.meta.get("update_frequency")
    if value is None:
        return None
    labels = ", ".join(FREQUENCIES)
    if isinstance(value, str):
        rule = FREQUENCIES.get(value.strip().lower())
        if rule is None:
            check.error("update_frequency", f"{value!r} is not one of {labels}; or write a rule, "
                        "e.g. update_frequency: {rrule: \"FREQ=WEEKLY;BYDAY=MO\", "
                        "text: Every Monday}")
            return None
        return {"text": value.strip().capitalize(), "rrule": rule, "dtstart": None}
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        check.error("update_frequency", f"write one of {labels}, or a rule with its text, e.g. "
                    "update_frequency: {rrule: \"FREQ=WEEKLY;BYDAY=MO\", text: Every Monday}")
        return None
    problem = rrule_problem(value.get("rrule"), value.get("dtstart"))
    if problem:
        check.error("update_frequency", problem)
        return None
    dtstart = value.get("dtstart")
    return {"text": value["text"].strip()[:128], "rrule": value.get("rrule"),
            "dtstart": dtstart.isoformat() if hasattr(dtstart, "isoformat") else dtstart}


def rrule_problem(rule, dtstart) -> str | None:
    """Why `rule` is not an RFC 5545 recurrence rule podcast apps can read (None if it is)."""
    if rule is None:
        return None
    if not isinstance(rule, str) or not rule.upper().startswith("FREQ="):
        return f"rrule {rule!r} must start with FREQ=, e.g. FREQ=WEEKLY;BYDAY=MO"
    if "COUNT=" in rule.upper() and dtstart is None:
        return "an rrule with COUNT= needs dtstart: (the date of the first episode)"
    try:
        rrulestr(_rfc5545_until(rule), dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as err:
        return f"rrule {rule!r} is not a recurrence rule ({err}); e.g. FREQ=WEEKLY;BYDAY=MO"
    return None


def _language(check: ShowChecker) -> str:
    value = check.meta.get("language")
    if value is False:  # YAML 1.1 reads a bare `no` (Norwegian) as false
        check.error("language", "write language: 'no' in quotes (YAML reads a bare no as false)")
        return "en"
    language = check.text("language", required=True)
    problem = language_problem(language) if language else None
    if problem:
        check.error("language", problem)
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
            hint = f"did you mean {shorten(close[0])}?" if close else \
                "see docs/podcasts.md for the list"
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
    if not isinstance(url, str) or not url.startswith("https://"):
        found = f"url {url!r} is not a secure address; " if isinstance(url, str) else ""
        check.error("funding", f"{found}must have url: (https://...) and text:, e.g.\n"
                    "funding:\n  url: https://library.example.org/support\n  text: Support us")
        return None
    text = value.get("text")
    return {"url": url, "text": str(text).strip() if text else "Support the show"}


def _image(check: ShowChecker, folder: str) -> tuple[str | None, tuple[int, int] | None]:
    name = check.text("image", required=True)
    if name is None:
        return None, None
    folder = os.path.abspath(folder)
    path = os.path.normpath(os.path.join(folder, name))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path):
        check.error("image", f"{shorten(name)} does not exist; put the artwork in the show's "
                    "folder and write its name, e.g. image: cover.jpg")
        return None, None
    for message in artwork_problems(path):
        check.error("image", message)
    return os.path.relpath(path, folder).replace(os.sep, "/"), image_size(path)


def image_size(path: str) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            return image.size
    except (UnidentifiedImageError, OSError):
        return None


def artwork_problems(path: str) -> list[str]:
    """What keeps an image from being podcast artwork: Apple wants square RGB JPEG or PNG
    art, 1400 to 3000 pixels a side, named for what it is."""
    try:
        with Image.open(path) as image:
            kind, (width, height), mode = image.format, image.size, image.mode
    except (UnidentifiedImageError, OSError):
        return ["is not an image Pillow can read; save the artwork again as JPEG or PNG"]
    problems = []
    extension = os.path.splitext(path)[1].lower()
    if kind not in ("JPEG", "PNG"):
        problems.append(f"is a {kind} image; podcast apps need JPEG or PNG artwork")
    elif ARTWORK_FORMATS.get(extension) != kind:
        right = ".jpg" if kind == "JPEG" else ".png"
        problems.append(f"is a {kind} image but its name ends in {extension or 'nothing'}; "
                        f"apps trust the name: rename it to end in {right}")
    if width != height:
        problems.append(f"is {width}x{height} pixels; podcast artwork must be square "
                        "(e.g. 3000x3000)")
    elif not 1400 <= width <= 3000:
        problems.append(f"is {width}x{height} pixels; podcast artwork must be between 1400x1400 "
                        "and 3000x3000")
    if mode != "RGB":
        problems.append(f"{COLOUR_MODES.get(mode, f'uses the {mode} colour mode')}; podcast "
                        "directories want RGB colour: save it again as an RGB image (in PNG "
                        "without transparency)")
    return problems


COLOUR_MODES = {"L": "is greyscale", "LA": "is greyscale with transparency",
                "1": "is black and white (1 bit)", "I;16": "is 16-bit greyscale",
                "RGBA": "has transparency (RGBA)", "P": "uses a palette of colours (indexed)",
                "PA": "uses a palette with transparency", "CMYK": "uses CMYK (print) colour"}


def _unknown(check: ShowChecker) -> None:
    for name in check.meta:
        if name not in FIELDS:
            close = difflib.get_close_matches(str(name), FIELDS, n=1)
            hint = (f"did you mean {shorten(close[0])}?" if close
                    else f"show.yaml knows {', '.join(FIELDS)}")
            check.error(name, f"unknown field; {hint}", WARNING)
