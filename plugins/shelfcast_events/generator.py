"""Pelican glue: find posts with an `event:` block, check them, write listings and calendars."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from lxml import html
from pelican.generators import Generator
from shelfcast_sitekit.clock import build_now, site_zone
from shelfcast_sitekit.documents import display_path
from shelfcast_sitekit.paths import relative_path
from shelfcast_sitekit.problems import problem_log
from shelfcast_sitekit.slugs import word_slug

from .calendar import calendar_bytes
from .listing import by_branch, by_month, next_occurrence, split
from .reading import read_event
from .schema import event_json_ld

OPTIONS_KEY = "SHELFCAST_EVENTS"


def branch_keys(settings: dict) -> dict[str, str]:
    """The library's branches (LIBRARY["branches"]) by key: the name as a URL part."""
    library = settings.get("LIBRARY") or {}
    branches = library.get("branches") if isinstance(library, dict) else None
    keys = {}
    for branch in branches or []:
        name = branch.get("name") if isinstance(branch, dict) else None
        if isinstance(name, str) and name.strip():
            keys[word_slug(name)] = name.strip()
    return keys


class EventsGenerator(Generator):
    """Reads events in generate_context (before any page is written); writes in generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = self.settings[OPTIONS_KEY]
        self.now = build_now(self.settings)
        self.entries: list = []
        self.upcoming: list = []
        self.past: list = []

    def generate_context(self) -> None:
        log = problem_log(self.settings)
        zone, branches = site_zone(self.settings), branch_keys(self.settings)
        host = urlsplit(self.settings.get("SITE_ABSOLUTE_URL") or self.settings["SITEURL"])
        originals = self.context.get("articles", [])
        for post in originals + [t for a in originals for t in a.translations]:
            block = post.metadata.get("event")
            if block is None:
                continue
            lines = post.metadata.get("front_matter_lines") or {}
            seed = os.path.splitext(relative_path(post.source_path, self.path))[0]
            event, problems = read_event(block, display_path(post.source_path),
                                         lines.get("event"), zone, branches,
                                         seed.replace(os.sep, "/"), host.hostname or "library")
            log.extend(problems)
            if event is not None:
                self._attach(post, event, branches)
                if post in originals:
                    self.entries.append((event, post))
        log.raise_if_errors()
        self.upcoming, self.past = split(self.entries, self.now)
        self.context["upcoming_events"] = self.upcoming[: self.options["home_count"]]
        self.context["events_url"] = self._url("index.html")

    def _attach(self, post, event, branches) -> None:
        post.event = event
        post.event_next = next_occurrence(event, self.now)
        post.event_past = post.event_next is None
        post.event_branch_name = branches.get(event.branch) if event.branch else None
        post.event_ics = post.save_as[: -len(".html")] + ".ics"
        post.event_ics_url = post.url[: -len(".html")] + ".ics"
        when = post.event_next or event.occurrences[-1]
        site = self.settings.get("SITE_ABSOLUTE_URL", self.settings["SITEURL"])
        image = post.metadata.get("image")
        post.event_json_ld = event_json_ld(
            event, str(post.title), str(getattr(post, "summary", "") or ""),
            f"{site}/{post.url}", f"{site}/{image}" if image else None,
            {"@type": "Library", "name": self.settings["SITENAME"], "url": f"{site}/"},
            when.start, when.end, self.options["currency"])

    def _url(self, page: str) -> str:
        path = self.options["path"].strip("/")
        return f"{path}/" if page == "index.html" else f"{path}/{page}"

    def generate_output(self, writer) -> None:
        path = self.options["path"].strip("/")
        branch_groups, month_groups = by_branch(self.upcoming), by_month(self.upcoming, self.now)
        filters = {"branches": [(k, branch_keys(self.settings)[k], f"{path}/{k}/")
                                for k in branch_groups],
                   "months": [(m, f"{path}/{m}/") for m in month_groups]}
        self._page(writer, f"{path}/index.html", "upcoming", self.upcoming, filters)
        self._page(writer, f"{path}/past/index.html", "past", self.past, filters)
        for key, listed in branch_groups.items():
            self._page(writer, f"{path}/{key}/index.html", "branch", listed, filters,
                       branch=branch_keys(self.settings)[key])
            self._calendar(f"{path}/{key}.ics", listed, branch_keys(self.settings)[key])
        for month, listed in month_groups.items():
            self._page(writer, f"{path}/{month}/index.html", "month", listed, filters,
                       month=tuple(int(part) for part in month.split("-")))
        self._calendar(self.options["calendar_save_as"], self.upcoming, None)
        for event, post in self.entries:
            self._write_bytes(post.event_ics, self._ics([(event, post)], str(post.title)))
        for post in [t for _e, p in self.entries for t in p.translations]:
            if getattr(post, "event", None) is not None:
                self._write_bytes(post.event_ics, self._ics([(post.event, post)],
                                                            str(post.title)))

    def _page(self, writer, save_as, kind, listed, filters, **extra) -> None:
        url = save_as[: -len("index.html")]
        writer.write_file(save_as, self.get_template("events"), self.context,
                          events_kind=kind, listed=listed, filters=filters, page_url=url,
                          past_events_url=self._url("past/"), ics_url=self._ics_url(extra),
                          relative_urls=self.settings["RELATIVE_URLS"], url=url, **extra)

    def _ics_url(self, extra: dict) -> str:
        if "branch" in extra:
            key = next(k for k, n in branch_keys(self.settings).items() if n == extra["branch"])
            return f"{self.options['path'].strip('/')}/{key}.ics"
        return self.options["calendar_save_as"]

    def _calendar(self, save_as: str, listed, branch: str | None) -> None:
        name = self.settings["SITENAME"] + (f" – {branch}" if branch else "")
        self._write_bytes(save_as, self._ics([(item.event, item.post) for item in listed], name))

    def _ics(self, pairs, name: str) -> bytes:
        site = self.settings.get("SITE_ABSOLUTE_URL", self.settings["SITEURL"])
        entries = [(event, str(post.title), _plain(getattr(post, "summary", "")),
                    f"{site}/{post.url}", getattr(post, "modified", None) or post.date)
                   for event, post in pairs]
        return calendar_bytes(entries, name)

    def _write_bytes(self, save_as: str, data: bytes) -> None:
        target = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)


def _plain(html_text) -> str:
    """A summary as plain text for calendar apps (they show HTML tags literally)."""
    text = str(html_text or "").strip()
    return html.fromstring(f"<div>{text}</div>").text_content().strip() if text else ""
