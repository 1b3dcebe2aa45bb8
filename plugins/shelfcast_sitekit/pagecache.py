"""Render a page again only when something it showed has changed (issue 13).

Rendering is most of a build: on a site of thousands of posts, an edited comma used to cost
every page. Each page now remembers, from its last rendering, what it read:

- the template names it looked up (`article`, `articles_page`, `SITENAME`, `categories`...),
  by a fingerprint of their values, in which a post or page counts by its file alone, and a
  plugin object with a `sitekit_key()` (a podcast show, a programme) by that key;
- each attribute of a post, page or keyed object it read (`title`, `summary`, `url`,
  `episodes`...), by its file or key and a fingerprint of the value; one handed whole to a
  plugin's filter or function counts with every field it has;
- what every page shares: the settings as written, the theme's files, the plugins' code, the
  libraries' versions, the images under content/ and today's date.

The next build renders a page only when one of those differs, or when the previous output's
file is not byte for byte what was rendered. Otherwise the previous file is taken again. A
helper that changes the build's state while a page renders (a card picture asked for, a
problem logged) records it with `note_effect`, and a page taken again replays it.

What this cannot see: a template helper that reads files or other state outside the template
context without being in the shared part above. Such a helper must give its object a
`sitekit_fingerprint()` or turn the cache off (`PAGE_CACHE = False`).
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import os
import re
import types
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.runtime
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from . import cachefile
from .clock import build_now
from .problems import ContentProblem, problem_log
from .readcache import VOLATILE_KEYS, code_digest, plain_settings
from .reuse import PREVIOUS_OUTPUT_KEY

SETTING = "PAGE_CACHE"
STATE_KEY = "SITEKIT_PAGE_CACHE"
EFFECTS_KEY = "SITEKIT_RENDER_EFFECTS"
FOLDER = "sitekit-pages"
FORMAT = "sitekit-page-cache 2"
DIGEST_HEX = 32  # characters of a _digest in hex
LIBRARIES = ("jinja2", "markupsafe", "pelican", "babel", "markdown", "nh3")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
# Attributes that hold the whole site or the settings: the shared part covers those.
SKIPPED_FIELDS = frozenset({"_context", "settings"})
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
MISSING = object()


def _digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part)
        hasher.update(b"\0")
    return hasher.digest()


# --- fingerprints of template values -------------------------------------------------------

def _own(value, name: str):
    """value's method `name` when its class defines one (looked up on the class: Jinja's
    Undefined and other stand-ins answer any attribute), else None."""
    if isinstance(value, type) or not callable(getattr(type(value), name, None)):
        return None
    return getattr(value, name)


def tracked_key(value) -> str | None:
    """The name a post or a keyed object goes by in every build, or None for other values.

    A post is its file. A plugin object that pages show in part (a podcast show on every
    page's menu, its episodes on its own page) can have a `sitekit_key()`: then, like a post,
    it counts by its key, and the attributes a page reads of it are recorded one by one."""
    if isinstance(value, Content):
        return value.source_path or ""
    key = _own(value, "sitekit_key")
    return None if key is None else "key:" + str(key())


@dataclass
class _Frame:
    """One value being fingerprinted: its parts still to do, those done, how they combine."""

    value: object
    combine: object      # list of the parts' fingerprints -> the value's
    pending: list        # parts still to fingerprint, last first
    done: list = field(default_factory=list)


def _fixed(digest: bytes) -> tuple:
    return (lambda done: digest), []


class Fingerprints:
    """Fingerprints of values in one build; each object is walked once.

    The walk keeps its own stack: a chain as long as the content makes it (300 gallery
    pictures linked by previous/next) never deepens Python's (issue 20, case 10)."""

    def __init__(self, register=None):
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._register = register  # told of every keyed object met

    def of(self, value) -> bytes:
        known = self._known(value)
        if known is not None:
            return known
        stack = [self._open(value)]
        while True:
            frame = stack[-1]
            if frame.pending:
                part = frame.pending.pop()
                known = self._known(part)
                if known is None:
                    stack.append(self._open(part))
                else:
                    frame.done.append(known)
                continue
            stack.pop()
            result = frame.combine(frame.done)
            self._memo[id(frame.value)] = (frame.value, result)
            if not stack:
                return result
            stack[-1].done.append(result)

    def _known(self, value) -> bytes | None:
        """The fingerprint of a plain value, or of an object already walked (or being walked:
        a cycle), else None."""
        if value is None or isinstance(value, (bool, int, float, complex, decimal.Decimal)):
            return _digest(type(value).__name__.encode(), repr(value).encode())
        if isinstance(value, str):  # Markup too: what it prints is its text
            return _digest(b"s", value.encode("utf-8", "surrogatepass"))
        if isinstance(value, bytes):
            return _digest(b"b", value)
        if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            return _digest(type(value).__name__.encode(), repr(value).encode())
        known = self._memo.get(id(value))
        return None if known is None else known[1]

    def _open(self, value) -> _Frame:
        self._memo[id(value)] = (value, _digest(b"cycle", type(value).__qualname__.encode()))
        combine, parts = self._plan(value)
        return _Frame(value, combine, list(reversed(parts)))

    def _plan(self, value) -> tuple:
        """(combine, parts): the value's fingerprint is combine(the parts' fingerprints)."""
        kind = f"{type(value).__module__}.{type(value).__qualname__}".encode()
        key = tracked_key(value)
        if key is not None:
            # Which post, not what it says: what a template reads of it is recorded apart.
            if self._register is not None and key.startswith("key:"):
                self._register(key, value)
            return _fixed(_digest(b"tracked", kind, key.encode("utf-8", "surrogatepass")))
        own = _own(value, "sitekit_fingerprint")
        if own is not None:
            return (lambda done: _digest(b"own", kind, done[0])), [own()]
        if isinstance(value, dict):
            return _dict_digest, [part for pair in value.items() for part in pair]
        if isinstance(value, (list, tuple)):
            return (lambda done: _digest(kind, *done)), list(value)
        if isinstance(value, (set, frozenset)):
            return (lambda done: _digest(b"set", *sorted(done))), list(value)
        if isinstance(value, types.MethodType) and tracked_key(value.__self__) is not None:
            name = value.__name__.encode()
            return (lambda done: _digest(b"method", name, _digest(b"whole", done[0]))), [
                _every_field(value.__self__)]
        return self._plan_object(value, kind)

    def _plan_object(self, value, kind: bytes) -> tuple:
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                              type, types.ModuleType, jinja2.runtime.Macro)):
            name = getattr(value, "__qualname__", None) or getattr(value, "_name", "")
            return _fixed(_digest(b"callable",
                                  f"{getattr(value, '__module__', '')}.{name}".encode()))
        if isinstance(value, re.Pattern):
            return _fixed(_digest(b"re", value.pattern.encode() if isinstance(value.pattern, str)
                                  else value.pattern, str(value.flags).encode()))
        if isinstance(value, URLWrapper):  # a tag, category or author: its name says it all
            return _fixed(_digest(kind, value.name.encode("utf-8", "surrogatepass")))
        fields = getattr(value, "__dict__", None)
        if fields is not None:
            # A leading underscore marks what an object works out when first asked (Pelican's
            # slugs, page counts): present or not, the object shows the same.
            return (lambda done: _digest(kind, done[0])), [
                {k: v for k, v in fields.items() if k not in SKIPPED_FIELDS
                 and not k.startswith("_")}]
        slots = getattr(type(value), "__slots__", None)
        if slots:
            return (lambda done: _digest(kind, *done)), [getattr(value, s, None) for s in slots]
        return _fixed(_digest(kind, ADDRESS.sub("", repr(value)).encode("utf-8",
                                                                          "surrogatepass")))

    def whole(self, content) -> bytes:
        """A post with every field it has (its text, metadata, what plugins attached)."""
        key = ("whole", id(content))
        known = self._memo.get(key)
        if known is None:
            known = (content, _digest(b"whole", self.of(_every_field(content))))
            self._memo[key] = known
        return known[1]

    def field(self, content, name: str) -> bytes:
        key = ("field", id(content), name)
        known = self._memo.get(key)
        if known is None:
            known = (content, self.of(read_field(content, name)))
            self._memo[key] = known
        return known[1]


def _dict_digest(done: list) -> bytes:
    """A dict's fingerprint from its keys' and values' in turn, whatever their order."""
    return _digest(b"dict", *sorted(done[i] + done[i + 1] for i in range(0, len(done), 2)))


def _every_field(content) -> dict:
    return {k: v for k, v in vars(content).items() if k not in SKIPPED_FIELDS}


def read_field(content, name: str):
    """What Jinja's `content.name` gives: the attribute, else the item, else nothing."""
    try:
        return getattr(content, name)
    except AttributeError:
        pass
    except Exception as err:  # a property that fails now fails the rendering too
        return ("error", type(err).__name__)
    try:
        return content[name]
    except Exception:
        return MISSING


# --- recording what one rendering reads ----------------------------------------------------

@dataclass
class Recording:
    register: object = None                      # PageCache.register
    names: set = field(default_factory=set)
    fields: set = field(default_factory=set)     # (tracked key, attribute)
    wholes: set = field(default_factory=set)     # tracked key
    effects: list = field(default_factory=list)  # (handler name, arguments)
    unsure: bool = False                          # read a post that has no file

    def key(self, value) -> str | None:
        """The tracked key of value (registering a keyed object), or None if not tracked."""
        key = tracked_key(value)
        if key == "":
            self.unsure = True
            return None
        if key is not None and key.startswith("key:") and self.register is not None:
            self.register(key, value)
        return key


class _Active:
    recording: Recording | None = None


ACTIVE = _Active()


def note_effect(handler: str, *arguments) -> None:
    """Called by a template helper that changes the build's state (see the module docstring):
    a page taken again from the last build calls the handler registered under this name
    with the same arguments."""
    if ACTIVE.recording is not None:
        ACTIVE.recording.effects.append((handler, arguments))


def _record_contents(values) -> None:
    recording = ACTIVE.recording
    for value in values:
        items = value if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            key = recording.key(item)
            if key:
                recording.wholes.add(key)


def _install_context_hooks() -> None:
    """Names a template looks up, and posts given to functions, go through Context."""
    context_class = jinja2.runtime.Context
    if getattr(context_class, "_sitekit_recording", False):
        return
    original_resolve, original_call = context_class.resolve_or_missing, context_class.call

    def resolve_or_missing(self, key):
        if ACTIVE.recording is not None:
            ACTIVE.recording.names.add(key)
        return original_resolve(self, key)

    def recording_call(__self, __obj, *args, **kwargs):
        if ACTIVE.recording is not None and not isinstance(__obj, jinja2.runtime.Macro):
            _record_contents(args)
            _record_contents(kwargs.values())
        return original_call(__self, __obj, *args, **kwargs)

    context_class.resolve_or_missing = resolve_or_missing
    context_class.call = recording_call
    context_class._sitekit_recording = True


def _install_environment_hooks(env) -> None:
    """A post's attributes are read through the environment; plugins' filters get posts."""
    if getattr(env, "_sitekit_recording", False):
        return
    getattr_, getitem = env.getattr, env.getitem

    def recording_getattr(obj, attribute):
        if ACTIVE.recording is not None:
            key = ACTIVE.recording.key(obj)
            if key:
                ACTIVE.recording.fields.add((key, attribute))
        return getattr_(obj, attribute)

    def recording_getitem(obj, argument):
        if ACTIVE.recording is not None and isinstance(argument, str):
            key = ACTIVE.recording.key(obj)
            if key:
                ACTIVE.recording.fields.add((key, argument))
        return getitem(obj, argument)

    env.getattr, env.getitem = recording_getattr, recording_getitem
    for table in (env.filters, env.tests):
        for name, function in list(table.items()):
            # Jinja's own filters read posts through env.getattr; builtins know no posts.
            if isinstance(function, types.FunctionType) \
                    and not function.__module__.startswith(("jinja2", "markupsafe")):
                table[name] = _recording_function(function)
    env._sitekit_recording = True


def _recording_function(function):
    def recording(*args, **kwargs):
        if ACTIVE.recording is not None:
            _record_contents(args)
            _record_contents(kwargs.values())
        return function(*args, **kwargs)
    recording.__dict__.update(function.__dict__)  # keeps Jinja's pass_context mark
    recording.__name__ = getattr(function, "__name__", "filter")
    return recording


# --- the cache -----------------------------------------------------------------------------

@dataclass
class Entry:
    template: str
    shared: bytes
    names: tuple
    fields: tuple
    wholes: tuple
    inputs: bytes      # fingerprint of everything above as it was
    output: bytes      # digest of the text written
    effects: list
    problems: list

    def to_json(self) -> dict:
        """As cache data; NotCacheable when an effect's arguments are not plain values."""
        return {"template": self.template, "shared": self.shared.hex(),
                "names": list(self.names), "fields": [list(f) for f in self.fields],
                "wholes": list(self.wholes), "inputs": self.inputs.hex(),
                "output": self.output.hex(),
                "effects": [[handler, cachefile.encode(tuple(arguments))]
                            for handler, arguments in self.effects],
                "problems": [p.to_json() for p in self.problems]}

    @classmethod
    def from_json(cls, data) -> Entry:
        """Read back from the index, every field checked; NotCacheable if one is off."""
        if type(data) is not dict or type(data.get("template")) is not str:
            raise cachefile.NotCacheable("not a page entry")
        fields = tuple(_texts(pair, 2) for pair in _listed(data.get("fields")))
        return cls(data["template"], _digest_of(data.get("shared")), _texts(data.get("names")),
                   fields, _texts(data.get("wholes")), _digest_of(data.get("inputs")),
                   _digest_of(data.get("output")),
                   [_effect(e) for e in _listed(data.get("effects"))],
                   [ContentProblem.from_json(p) for p in _listed(data.get("problems"))])


def _listed(data) -> list:
    if type(data) is not list:
        raise cachefile.NotCacheable("a list was expected")
    return data


def _texts(data, length: int | None = None) -> tuple:
    if not all(type(t) is str for t in _listed(data)) or length not in (None, len(data)):
        raise cachefile.NotCacheable("a list of names was expected")
    return tuple(data)


def _digest_of(data) -> bytes:
    if type(data) is not str or len(data) != DIGEST_HEX:
        raise cachefile.NotCacheable("not a digest")
    try:
        return bytes.fromhex(data)
    except ValueError:
        raise cachefile.NotCacheable("not a digest") from None


def _effect(data) -> tuple:
    """(handler name, arguments): the handler is looked up among those registered."""
    if type(data) is not list or len(data) != 2 or type(data[0]) is not str:
        raise cachefile.NotCacheable("not an effect")
    return data[0], cachefile.decoded_as(data[1], tuple)


@dataclass
class PageCache:
    """One build's view: last build's entries, this build's, and what is shared."""

    settings: dict
    previous: dict
    entries: dict = field(default_factory=dict)
    contents: dict = field(default_factory=dict)   # tracked key -> its object in this build
    doubled: set = field(default_factory=set)      # tracked keys of two objects
    written: set = field(default_factory=set)
    reused: int = 0
    rendered: list = field(default_factory=list)   # output files rendered this build
    _shared: bytes | None = None
    _prints: Fingerprints | None = None
    _named: dict = field(default_factory=dict)

    def __post_init__(self):
        self._prints = Fingerprints(register=self.register)

    def add_content(self, content) -> None:
        path = getattr(content, "source_path", None)
        if path:
            self.register(path, content)

    def register(self, key: str, value) -> None:
        if self.contents.setdefault(key, value) is not value:
            self.doubled.add(key)

    def shared(self) -> bytes:
        """Made at the first page: by then every plugin has set up the settings."""
        if self._shared is None:
            self._shared = shared_digest(self.settings)
        return self._shared

    def inputs(self, names, fields, wholes, context, env) -> bytes | None:
        prints, named = self._prints, self._named
        parts = []
        for name in names:
            if name in VOLATILE_KEYS:  # the staging folder's name: never printed, only used
                continue
            value = context.get(name, MISSING)
            if value is MISSING and env is not None:
                value = env.globals.get(name, MISSING)
            # Most names hold the same object on every page (settings, site-wide lists).
            known = named.get((name, id(value)))
            if known is None:
                known = (value, name.encode("utf-8", "surrogatepass") + (
                    prints.of(value) if value is not MISSING else b"-missing"))
                named[(name, id(value))] = known
            parts.append(known[1])
        contents, doubled = self.contents, self.doubled
        # Posts first: a keyed object is known once something that holds it was looked at.
        for keyed in (False, True):
            for key, attribute in fields:
                if key.startswith("key:") is keyed:
                    if key not in contents or key in doubled:
                        return None
                    parts.append(prints.field(contents[key], attribute))
            for key in wholes:
                if key.startswith("key:") is keyed:
                    if key not in contents or key in doubled:
                        return None
                    parts.append(prints.whole(contents[key]))
        return _digest(*parts)

    def render(self, template, context) -> str:
        name = context.get("output_file")
        env = getattr(template, "environment", None)
        if env is not None:
            _install_environment_hooks(env)
        if name in self.written:  # written twice (Pelican's override_output): never cached
            self.entries.pop(name, None)
            return template.render(context)
        self.written.add(name)
        text = self._previous_text(name, template, context, env)
        if text is not None:
            self.reused += 1
            return text
        self.rendered.append(name)
        return self._render_and_record(name, template, context, env)

    def _previous_text(self, name, template, context, env) -> str | None:
        entry = self.previous.get(name)
        previous_output = self.settings.get(PREVIOUS_OUTPUT_KEY)
        if entry is None or not previous_output or entry.template != template.name \
                or entry.shared != self.shared():
            return None
        if self.inputs(entry.names, entry.fields, entry.wholes, context, env) != entry.inputs:
            return None
        try:
            data = Path(previous_output, name).read_bytes()
        except OSError:
            return None
        if _digest(data) != entry.output:
            return None
        handlers = self.settings.get(EFFECTS_KEY) or {}
        if any(handler not in handlers for handler, _arguments in entry.effects):
            return None
        for handler, arguments in entry.effects:
            handlers[handler](*arguments)
        problem_log(self.settings).extend(entry.problems)
        self.entries[name] = entry
        return data.decode("utf-8")

    def _render_and_record(self, name, template, context, env) -> str:
        log = problem_log(self.settings)
        before = len(log.problems)
        recording = Recording(register=self.register)
        outer, ACTIVE.recording = ACTIVE.recording, recording
        try:
            text = template.render(context)
        finally:
            ACTIVE.recording = outer
        if recording.unsure or outer is not None:
            return text
        names = tuple(sorted(recording.names))
        fields = tuple(sorted(recording.fields))
        wholes = tuple(sorted(recording.wholes))
        inputs = self.inputs(names, fields, wholes, context, env)
        if inputs is not None:
            self.entries[name] = Entry(template.name, self.shared(), names, fields, wholes,
                                       inputs, _digest(text.encode("utf-8")),
                                       recording.effects, log.problems[before:])
        return text

    def save(self) -> None:
        save_entries(self.settings, self.entries,
                     {"rendered": len(self.rendered), "reused": self.reused,
                      "rendered pages": sorted(self.rendered)})


def shared_digest(settings: dict) -> bytes:
    """What every page depends on beyond its template context."""
    # The plugins' code (every .py file: they hold no other file a page is made from).
    parts = [FORMAT.encode(), code_digest(settings.get("PLUGIN_PATHS") or [], LIBRARIES).encode()]
    # Plugins' state objects are left to the pages that read them (by their template names).
    parts.append(Fingerprints().of(plain_settings(settings)))
    parts.append(_folder_digest(settings.get("THEME", ""), lambda name: True, read=True))
    # The library's template overrides (overrides/templates/) are templates as much as the theme's.
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []:
        parts.append(_folder_digest(folder, lambda name: True, read=True))
    # Template helpers read images' sizes (card pictures, the site's icon) from content/.
    parts.append(_folder_digest(settings["PATH"],
                                lambda name: name.lower().endswith(IMAGE_EXTENSIONS)))
    parts.append(build_now(settings).date().isoformat().encode())
    return _digest(*parts)


def _folder_digest(folder: str, wanted, read: bool = False) -> bytes:
    parts = []
    if folder and os.path.isdir(folder):
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not wanted(name) or name.endswith(".pyc"):
                    continue
                path = os.path.join(root, name)
                try:
                    if read:
                        facts = Path(path).read_bytes()
                    else:
                        stat = os.stat(path)
                        facts = f"{stat.st_size} {stat.st_mtime_ns}".encode()
                except OSError:
                    facts = b"unreadable"
                parts.append(path.encode("utf-8", "surrogatepass") + b"\0" + facts)
    return _digest(*parts)


# --- on disk -------------------------------------------------------------------------------

def _index_path(cache_path: str | None) -> Path:
    return Path(cache_path or "cache") / FOLDER / "pages.json"


def load_entries(settings: dict) -> dict:
    """Last build's entries that check out (shelfcast_sitekit.cachefile); the rest are rendered."""
    stored = _stored(settings.get("CACHE_PATH")).get("entries")
    entries = {}
    for name, data in (stored.items() if isinstance(stored, dict) else ()):
        try:
            entries[name] = Entry.from_json(data)
        except cachefile.NotCacheable:
            continue  # damaged or planted: this page is rendered again
    return entries


def last_build_counts(cache_path: str) -> dict:
    """Of the last build that succeeded, for maintainers and tests: {"rendered": how many
    pages were rendered, "reused": how many taken from the build before, "rendered pages":
    the output files rendered}."""
    counts = _stored(cache_path).get("counts")
    return counts if isinstance(counts, dict) else {}


def _stored(cache_path: str | None) -> dict:
    stored = cachefile.load(_index_path(cache_path), FORMAT)  # none or damaged: render all
    return stored if isinstance(stored, dict) else {}


def save_entries(settings: dict, entries: dict, counts: dict) -> None:
    """Write this build's entries (only they: the index never holds a page no build wrote)."""
    stored = {}
    for name, entry in entries.items():
        try:
            stored[name] = entry.to_json()
        except cachefile.NotCacheable:
            continue  # an effect with arguments the cache does not hold: rendered each time
    cachefile.save(_index_path(settings.get("CACHE_PATH")), FORMAT,
                   {"entries": stored, "counts": counts})


# --- Pelican glue --------------------------------------------------------------------------

class CachedTemplate:
    """What Pelican's writer renders: the template, or the page as the last build wrote it."""

    def __init__(self, template, cache: PageCache):
        self._template, self._cache = template, cache

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, context) -> str:
        return self._cache.render(self._template, context)


class PageCacheWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        cache = self.settings.get(STATE_KEY)
        if cache is not None and isinstance(template, jinja2.Template):
            template = CachedTemplate(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)


def start(settings: dict) -> None:
    if settings.get(SETTING, True):
        _install_context_hooks()
        settings[STATE_KEY] = PageCache(settings, load_entries(settings))


def page_cache(settings: dict) -> PageCache | None:
    return settings.get(STATE_KEY)


def on_replay(settings: dict, handler: str, function) -> None:
    """Register what a page taken from the last build calls for each `note_effect`; any
    plugin, at any time before pages are written (no load order needed)."""
    settings.setdefault(EFFECTS_KEY, {})[handler] = function


def finish(settings: dict) -> None:
    """Keep this build's entries for the next one, unless the build failed."""
    cache = page_cache(settings)
    if cache is not None and not problem_log(settings).errors():
        cache.save()
