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

Recording uses Jinja's documented points of extension only: a Context subclass set per
environment (`Environment.context_class`) and the environment's `getattr`/`getitem` (the
hooks Jinja's sandbox overrides). The page being recorded is an attribute of its environment.

A template helper that reads files or other state outside the template context says so
through this module's interface: `note_read(context, source, argument)` (or `@reads`) for
what it read, `note_effect` for what it changed. Otherwise it must give its object a
`sitekit_fingerprint()`, or the library turns the cache off (`SITEKIT = {"page_cache": False}`).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.runtime
import markupsafe
from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import cachefile, renderpool
from .clock import build_now
from .fileprints import MAX_DIGESTED_BYTES, file_prints
from .fingerprints import MISSING, Fingerprints, digest, file_digest, read_field, tracked_key
from .limits import sitekit_option
from .problems import ContentProblem, problem_log
from .readcache import PAGE_MARK_KEY, RESIDENT_KEY, VOLATILE_KEYS, code_digest, keyed_settings
from .reuse import PREVIOUS_OUTPUT_KEY

SETTING = "page_cache"  # of SITEKIT
STATE_KEY = "SITEKIT_PAGE_CACHE"
EFFECTS_KEY = "SITEKIT_RENDER_EFFECTS"
FOLDER = "sitekit-pages"
FORMAT = "sitekit-page-cache 4"  # 4: names and fields listed once (INTERNED)
DIGEST_HEX = 32  # characters of a _digest in hex
LIBRARIES = ("jinja2", "markupsafe", "pelican", "babel", "markdown", "nh3")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
RECORDING_ATTRIBUTE = "sitekit_recording"  # on a Jinja environment: the page being recorded
# Largest file a read source fingerprints by its bytes; a larger one counts by size and time.
MAX_READ_BYTES = 64 * 1024 * 1024


# --- recording what one rendering reads ----------------------------------------------------

# Text a template hands a helper (a message to translate, a date format): no tracked key.
PLAIN_TEXT = frozenset({str, markupsafe.Markup})


@dataclass
class Recording:
    register: object = None                      # PageCache.register
    names: set = field(default_factory=set)
    fields: set = field(default_factory=set)     # (tracked key, attribute)
    wholes: set = field(default_factory=set)     # tracked key
    reads: set = field(default_factory=set)      # (read source, argument): see note_read
    effects: list = field(default_factory=list)  # (handler name, arguments)
    unsure: bool = False                          # read something no build can check again

    def key(self, value) -> str | None:
        """The tracked key of value (registering a keyed object), or None if not tracked."""
        key = tracked_key(value)
        if key == "":
            self.unsure = True
            return None
        if key is not None and key.startswith("key:") and self.register is not None:
            self.register(key, value)
        return key

    def contents(self, values) -> None:
        """Posts (alone or in a list) handed whole to a helper: it may read any field."""
        for value in values:
            if type(value) in PLAIN_TEXT:
                continue  # most calls are gettext's and filters' on text: never a post
            for item in value if isinstance(value, (list, tuple)) else (value,):
                key = self.key(item)
                if key:
                    self.wholes.add(key)


def recording_of(environment) -> Recording | None:
    """The recording of the page this environment is rendering now, or None."""
    return getattr(environment, RECORDING_ATTRIBUTE, None)


# --- the documented interface for template helpers ------------------------------------------
# A helper that reads anything besides its arguments and the template's names says so here;
# otherwise the next build may take a page it would have changed from the last build.

READ_SOURCES = ("file", "folder", "names", "output")


def note_read(context, source: str, argument: str) -> None:
    """Declare that the page being rendered read `source` at `argument`:

    - ("file", path): the file's bytes (or that it is missing);
    - ("folder", path): every file under the folder, by its bytes (a translation catalogue
      folder, say);
    - ("names", path): the names of the files in the folder (not below it), not their bytes;
    - ("output", relative path): a file this build wrote into its output folder earlier (a
      cover taken from an audio file), by its bytes as it is when the page is checked; a
      file not yet written then renders the page again.

    The next build renders the page again when what is there now differs. `context` is the
    Jinja context a `pass_context` helper is given."""
    if source not in READ_SOURCES:
        raise ValueError(f"unknown read source {source!r}; known: {', '.join(READ_SOURCES)}")
    recording = getattr(context.environment, RECORDING_ATTRIBUTE, None)
    if recording is not None:
        recording.reads.add((source, os.fspath(argument)))


def reads(source: str, argument):
    """Decorator form of note_read for a `pass_context` helper: `argument(context, *args,
    **kwargs)` names what the call reads, e.g.
    `@reads("file", lambda context, path: os.path.join(context["PATH"], path))`."""
    def decorate(helper):
        @functools.wraps(helper)
        def reading(context, *args, **kwargs):
            note_read(context, source, argument(context, *args, **kwargs))
            return helper(context, *args, **kwargs)
        return reading
    return decorate


def note_effect(context, handler: str, *arguments) -> None:
    """Declare that a helper changed the build's state (see the module docstring): a page
    taken again from the last build calls the handler registered under this name (on_replay)
    with the same arguments. `context` may be None outside a rendering."""
    recording = None if context is None else recording_of(context.environment)
    if recording is not None:
        recording.effects.append((handler, arguments))


def read_source_digest(source: str, argument: str, output_path: str) -> bytes:
    """What a read source holds now (see note_read)."""
    if source == "folder":
        return _folder_digest(argument, lambda name: True)
    if source == "names":
        try:
            return digest(*sorted(name.encode("utf-8", "surrogatepass")
                                  for name in os.listdir(argument)))
        except OSError:
            return b"missing"
    if source == "output":
        target = os.path.realpath(os.path.join(output_path, argument))
        if not target.startswith(os.path.realpath(output_path) + os.sep):
            return b"outside"  # an entry is untrusted input: read nothing outside output/
        return _file_digest(target)
    return _file_digest(argument)


def _file_identity(path: str) -> tuple | None:
    """What tells one state of a file from another without reading it; None when there is
    nothing at path (not even a link)."""
    try:
        facts = os.stat(path)
    except OSError:
        return None if not os.path.lexists(path) else ("unreadable", time.monotonic_ns())
    return facts.st_dev, facts.st_ino, facts.st_size, facts.st_mtime_ns, facts.st_ctime_ns


def _file_digest(path: str) -> bytes:
    # Only a regular file is read (an entry naming /dev/zero is untrusted input too).
    try:
        facts = os.stat(path)
    except OSError:
        return b"missing"
    if not stat.S_ISREG(facts.st_mode):
        return b"not a file"
    if facts.st_size > MAX_READ_BYTES:
        return f"{facts.st_size} {facts.st_mtime_ns}".encode()
    try:
        return file_digest(path)
    except OSError:
        return b"unreadable"


# --- hooks: Jinja's documented points of extension -------------------------------------------

# The hooks below run for every name a page looks up and every call it makes (1.2 million
# lookups for 3,860 pages of a cold build at 5,000 posts): the recording is looked up inline,
# not through recording_of, and Jinja's own method called by name, not through super().
_resolve_or_missing = jinja2.runtime.Context.resolve_or_missing
_call = jinja2.runtime.Context.call


class RecordingContext(jinja2.runtime.Context):
    """Jinja's template context, set per environment through `Environment.context_class`:
    records the names a page looks up and the posts it hands to functions."""

    def resolve_or_missing(self, key):
        recording = getattr(self.environment, RECORDING_ATTRIBUTE, None)
        if recording is not None:
            recording.names.add(key)
        return _resolve_or_missing(self, key)

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        recording = getattr(__self.environment, RECORDING_ATTRIBUTE, None)
        if recording is not None and not isinstance(__obj, jinja2.runtime.Macro):
            if args:
                recording.contents(args)
            if kwargs:
                recording.contents(kwargs.values())
        return _call(__self, __obj, *args, **kwargs)


def _install_environment_hooks(env) -> None:
    """A post's attributes are read through the environment's getattr/getitem (the hooks
    Jinja's sandbox overrides); plugins' filters get posts as arguments."""
    if isinstance(env.context_class, type) and issubclass(env.context_class, RecordingContext):
        return
    env.context_class = RecordingContext
    # A build's environment lives for that build only (the preview makes new generators for a
    # template change), and the page cache fingerprints every theme file once per build: no
    # need for Jinja to stat a template's file each time a page includes or extends it.
    env.auto_reload = False
    getattr_, getitem = env.getattr, env.getitem

    def recording_getattr(obj, attribute):
        recording = getattr(env, RECORDING_ATTRIBUTE, None)
        if recording is not None:
            key = recording.key(obj)
            if key:
                recording.fields.add((key, attribute))
        return getattr_(obj, attribute)

    def recording_getitem(obj, argument):
        recording = getattr(env, RECORDING_ATTRIBUTE, None)
        if recording is not None and isinstance(argument, str):
            key = recording.key(obj)
            if key:
                recording.fields.add((key, argument))
        return getitem(obj, argument)

    env.getattr, env.getitem = recording_getattr, recording_getitem
    for table in (env.filters, env.tests):
        for name, function in list(table.items()):
            # Jinja's own filters read posts through env.getattr; builtins know no posts.
            if isinstance(function, types.FunctionType) \
                    and not function.__module__.startswith(("jinja2", "markupsafe")):
                table[name] = _recording_function(env, function)


def _recording_function(env, function):
    @functools.wraps(function)  # keeps Jinja's pass_context mark
    def recording(*args, **kwargs):
        recording = getattr(env, RECORDING_ATTRIBUTE, None)
        if recording is not None:
            recording.contents(args)
            recording.contents(kwargs.values())
        return function(*args, **kwargs)
    return recording


# --- the cache -----------------------------------------------------------------------------

@dataclass
class Entry:
    template: str
    shared: bytes
    names: tuple
    fields: tuple
    wholes: tuple
    reads: tuple       # (read source, argument): see note_read
    inputs: bytes      # fingerprint of everything above as it was
    output: bytes      # digest of the text written
    effects: list
    problems: list
    # The index's data this entry was read from, checked (but its INTERNED lists): written
    # back as it is when the page is taken again (most pages of a warm build), not encoded anew.
    stored: dict | None = field(default=None, repr=False, compare=False)
    # (the index's tables it was read with, its line there, its names' and fields' positions
    # in them): an index that keeps those tables' positions writes the line back as it was.
    line: tuple | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        """As cache data; NotCacheable when an effect's arguments are not plain values."""
        if self.stored is not None:
            return {**self.stored, "names": list(self.names),
                    "fields": [list(f) for f in self.fields]}
        return {"template": self.template, "shared": self.shared.hex(),
                "names": list(self.names), "fields": [list(f) for f in self.fields],
                "wholes": list(self.wholes), "reads": [list(r) for r in self.reads],
                "inputs": self.inputs.hex(),
                "output": self.output.hex(),
                "effects": [[handler, cachefile.encode(tuple(arguments))]
                            for handler, arguments in self.effects],
                "problems": [p.to_json() for p in self.problems]}

    def to_index_json(self, tables: tuple[dict, dict]) -> dict:
        """As the index holds it: names and fields as positions in the index's tables
        ({name: position}, {(key, attribute): position}), which this adds to."""
        data = dict(self.stored) if self.stored is not None else self.to_json()
        names, fields = tables
        data["names"] = [names.setdefault(name, len(names)) for name in self.names]
        data["fields"] = [fields.setdefault(pair, len(fields)) for pair in self.fields]
        return data

    @classmethod
    def from_json(cls, data, tables: tuple[tuple, tuple] | None = None) -> Entry:
        """Read back, every field checked; NotCacheable if one is off. With `tables` (the
        index's names and (key, attribute) pairs, checked), names and fields are positions
        in them."""
        if type(data) is not dict or type(data.get("template")) is not str:
            raise cachefile.NotCacheable("not a page entry")
        if tables is None:
            names, fields = _texts(data.get("names")), _pairs(data.get("fields"))
        else:
            names, fields = _at(data.get("names"), tables[0]), _at(data.get("fields"), tables[1])
        reads = _pairs(data.get("reads"))
        if any(source not in READ_SOURCES for source, _argument in reads):
            raise cachefile.NotCacheable("an unknown read source")
        entry = cls(data["template"], _digest_of(data.get("shared")), names,
                    fields, _texts(data.get("wholes")), reads, _digest_of(data.get("inputs")),
                    _digest_of(data.get("output")),
                    [_effect(e) for e in _listed(data.get("effects"))],
                    [ContentProblem.from_json(p) for p in _listed(data.get("problems"))])
        # Nothing planted beside them is kept.
        entry.stored = {key: data[key] for key in ENTRY_KEYS if key not in INTERNED}
        return entry


ENTRY_KEYS = ("template", "shared", "names", "fields", "wholes", "reads", "inputs", "output",
              "effects", "problems")
# Lists the index holds once for all pages, each page naming positions in them: a post's
# (file, attribute) pairs are on every listing that shows it (465,263 listed, 148,415
# different at 5,000 posts: 36 MB of the 47 MB index), the template names on every page.
INTERNED = ("names", "fields")


def _at(data, table: tuple) -> tuple:
    """Positions in table ([0, 4, ...]) as the table's items; NotCacheable otherwise."""
    rows = _listed(data)
    if not rows:
        return ()
    if set(map(type, rows)) != {int} or min(rows) < 0 or max(rows) >= len(table):
        raise cachefile.NotCacheable("positions in the index's table were expected")
    return tuple(map(table.__getitem__, rows))


def _listed(data) -> list:
    if type(data) is not list:
        raise cachefile.NotCacheable("a list was expected")
    return data


def _pairs(data) -> tuple:
    """[[text, text], ...] as a tuple of pairs; NotCacheable otherwise. An index holds about 50
    per page (reading the index back was 1 s of a warm build's 17 s at 1,000 posts)."""
    rows = _listed(data)
    if not rows:
        return ()
    # Set operations over map(): the checks run in C, not a Python step per pair.
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {2}:
        raise cachefile.NotCacheable("a list of pairs of names was expected")
    firsts, seconds = zip(*rows, strict=True)
    if set(map(type, firsts)) != {str} or set(map(type, seconds)) != {str}:
        raise cachefile.NotCacheable("a list of pairs of names was expected")
    return tuple(zip(firsts, seconds, strict=True))


def _texts(data, length: int | None = None) -> tuple:
    if set(map(type, _listed(data))) - {str} or length not in (None, len(data)):
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
    # Where Pelican's writer will write a page taken from the last build -> that build's file.
    taken: dict = field(default_factory=dict)
    # Of those, the files whose text this process never read (a warm worker checked them).
    untexted: set = field(default_factory=set)
    by_workers: int = 0                            # pages a render worker made (renderpool)
    pool: object = None       # the build's renderpool.Pool while workers render pages
    share: object = None      # in a render worker: its renderpool.WorkerShare
    _depth: int = 0           # pages being rendered (one inside another is part of it)
    _effects: list | None = None  # the effects of the page rendered or taken last
    _shared: bytes | None = None
    _prints: Fingerprints | None = None
    _named: dict = field(default_factory=dict)
    _sources: dict = field(default_factory=dict)
    _field_parts: dict = field(default_factory=dict)  # (tracked key, attribute) -> print
    _outputs: dict = field(default_factory=dict)      # output file -> (identity, digest)
    # Output file (absolute) -> (what PAGE_MARK_KEY's test says of the bytes this build
    # wrote there, their length): the search index then reads only the pages it indexes
    # without opening every page again (shelfcast_search.indexer.marked_pages).
    marks: dict = field(default_factory=dict)

    def __post_init__(self):
        self._prints = Fingerprints(register=self.register)

    @property
    def _probe(self):
        """PAGE_MARK_KEY's test, or None (set by a plugin after the cache is made)."""
        probe = self.settings.get(PAGE_MARK_KEY)
        return probe if callable(probe) else None

    def start_pass(self) -> None:
        """Forget what this build wrote and every fingerprint it memoized, for a pass over
        objects that changed since (the resident preview's fast path): each memo here holds
        the values of the pass that made it."""
        self.written, self.rendered, self.reused, self.taken = set(), [], 0, {}
        self.untexted, self.marks = set(), {}
        self._prints = Fingerprints(register=self.register)
        self._named, self._sources, self._field_parts, self._outputs = {}, {}, {}, {}

    def _mark(self, name, data: bytes, printed: bytes | None = None) -> None:
        """Note what the mark test says of the bytes this build writes as page `name`, their
        length and, for a marked page, their digest (`printed` when known already): the
        search index's parts are compared by their pages' digests, which it then need not
        read back (5,701 pages at 5,000 posts)."""
        probe = self._probe
        if probe is not None:
            marked = bool(probe(data))
            self.marks[os.path.normpath(name)] = (
                marked, len(data), (printed or digest(data)) if marked else None)

    def _marked(self, name, text: str) -> str:
        if self._probe is not None:
            self._mark(name, text.encode("utf-8"))
        return text

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

    def inputs(self, names, fields, wholes, reads, context, env) -> bytes | None:
        prints, named = self._prints, self._named
        parts = [f"{source}:{argument}".encode("utf-8", "surrogatepass")
                 + self._read_digest(source, argument) for source, argument in reads]
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
        contents, doubled, field_parts = self.contents, self.doubled, self._field_parts
        # Posts first: a keyed object is known once something that holds it was looked at.
        keyed_fields = []
        for pair in fields:
            if pair[0].startswith("key:"):
                keyed_fields.append(pair)
                continue
            known = field_parts.get(pair)
            if known is None:
                known = self._field_part(pair)
                if known is None:
                    return None
            if doubled and pair[0] in doubled:
                return None
            parts.append(known)
        for keyed in (False, True):
            if keyed:
                for pair in keyed_fields:
                    known = field_parts.get(pair) or self._field_part(pair)
                    if known is None or (doubled and pair[0] in doubled):
                        return None
                    parts.append(known)
            for key in wholes:
                if key.startswith("key:") is keyed:
                    if key not in contents or key in doubled:
                        return None
                    parts.append(prints.whole(contents[key]))
        return digest(*parts)

    def _field_part(self, pair: tuple) -> bytes | None:
        """The print of a (tracked key, attribute) pair, once per build, not once per page
        showing it (a post's url is on every listing that names it); None for a key no
        object of this build goes by. A key stands for one object all build long (register
        keeps the first; a key met twice is never trusted), so the print of its attribute
        is taken once. Memoized here by the pair alone: a post's page is the only one to
        read most of its fields, and a second memo by object was 140,000 entries for nothing."""
        content = self.contents.get(pair[0], MISSING)
        if content is MISSING:
            return None
        known = self._field_parts[pair] = self._prints.of(read_field(content, pair[1]))
        return known

    def _read_digest(self, source: str, argument: str) -> bytes:
        """What a read source holds, once per build (a catalogue folder every page reads);
        a file of the output as it is now (the build may write it later)."""
        output_path = self.settings.get("OUTPUT_PATH") or ""
        if source == "output":
            # Read again only when the file is another one than when last read (the site's
            # icon every page reads was digested on every page): same inode, size and times.
            # A file not written yet (the icon is copied after the pages) is asked about on
            # every page too: nothing there then and now is the same answer.
            facts = _file_identity(os.path.join(output_path, argument))
            known = self._outputs.get(argument)
            if known is None or known[0] != facts:
                known = self._outputs[argument] = (
                    facts, read_source_digest(source, argument, output_path))
            return known[1]
        known = self._sources.get((source, argument))
        if known is None:
            known = self._sources[(source, argument)] = read_source_digest(
                source, argument, output_path)
        return known

    def render(self, template, context) -> str:
        name = context.get("output_file")
        env = getattr(template, "environment", None)
        if env is not None:
            _install_environment_hooks(env)
        if self._depth:  # a page rendered inside another is part of it, in every process
            return self._render_page(name, template, context, env)
        self._depth += 1
        try:
            if self.share is not None:
                return self._render_share(name, template, context, env)
            if self.pool is not None:
                taken = self.pool.take(self.pool.next_index(), name,
                                       getattr(template, "name", None))
                if taken is not None and self._take(name, taken):
                    return taken.text if taken.text is not None else ""
            return self._render_page(name, template, context, env)
        finally:
            self._depth -= 1

    def _render_share(self, name, template, context, env) -> str:
        """In a render worker: render the pages that fall to it, and send each to the build
        with what the build must do for it (renderpool); skip the others."""
        share = self.share
        index = share.next_index()
        if not share.mine(index, getattr(template, "name", None)):
            self.written.add(name)  # as the build will: a second write of it is not cached
            return ""
        if share.warm:
            return self._check_share(index, name, template, context, env)
        log = problem_log(self.settings)
        before, rendered, reused = len(log.problems), len(self.rendered), self.reused
        self._effects = None
        text = self._render_page(name, template, context, env)
        how = "rendered" if len(self.rendered) > rendered else \
            "reused" if self.reused > reused else None
        if self._effects is None or how is None:  # effects unknown: the build renders it
            share.send(renderpool.render_here_message(index, name))
        else:
            renderpool.note_worker_page(share, index, name, text, how, self.entries.get(name),
                                        self._effects, log.problems[before:])
        return text

    def _check_share(self, index, name, template, context, env) -> str:
        """In a warm build's worker: check this page's recorded inputs against the last
        build's entry (the largest part of a warm build's page loop) and send the verdict
        only. A page it can take goes as "reused" with no text (the build links the previous
        file, as it does for its own); any other page, the build checks and renders itself
        (a warm build renders few pages)."""
        share = self.share
        if name in self.written:
            self.entries.pop(name, None)
            share.send(renderpool.render_here_message(index, name))
            return ""
        self.written.add(name)
        found = self._reusable(name, template, context, env)
        if found is None:
            share.send(renderpool.render_here_message(index, name))
            return ""
        entry = found[0]
        self._apply_previous(name, entry)  # this worker's state as the build's will be
        # What the worker found in the output folder (the build writes into it as it goes):
        # the build compares each with what it finds there when it takes the page.
        outputs = [[argument, self._read_digest(source, argument).hex()]
                   for source, argument in entry.reads if source == "output"]
        probe = self._probe
        mark = [bool(probe(found[1])), len(found[1])] if probe is not None else None
        share.send(renderpool.verdict_message(index, name, outputs, mark))
        return ""

    def _take(self, name, taken) -> bool:
        """Apply a page a render worker made as if rendered here: its entry, its effects
        replayed, its problems; False (render it here) if an effect has no handler."""
        if taken.text is None:
            return self._take_verdict(name, taken)
        if not self._replayable(taken.effects):
            return False
        handlers = self.settings.get(EFFECTS_KEY) or {}
        if name in self.written:
            self.entries.pop(name, None)
        else:
            self.written.add(name)
            if taken.entry is not None:
                self.entries[name] = taken.entry
        for handler, arguments in taken.effects:
            handlers[handler](*arguments)
        problem_log(self.settings).extend(taken.problems)
        self._marked(name, taken.text)
        if taken.how == "rendered":
            self.rendered.append(name)
        else:
            self.reused += 1
        self.by_workers += 1
        return True

    def _take_verdict(self, name, taken) -> bool:
        """A warm worker found this page's inputs as the last build recorded them: take the
        last build's page as if checked here. False (check it here) if this build's state
        differs from what the worker saw: the page already written, no such entry, an output
        file that reads otherwise here, an effect with no handler."""
        entry = self.previous.get(name)
        previous_output = self.settings.get(PREVIOUS_OUTPUT_KEY)
        if entry is None or name in self.written or not previous_output:
            return False
        if any(self._read_digest("output", argument).hex() != seen
               for argument, seen in taken.outputs):
            return False
        if not self._replayable(entry.effects):
            return False
        self.written.add(name)
        self._apply_previous(name, entry)
        if self.settings.get("OUTPUT_PATH"):
            # No text here: the writer links the file, or copies it where links fail.
            path = sanitised_join(self.settings["OUTPUT_PATH"], name)
            self.untexted.add(path)
            if taken.mark is not None and self._probe is not None:
                # The worker's test of the file's bytes, which it found to be the entry's.
                self.marks[os.path.normpath(name)] = (
                    *taken.mark, entry.output if taken.mark[0] else None)
        self.reused += 1
        self.by_workers += 1
        return True

    def _render_page(self, name, template, context, env) -> str:
        if name in self.written:  # written twice (Pelican's override_output): never cached
            self.entries.pop(name, None)
            return self._marked(name, template.render(context))
        self.written.add(name)
        text = self._previous_text(name, template, context, env)
        if text is not None:
            self.reused += 1
            return text
        self.rendered.append(name)
        return self._marked(name, self._render_and_record(name, template, context, env))

    def _previous_text(self, name, template, context, env) -> str | None:
        found = self._reusable(name, template, context, env)
        if found is None:
            return None
        entry, data = found
        self._apply_previous(name, entry)
        self._mark(name, data, entry.output)
        return data.decode("utf-8")

    def _reusable(self, name, template, context, env) -> tuple[Entry, bytes] | None:
        """The last build's entry and file of this page when every input it recorded is the
        same now and the file is byte for byte what was rendered; None otherwise."""
        entry = self.previous.get(name)
        previous_output = self.settings.get(PREVIOUS_OUTPUT_KEY)
        if entry is None or not previous_output or entry.template != template.name \
                or entry.shared != self.shared():
            return None
        if self.inputs(entry.names, entry.fields, entry.wholes, entry.reads, context,
                       env) != entry.inputs:
            return None
        try:
            data = Path(previous_output, name).read_bytes()
        except OSError:
            return None
        if digest(data) != entry.output:
            return None
        if not self._replayable(entry.effects):
            return None
        return entry, data

    def _replayable(self, effects: list) -> bool:
        """Whether every effect a page noted has a handler in this build to replay it (a
        plugin removed since, or not loaded, leaves the page to be rendered)."""
        handlers = self.settings.get(EFFECTS_KEY) or {}
        return all(handler in handlers for handler, _arguments in effects)

    def _apply_previous(self, name, entry: Entry) -> None:
        """Take the last build's page: its effects replayed, its problems reported, its entry
        kept, and its file linked by the writer."""
        handlers = self.settings.get(EFFECTS_KEY) or {}
        for handler, arguments in entry.effects:
            handlers[handler](*arguments)
        problem_log(self.settings).extend(entry.problems)
        self.entries[name] = entry
        # The writer links the previous build's file instead of writing the text again.
        if self.settings.get("OUTPUT_PATH"):
            self.taken[sanitised_join(self.settings["OUTPUT_PATH"], name)] = os.path.join(
                self.settings[PREVIOUS_OUTPUT_KEY], name)
        self._effects = entry.effects

    def _render_and_record(self, name, template, context, env) -> str:
        log = problem_log(self.settings)
        before = len(log.problems)
        recording = Recording(register=self.register)
        outer = recording_of(env)
        if env is None or outer is not None:  # not a Jinja template, or rendered inside one
            return template.render(context)
        setattr(env, RECORDING_ATTRIBUTE, recording)
        try:
            text = template.render(context)
        finally:
            setattr(env, RECORDING_ATTRIBUTE, None)
        self._effects = recording.effects
        if recording.unsure:
            return text
        names = tuple(sorted(recording.names))
        fields = tuple(sorted(recording.fields))
        wholes = tuple(sorted(recording.wholes))
        reads = tuple(sorted(recording.reads))
        inputs = self.inputs(names, fields, wholes, reads, context, env)
        if inputs is not None:
            self.entries[name] = Entry(template.name, self.shared(), names, fields, wholes,
                                       reads, inputs, digest(text.encode("utf-8")),
                                       recording.effects, log.problems[before:])
        return text

    def encoded(self) -> bytes:
        """The index file's bytes (encoding them is most of saving it)."""
        return encoded_entries(self.entries,
                               {"rendered": len(self.rendered), "reused": self.reused,
                                "rendered pages": sorted(self.rendered),
                                "made by render workers": self.by_workers})


def shared_digest(settings: dict) -> bytes:
    """What every page depends on beyond its template context."""
    # The plugins' code (every .py file: they hold no other file a page is made from).
    parts = [FORMAT.encode(), code_digest(settings.get("PLUGIN_PATHS") or [], LIBRARIES).encode()]
    # The settings file's values, objects included; plugins' state objects are left to the
    # pages that read them (by their template names).
    parts.append(Fingerprints().of(keyed_settings(settings)))
    parts.append(_folder_digest(settings.get("THEME", ""), lambda name: True))
    # The library's template overrides (overrides/templates/) are templates as much as the theme's.
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []:
        parts.append(_folder_digest(folder, lambda name: True))
    # Template helpers read images' sizes (card pictures, the site's icon) from content/: by
    # their bytes (fileprints: a fresh checkout's new modification times change nothing).
    parts.append(_folder_digest(settings["PATH"],
                                lambda name: name.lower().endswith(IMAGE_EXTENSIONS),
                                prints=file_prints(settings)))
    parts.append(build_now(settings).date().isoformat().encode())
    return digest(*parts)


def _folder_digest(folder: str, wanted, prints=None) -> bytes:
    """The wanted files under folder by their bytes: read, or their digests from `prints` (a
    FilePrints: content/'s pictures, many and large, are read again only when they change)."""
    parts = []
    if folder and os.path.isdir(folder):
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not wanted(name) or name.endswith(".pyc"):
                    continue
                path = os.path.join(root, name)
                try:
                    facts = Path(path).read_bytes() if prints is None else _bounded_print(
                        path, prints)
                except OSError:
                    facts = b"unreadable"
                parts.append(path.encode("utf-8", "surrogatepass") + b"\0" + facts)
    return digest(*parts)


def _bounded_print(path: str, prints) -> bytes:
    """A picture's print; one larger than MAX_DIGESTED_BYTES counts by size and time (any
    file under content/ with a picture's name is asked about, checked or not)."""
    printed = prints.of(path, MAX_DIGESTED_BYTES)
    if printed is None:
        facts = os.stat(path)
        return f"{facts.st_size} {facts.st_mtime_ns}".encode()
    return printed


# --- on disk -------------------------------------------------------------------------------

def _index_path(cache_path: str | None, output_path: str | None) -> Path:
    """One index per output folder: `invoke check` (into .cache/check-output) and publishing
    (into .cache/publish-output) build other settings into other folders, and with one index
    each would find only the other's pages and render every page, in CI every time."""
    name = digest(os.path.abspath(output_path or "output").encode("utf-8", "surrogatepass"))
    return Path(cache_path or "cache") / FOLDER / f"pages-{name.hex()[:16]}.json"


def _this_index(settings: dict) -> Path:
    return _index_path(settings.get("CACHE_PATH"),
                       settings.get(PREVIOUS_OUTPUT_KEY) or settings.get("OUTPUT_PATH"))


def load_entries(settings: dict) -> dict:
    """The last build's entries that check out (shelfcast_sitekit.cachefile); the others
    are rendered."""
    raw = cachefile.read_bytes(_this_index(settings))
    found = _index_lines(raw)
    if found is None:  # not as encoded_entries lays it out: read as one document
        index = cachefile.parse(raw, FORMAT)
        index = index if isinstance(index, dict) else {}
        stored = index.get("entries")
        found = index, None, [(name, data, None) for name, data in
                              (stored.items() if isinstance(stored, dict) else ())]
    index, table_lines, rows = found
    try:
        tables = _texts(index.get("names")), _pairs(index.get("fields"))
    except cachefile.NotCacheable:
        return {}  # damaged or planted: every page is rendered again
    if table_lines is not None:
        tables = (*tables, *table_lines)  # positions [0] and [1] are what entries read
    entries = {}
    for name, data, line in rows:
        try:
            entry = entries[name] = Entry.from_json(data, tables)
        except cachefile.NotCacheable:
            entries.pop(name, None)
            continue  # damaged or planted: this page is rendered again
        if line is not None:
            entry.line = (tables, line, data["names"], data["fields"])
    return entries


def last_build_counts(cache_path: str) -> dict:
    """Of the last build that succeeded, for maintainers and tests: {"rendered": how many
    pages were rendered, "reused": how many taken from the build before, "rendered pages":
    the output files rendered, "made by render workers": how many of those pages a render
    worker made (shelfcast_sitekit.renderpool)}."""
    indexes = sorted(Path(cache_path, FOLDER).glob("pages-*.json"),
                     key=lambda path: path.stat().st_mtime_ns)
    counts = _stored(indexes[-1]).get("counts") if indexes else None
    return counts if isinstance(counts, dict) else {}


def _stored(index: Path) -> dict:
    stored = cachefile.load(index, FORMAT)  # none or damaged: render all
    return stored if isinstance(stored, dict) else {}


def save_entries(settings: dict, entries: dict, counts: dict) -> None:
    """Write this build's entries (only they: the index never holds a page no build wrote)."""
    cachefile.write(_this_index(settings), encoded_entries(entries, counts))


# encoded_entries lays the index out one entry to a line, its tables on lines of their own,
# so that a warm build writes back the lines of the pages it took, and the tables, as they
# were instead of encoding 8,694 entries and 148,415 pairs again (0.6 s at 5,000 posts, at
# the end of every build). It is still one JSON document:
#     {"format":"...","data":{
#     "names":[...],
#     "fields":[...],
#     "counts":{...},"entries":{
#     "page.html":{...},      one line per page
#     ...
#     }}}
_ENTRIES_START = b',"entries":{'
_INDEX_END = b"}}}"


def _index_head() -> bytes:
    return json.dumps({"format": FORMAT}, separators=(",", ":")).encode("ascii")[:-1] \
        + b',"data":{'


def _member(line) -> tuple:
    """(name, value) of one line (bytes or a view) holding one member of an object
    (`"name":value`); ValueError otherwise."""
    member = json.loads(b"".join([b"{", line, b"}"]))
    if len(member) != 1:
        raise ValueError("one member per line")
    (name, value), = member.items()
    return name, value


def _index_lines(raw: bytes | None) -> tuple[dict, tuple, list] | None:
    """(the index's data but its entries, the lines of its two tables, [(page, entry data,
    the entry's line)]) of an index laid out as encoded_entries writes it, each line read on
    its own; None for any other. The lines are views of `raw`, which they keep (one copy of
    the index in memory, not two)."""
    if not raw:
        return None
    view, lines, start = memoryview(raw), [], 0
    while (end := raw.find(b"\n", start)) >= 0:
        lines.append(view[start:end - (raw[end - 1:end] == b",")])  # without its comma
        start = end + 1
    lines.append(view[start:])
    if len(lines) < 6 or lines[0] != _index_head() or lines[-1] != _INDEX_END \
            or lines[1][:8] != b'"names":' or lines[2][:9] != b'"fields":' \
            or lines[3][-len(_ENTRIES_START):] != _ENTRIES_START:
        return None
    try:
        head = dict(_member(line) for line in lines[1:3])
        head.update([_member(lines[3][:-len(_ENTRIES_START)])])
    except (ValueError, RecursionError):
        return None
    if sorted(head) != ["counts", "fields", "names"]:
        return None
    rows = []
    for line in lines[4:-1]:
        if not line:
            continue
        try:
            name, data = _member(line)
        except (ValueError, RecursionError):
            continue  # damaged or planted: that page is rendered again
        rows.append((name, data, line))
    return head, (lines[1], lines[2]), rows


def encoded_entries(entries: dict, counts: dict) -> bytes:
    """The index, one entry to a line. Its tables start as those the last index was read
    with, so an entry taken from it keeps its positions and its line is written as it was
    (and the tables' lines too while no name or field is added); new names and fields are
    added at the end. When more than a quarter of the rows would be ones no entry names
    (pages gone since), the tables are made anew from this build's entries alone and every
    entry encoded."""
    bases = {id(entry.line[0]): entry.line[0] for entry in entries.values()
             if entry.line is not None}
    base = next(iter(bases.values())) if len(bases) == 1 else None
    if base is not None:
        encoded = _encoded_on(entries, counts, base)
        if encoded is not None:
            return encoded
    return _encoded_on(entries, counts, None)


def _encoded_on(entries: dict, counts: dict, base: tuple | None) -> bytes | None:
    """The index with tables starting as `base` (None: empty); None when too many of the
    base's rows are left unnamed."""
    tables = ({}, {}) if base is None else (
        {name: position for position, name in enumerate(base[0])},
        {pair: position for position, pair in enumerate(base[1])})
    lines, named, fielded = [], set(), set()
    for name, entry in entries.items():
        if base is not None and entry.line is not None and entry.line[0] is base:
            lines.append(entry.line[1])
            named.update(entry.line[2])
            fielded.update(entry.line[3])
            continue
        try:
            data = entry.to_index_json(tables)
        except cachefile.NotCacheable:
            continue  # an effect with arguments the cache does not hold: rendered each time
        if base is not None:
            named.update(data["names"])
            fielded.update(data["fields"])
        lines.append(_member_line(name, data))
    rows = len(tables[0]) + len(tables[1])
    if base is not None and rows - len(named) - len(fielded) > rows // 4:
        return None
    # A table's items in the order of their positions (dicts keep the order of insertion);
    # a table the last index had, with nothing added, is written as it was read.
    kept = base is not None and len(base) == 4
    names = base[2] if kept and len(tables[0]) == len(base[0]) else \
        _member_line("names", list(tables[0]))
    fields = base[3] if kept and len(tables[1]) == len(base[1]) else \
        _member_line("fields", [list(pair) for pair in tables[1]])
    return b"\n".join([_index_head(), b"".join([names, b","]), b"".join([fields, b","]),
                       _member_line("counts", counts) + _ENTRIES_START,
                       b",\n".join(lines), _INDEX_END])


def _member_line(name: str, value) -> bytes:
    """`"name":value` as cachefile.encoded writes JSON (compact, ASCII)."""
    return json.dumps({name: value}, separators=(",", ":"), allow_nan=False).encode("ascii")[1:-1]


# --- Pelican glue --------------------------------------------------------------------------

class CachedTemplate:
    """What Pelican's writer renders: the template, or the page as the last build wrote it."""

    def __init__(self, template, cache: PageCache):
        self._template, self._cache = template, cache

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, context) -> str:
        return self._cache.render(self._template, context)


# A plugin may name feeds in the site's language: settings[FEED_TITLE_KEY] is a function from
# the title Pelican gives a feed (a section's folder name, "books") to the one readers see.
FEED_TITLE_KEY = "SITEKIT_FEED_TITLE"


class _Linked:
    """What Pelican's writer writes a page's text into when the page's file is already there:
    a hard link to the previous build's copy, which holds those very bytes."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def write(self, text: str) -> int:
        return len(text)


class _PreviousText:
    """An open file that gets the previous build's text of the page, whatever the writer
    hands it (a page a warm render worker checked, written where it cannot be linked)."""

    def __init__(self, handle, text: str):
        self._handle, self._text = handle, text

    def __enter__(self):
        self._handle.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._handle.__exit__(*exc_info)

    def write(self, _text: str) -> int:
        return self._handle.write(self._text)


class PageCacheWriter(Writer):
    """Pelican's writer; a page the page cache took from the last build is linked, not
    written: a hard link to the previous output's file (same bytes, checked by the cache),
    so a warm build opens no file for writing for an unchanged page.

    A linked file is the previous output's own file: nothing may write into it. A second
    write to the same path (Pelican's override_output) is made as a new file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._linked: set[str] = set()

    def _open_w(self, filename, encoding, override=False):
        cache = self.settings.get(STATE_KEY)
        previous = cache.taken.pop(filename, None) if cache is not None else None
        # A page a warm render worker checked: this process has not its text, only the file.
        untexted = previous is not None and filename in cache.untexted
        if previous is not None and filename not in self._written_files \
                and filename not in self._overridden_files:
            try:
                os.link(previous, filename)
            except OSError:
                # Another file system, no hard links there: written as before (copied when
                # this process has not the text).
                if untexted:
                    shutil.copyfile(previous, filename)
                    return self._taken_over(filename, override)
            else:
                return self._taken_over(filename, override)
        if filename in self._linked:
            # Opening it for writing would truncate the previous build's file (output/ until
            # the swap, and what a reader of output/ has open): a new file takes its place.
            self._linked.discard(filename)
            os.unlink(filename)
        handle = super()._open_w(filename, encoding, override)
        if untexted:
            return _PreviousText(handle, Path(previous).read_text(encoding))
        return handle

    def _taken_over(self, filename, override) -> _Linked:
        self._linked.add(filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Linked()

    def write_feed(self, *args, feed_title=None, **kwargs):
        name_feed = self.settings.get(FEED_TITLE_KEY)
        if feed_title and name_feed is not None:
            feed_title = name_feed(feed_title)
        return super().write_feed(*args, feed_title=feed_title, **kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        cache = self.settings.get(STATE_KEY)
        if cache is not None and isinstance(template, jinja2.Template):
            template = CachedTemplate(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)


def start(settings: dict) -> None:
    if sitekit_option(settings, SETTING):
        settings[STATE_KEY] = PageCache(settings, _previous_entries(settings))


def _kept_indexes(settings: dict) -> dict | None:
    """{index path: entries} the preview's session keeps between its builds (its Resident's
    `page_indexes`), or None outside a session."""
    kept = getattr(settings.get(RESIDENT_KEY), "page_indexes", None)
    return kept if isinstance(kept, dict) else None


def _previous_entries(settings: dict) -> dict:
    """The last build's entries: in a preview session, those its last successful build (and
    the fast passes since, which update them in place) left in memory; else from the index
    on disk (reading and checking it took 2.3 s of a preview's full build at 5,000 posts).
    The entries in memory are the same this process saved: each is still checked page by
    page against the served file's bytes and the inputs now."""
    kept = _kept_indexes(settings)
    if kept is not None:
        entries = kept.get(os.path.abspath(_this_index(settings)))
        if entries is not None:
            return dict(entries)
    return load_entries(settings)


def page_cache(settings: dict) -> PageCache | None:
    return settings.get(STATE_KEY)


def page_marks(settings: dict) -> dict | None:
    """{page's path in the output folder: (PAGE_MARK_KEY's verdict, length in bytes, digest
    of the bytes as fingerprints.file_digest gives it, or None for a page not marked)} of the
    pages this build wrote through the page cache, or None (no cache, no test set). By path
    in the folder, not on disk: the preview indexes the pages once the build's folder is in
    its place."""
    cache = page_cache(settings)
    return cache.marks if cache is not None and cache._probe is not None else None


def on_replay(settings: dict, handler: str, function) -> None:
    """Register what a page taken from the last build calls for each `note_effect`; any
    plugin, at any time before pages are written (no load order needed)."""
    settings.setdefault(EFFECTS_KEY, {})[handler] = function


def encode_for_finish(settings: dict) -> bytes | None:
    """This build's index, encoded while work beside the build still runs (the search
    index); `finish` writes it once the build is known to have succeeded."""
    cache = page_cache(settings)
    if cache is None or problem_log(settings).errors():
        return None
    return cache.encoded()


def finish(settings: dict, encoded: bytes | None = None) -> None:
    """Keep this build's entries for the next one, unless the build failed. `encoded`: what
    `encode_for_finish` made of them (nothing has changed them since)."""
    cache = page_cache(settings)
    if cache is not None and not problem_log(settings).errors():
        cachefile.write(_this_index(settings), encoded if encoded is not None
                        else cache.encoded())
        kept = _kept_indexes(settings)
        if kept is not None:  # the very dict the resident fast path updates (resident.py)
            kept[os.path.abspath(_this_index(settings))] = cache.entries
