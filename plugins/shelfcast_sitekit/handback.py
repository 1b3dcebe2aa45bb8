"""The preview's full build after a file was added or removed (issue 26, step 1 of "a new file,
a deleted file" in docs/speed.md): the generators' `generate_context` runs again, Pelican's and
the plugins' own code, so every list, mapping and order is made as a cold build makes it; but
a plain post or page the kept build read, whose file did not change, is handed back to it as
the object the kept build made instead of being read again (from the read cache in memory,
then Pelican's metadata, the object, the per-post signals: 3.3 + 1.3 s of a 34 s profile at
5,000 posts).

Handing back is what reading again gives only when nothing the reading used changed and
nothing done to the object since depends on the build. So an object is handed back only
when (`eligible`, `take`):

- the change set holds Markdown and audio files under content/ only (no setting, template,
  plugin, translation or image: images are sized into a post's body as it is read), and the
  read cache's base (the settings and the plugins' code) is the kept build's;
- it is a plain `Article`/`Page` of Pelican's own generators, published or hidden (a draft's
  status and banner depend on the clock), held by no plugin's generator, its file not in the
  change set;
- its reading in the kept build logged no problem (none to show again), it has no local
  video (noted into the build's settings as it is read) nor catalogue links (rewritten into
  its body as it is read), and its formatted fields (the summary) held no intrasite link
  (Pelican writes the links' addresses into them in place, from the context of that build);
- every file-system answer its reading depended on (does the linked image exist...) is the
  same now (the read cache's own check), and only the known handlers listen to the signals
  sent while a file is read (a new plugin's handler would not run again).

Then the object gets this build's settings and context, its memoized HTML is forgotten (the
body's links are worked out again against the new context: a post linking to the new one),
the attributes plugins set after reading are removed (they set them again), and it is
registered with the page cache and the read cache (its entry is kept) as a reading is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from . import filechecks
from .problems import problem_log
from .readcache import RESIDENT_KEY, read_cache
from .readcache import STATE_KEY as READ_CACHE_KEY

# What may change for a hand-back: posts and pages (read again) and audio (an episode's).
HANDBACK_EXTENSIONS = frozenset({".md", ".markdown", ".mp3", ".m4a", ".ogg", ".oga", ".opus"})
# The handlers of the signals sent while a file is read whose work the kept object holds and
# that set nothing a later build needs: (module, function).
KNOWN_READ_HANDLERS = frozenset({("shelfcast_sitekit", "remember_content"),
                                 ("shelfcast_theme", "prepare_content"),
                                 ("shelfcast_catalogue", "link_content")})
HANDED_STATUSES = frozenset({"published", "hidden"})


# --- pure parts -----------------------------------------------------------------------------

def change_problems(paths, content_root: str) -> list[str]:
    """Why the change set `paths` (added, removed and modified files) allows no hand-back."""
    root = os.path.abspath(content_root)
    found = []
    for path in sorted(paths):
        if os.path.commonpath([root, os.path.abspath(path)]) != root:
            found.append(f"{path}: outside content/")
        elif os.path.splitext(path)[1].lower() not in HANDBACK_EXTENSIONS:
            found.append(f"{path}: not a post, page or audio file")
    return found


def has_intrasite_link(texts, pattern: str) -> bool:
    """Whether any text holds what Pelican's INTRASITE_LINK_REGEX marks (a {filename} link)."""
    marker = re.compile(pattern)
    return any(isinstance(text, str) and marker.search(text) for text in texts)


def read_facts_kept(item, settings: dict, problems_logged: bool) -> bool:
    """Whether a fresh reading of `item` may be handed to a later build (see the module
    docstring): nothing reported, nothing noted into the build's state, no link written in."""
    if problems_logged or getattr(item, "local_video", None) is not None \
            or getattr(item, "catalogue_items", None) or getattr(item, "catalogue_mentions", None):
        return False
    metadata = getattr(item, "metadata", None) or {}
    fields = settings.get("FORMATTED_FIELDS") or ()
    texts = [metadata.get(name) for name in fields] + [getattr(item, "_summary", None)]
    return not has_intrasite_link(texts, settings.get("INTRASITE_LINK_REGEX")
                                  or r"[{|](?P<what>.*?)[|}]")


# --- wired to Pelican -----------------------------------------------------------------------

@dataclass
class HandBack:
    """The kept build's objects the next full build may take instead of reading their files."""

    items: dict                      # source path -> kept object
    facts: dict                      # source path -> (read cache key, file answers)
    base: bytes                      # the kept build's read cache base
    taken: list = field(default_factory=list)

    def take(self, source: str, content_class, context: dict, settings: dict):
        """The kept object for `source`, made this build's (see the module docstring), or
        None: read the file."""
        item = self.items.pop(source, None)
        if item is None or not isinstance(item, content_class):
            return None
        key, answers = self.facts[source]
        cache = read_cache(settings)
        if cache.base != self.base or not filechecks.unchanged(answers):
            return None
        from .resident import SET_LATER, SET_LATER_KEY
        for name in SET_LATER | set(settings.get(SET_LATER_KEY) or {}):
            item.__dict__.pop(name, None)
        item.settings, item._context = settings, context
        for value in item.metadata.values():
            for wrapper in value if isinstance(value, list) else (value,):
                if isinstance(wrapper, URLWrapper):
                    wrapper.settings = settings
        cache.mark_used(key)
        from . import remember_content  # what content_object_init does for the kit
        remember_content(item)
        self.taken.append(source)
        return item


def prepare(kept, changed_paths, content_root: str, reasons: list | None = None):
    """The HandBack of `kept` (a resident.KeptBuild) for a full build after `changed_paths`,
    or None (with why in `reasons`)."""
    from .resident import PLAIN_GENERATORS
    found = change_problems(changed_paths, content_root)
    if found:
        if reasons is not None:
            reasons.extend(found)
        return None
    plain = [g for g in kept.generators if type(g) in PLAIN_GENERATORS]
    if not _only_known_read_handlers(plain):
        if reasons is not None:
            reasons.append("a handler the hand-back does not know listens to reading")
        return None
    changed = {os.path.abspath(path) for path in changed_paths}
    others = [g for g in kept.generators if type(g) not in PLAIN_GENERATORS]
    items = {}
    for generator in plain:
        wanted = PLAIN_GENERATORS[type(generator)]
        for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                     "pages", "hidden_pages"):
            for item in getattr(generator, name, None) or ():
                source = getattr(item, "source_path", None)
                if type(item) is wanted and source in kept.read_facts \
                        and source not in changed \
                        and getattr(item, "status", None) in HANDED_STATUSES:
                    items[source] = item
    held_ids, held_sources = _held(others)
    for source in [s for s, item in items.items() if id(item) in held_ids or s in held_sources]:
        del items[source]
    # Their HTML was worked out against the kept build's context: forgotten (the memo is
    # Pelican's, per (object, site URL), for every object ever made in this process).
    for name in ("get_content", "get_summary"):
        Content.__dict__[name].cache.clear()
    return HandBack(items, {s: kept.read_facts[s] for s in items}, kept.read_base)


def _held(generators) -> tuple[set, set]:
    """The ids and source paths of what plugins' generators keep in what they built, three
    levels down (resident._holds, once for all objects)."""
    ids, sources = set(), set()

    def walk(value, depth: int) -> None:
        ids.add(id(value))
        source = getattr(value, "source_path", None)
        if isinstance(source, str):
            sources.add(source)
        if depth == 0:
            return
        values = value.values() if isinstance(value, dict) else value
        if isinstance(values, (list, tuple, set, frozenset, type({}.values()))):
            for member in values:
                walk(member, depth - 1)

    for generator in generators:
        for name, value in vars(generator).items():
            if name not in ("context", "settings"):
                walk(value, 3)
    return ids, sources


def _only_known_read_handlers(generators) -> bool:
    for generator in generators:
        for signal in (signals.article_generator_preread, signals.article_generator_context,
                       signals.page_generator_preread, signals.page_generator_context):
            if list(signal.receivers_for(generator)):
                return False
    receivers = list(signals.content_object_init.receivers_for(Content))
    return {(getattr(r, "__module__", ""), getattr(r, "__name__", "")) for r in receivers} \
        <= KNOWN_READ_HANDLERS


def install(generator) -> None:
    """generator_init: in the preview's session, Pelican's own articles and pages generators
    read through `reading` (hand-back, and what each reading leaves for the next build)."""
    from .resident import PLAIN_GENERATORS, Resident
    resident = generator.settings.get(RESIDENT_KEY)
    readers = getattr(generator, "readers", None)
    if not isinstance(resident, Resident) or type(generator) not in PLAIN_GENERATORS \
            or readers is None:
        return
    read_file = readers.read_file
    settings = generator.settings

    def reading(base_path, path, content_class=Content, fmt=None, context=None, **kwargs):
        source = os.path.abspath(os.path.join(base_path, path))
        handback = resident.handback
        if handback is not None:
            item = handback.take(source, content_class, context, settings)
            if item is not None:
                resident.handed_back.append(source)
                resident.reading[source] = handback.facts[source]
                return item
        log = problem_log(settings)
        before = len(log.problems)
        item = read_file(base_path, path, content_class, fmt, context, **kwargs)
        resident.read_paths.append(source)
        cache = settings.get(READ_CACHE_KEY)  # made by the first reading
        entry = cache.by_source.get(source) if cache is not None else None
        if isinstance(item, Content) and entry is not None \
                and read_facts_kept(item, settings, len(log.problems) != before):
            resident.reading[source] = entry
        return item

    readers.read_file = reading
