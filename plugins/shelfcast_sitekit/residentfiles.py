"""The resident preview's fast path for files added or removed (issue 26, "A new episode
without a full build" in docs/speed.md): a plugin's generator that alone reads the files
(the podcast's episodes and their audio) declares the change (`resident_change`), and the
pages to render again are decided from the page cache's recordings, as for an edit.

The generic part, here: the pages whose recording read a field that changed of the objects
the plugin names (a show's `episodes`), any field of a removed object, a site-wide name whose
value changed, a file or folder the change touched (a declared read); the plugin's own pages
that are new, gone, or whose own names (what Pelican's writer is handed for each: a show
page's `episodes`) changed, found by running the plugin's page writes twice, before and
after the change, through a writer that only fingerprints what each page's recording names.
The plugin's other outputs (a feed, chapters, copied audio, pictures) are written into the
served folder, each only when its bytes differ (`InPlace`), its outputs that are gone are
removed, the pages are rendered through Pelican's generators and writer (`FastWriter`, into
the served folder, each file atomically), and the sitemap follows. Anything the generic part
or the plugin cannot prove equal to a cold build: `Fallback`, a full build.

The plugin's part (`resident_change(added, removed)` on its generator) returns a
`FileChange`, or None when the files are not its own; it raises NotTaken (before changing
anything) or Fallback itself for any file it cannot take. A file saved again that the edit's
fast path does not take (an episode) comes here as removed and added at once: the old
reading out, the file read again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from pelican.generators import ArticlesGenerator, StaticGenerator

from .fileprints import file_prints
from .fingerprints import MISSING, Fingerprints, digest, tracked_key
from .pagecache import STATE_KEY as PAGE_CACHE_KEY
from .pictures import STRIP_ERRORS, is_stripped, published_bytes
from .problems import problem_log
from .readcache import VOLATILE_KEYS
from .resident import (
    PLAIN_GENERATORS,
    SITEMAP_STATE_KEY,
    Fallback,
    FastResult,
    FastWriter,
    KeptBuild,
    NotTaken,
    Readers,
    _other_bodies,
    _served_kind,
    _write_articles,
    dirty_pages,
    field_prints,
    read_fields,
    replace_if_different,
)
from .reuse import same_bytes
from .sitemap import sitemap_xml
from .writeguard import checked_path


@dataclass
class FileChange:
    """What a plugin's generator declares for files added and removed that it alone reads.

    `touched`: the keyed objects (`sitekit_key`) whose fields the change may alter (a show);
    `removed`: the content objects the change takes away; `apply()` makes the change in the
    kept objects (reading the new files through the plugin's own code, in the order a cold
    build puts them) and returns the content objects added; `write_pages(writer)` hands every
    page of the plugin to a Pelican writer, as its `generate_output` does; `write_files(put)`
    writes its other outputs through `put` (an `InPlace`); `outputs()` names those outputs
    (paths under the site root) as the kept objects stand."""

    generator: object
    touched: list
    removed: list
    apply: Callable[[], list]
    write_pages: Callable[[object], None]
    write_files: Callable[[InPlace], None]
    outputs: Callable[[], set]


class InPlace:
    """Writes a plugin's outputs into the served folder, each file only when it differs
    (bytes; a copy by reuse.same_bytes, as publish_file reuses one: after a fresh checkout
    the served copies keep their older times, and comparing times alone copied every
    episode's audio again at the first save of an episode, 3.6 s at the bench's 500
    episodes), each atomically. `prints`: the kept build's FilePrints."""

    def __init__(self, served: str, prints):
        self.served = served
        self.prints = prints
        self.changed: list = []

    def path(self, relative: str) -> str:
        # A plugin's output name comes from content (a slug, an audio file's name): it must
        # stay inside the served folder, as the cold build's writer requires of a page.
        checked_path(self.served, relative)
        return os.path.join(self.served, relative)

    def bytes(self, relative: str, data: bytes) -> None:
        target = self.path(relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if replace_if_different(target, _published(relative, data)):
            self.changed.append(relative)

    def copy(self, relative: str, source: str) -> None:
        if is_stripped(relative):  # served as a build publishes it: without personal metadata
            with open(source, "rb") as handle:
                self.bytes(relative, handle.read())
            return
        target = self.path(relative)
        if same_bytes(source, target, self.prints):
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".fast-")
        os.close(handle)
        try:
            shutil.copy2(source, temporary)
            os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        self.changed.append(relative)

    def remove(self, relative: str) -> None:
        target = self.path(relative)
        if not os.path.lexists(target):
            return
        os.unlink(target)
        self.changed.append(relative)
        folder = os.path.dirname(target)
        while os.path.normpath(folder) != os.path.normpath(self.served) \
                and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def _published(relative: str, data: bytes) -> bytes:
    """A picture without the personal metadata a build's strip pass removes (pictures.py);
    one it would refuse: Fallback, so the full build reports it."""
    try:
        return published_bytes(relative, data)
    except STRIP_ERRORS as err:
        raise Fallback(f"{relative}: its metadata could not be removed ({err})") from err


class _PrintingWriter:
    """Takes a generator's page writes and keeps, for each page, the fingerprint of what its
    recording named (None: no recording), from what Pelican's writer would give the page:
    the shared context updated by the write's own names. Renders and writes nothing."""

    def __init__(self, entries: dict):
        self.entries = entries
        self.prints = Fingerprints()
        self.named: dict = {}  # (name, id(value)) -> (value, its part of the fingerprint)
        self.found: dict = {}

    def write_feed(self, *args, **kwargs):
        return None

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if paginated is not None or not name:
            raise Fallback(f"{name}: a paginated page of a plugin")
        entry = self.entries.get(name)
        if entry is None:
            self.found[name] = None
            return
        globals_ = getattr(getattr(template, "environment", None), "globals", {})
        parts = []
        for looked_up in entry.names:
            if looked_up in VOLATILE_KEYS:
                continue
            value = kwargs.get(looked_up, MISSING)
            if value is MISSING:
                value = context.get(looked_up, MISSING)
            if value is MISSING:
                value = globals_.get(looked_up, MISSING)
            # Most names hold the same object on every page (settings, site-wide lists): once.
            known = self.named.get((looked_up, id(value)))
            if known is None:
                known = self.named[(looked_up, id(value))] = (value, looked_up.encode(
                    "utf-8", "surrogatepass") + (self.prints.of(value) if value is not MISSING
                                                 else b"-missing"))
            parts.append(known[1])
        self.found[name] = digest(*parts)


def page_prints(change: FileChange, entries: dict) -> dict:
    writer = _PrintingWriter(entries)
    change.write_pages(writer)
    return writer.found


def name_prints(context: dict, names) -> dict:
    prints = Fingerprints()
    return {name: prints.of(context[name]) for name in names}


def touched_reads(entries: dict, paths: set, outputs: set, folder: str) -> set:
    """Pages that declared a read (note_read) of a file, folder or output the change touched:
    `paths` absolute content paths added or removed, `outputs` output files written or
    removed (relative). Few pages declare reads: a walk of the entries finds them."""
    pages = set()
    folders = {os.path.dirname(path) for path in paths}
    for page, entry in entries.items():
        for source, argument in entry.reads:
            if source == "output":
                hit = argument in outputs
            else:
                where = os.path.abspath(os.path.join(folder, argument))
                if source == "file":
                    hit = where in paths
                elif source == "names":
                    hit = where in folders
                else:  # a folder: any file under it
                    hit = any(path.startswith(where.rstrip(os.sep) + os.sep) for path in paths)
            if hit:
                pages.add(page)
                break
    return pages


def apply_files(kept: KeptBuild, added: set, removed: set) -> FastResult:
    """Bring the served folder up to date with files added and removed, or raise Fallback
    (then the kept build may be changed half-way: the caller drops it for a full build)."""
    added = {os.path.abspath(path) for path in added}
    removed = {os.path.abspath(path) for path in removed}
    with contextlib.chdir(kept.folder):
        return _apply_files(kept, added, removed)


def _apply_files(kept: KeptBuild, added: set, removed: set) -> FastResult:
    settings = kept.settings
    if not os.path.isdir(kept.served):
        raise NotTaken("the served folder is gone")
    changes = [change for generator in kept.generators
               if callable(getattr(generator, "resident_change", None))
               for change in [generator.resident_change(added, removed)]
               if change is not None]
    if len(changes) != 1:
        raise NotTaken(f"{len(changes)} generators take the files added and removed")
    change = changes[0]
    cache = settings[PAGE_CACHE_KEY]
    if kept.readers is None:
        kept.readers = Readers.of(cache.entries)
    readers = kept.readers
    context = change.generator.context
    touched = {tracked_key(item): item for item in change.touched}
    if None in touched:
        raise NotTaken("a changed object has no key")
    read = {key: read_fields(readers, key) for key in touched}
    fields_before = {key: field_prints(item, *read[key]) for key, item in touched.items()}
    # The shared names any page looked up (a union in C over the entries' interned tuples:
    # milliseconds; an index kept page by page cost 0.5 s at the first save after a build).
    names = [name for name in set().union(*(entry.names for entry in cache.entries.values()))
             if name in context and name not in VOLATILE_KEYS]
    names_before = name_prints(context, names)
    pages_before = page_prints(change, cache.entries)
    outputs_before = change.outputs()

    for item in change.removed:
        # Outputs that only a full build's later steps write (finalized) list it.
        if getattr(item, "catalogue_items", None) or getattr(item, "aliases", None) \
                or getattr(item, "local_video", None) is not None:
            raise NotTaken("a removed file had catalogue links, aliases or a local video")
        # A post naming its file ({filename}) shows its address: the link would break, which
        # a cold build reports (no recorded read says so).
        name = os.path.basename(item.source_path)
        if any(name in body for body in _other_bodies(kept, item)):
            raise NotTaken(f"{name}: another post or page names it")

    log = problem_log(settings)
    count = len(log.problems)
    added_items = change.apply()
    for item in change.removed:
        cache.contents.pop(tracked_key(item), None)
    for item in added_items:  # a file read again registered beside its old reading
        cache.doubled.discard(tracked_key(item))
        cache.register(tracked_key(item), item)
    if len(log.problems) != count:
        del log.problems[count:]
        raise Fallback("reading the new files reported problems")

    # The pages to render again, from the recordings.
    pages = set()
    for key, item in touched.items():
        fields, whole = read[key]
        after = field_prints(item, fields, whole)
        before = fields_before[key]
        pages |= dirty_pages(readers, cache.entries, kept.written, key,
                             {name for name in fields if before[name] != after[name]},
                             whole and before[None] != after[None])
    for item in change.removed:
        key = tracked_key(item)
        pages |= set(readers.fields.get(key, {})) | readers.wholes.get(key, set())
    names_after = name_prints(context, names)
    changed_names = {name for name in names if names_before[name] != names_after[name]}
    if changed_names:
        pages |= {page for page, entry in cache.entries.items()
                  if changed_names.intersection(entry.names)}
    pages_after = page_prints(change, cache.entries)
    new_pages = pages_after.keys() - pages_before.keys()
    gone_pages = pages_before.keys() - pages_after.keys()
    pages |= {name for name, found in pages_after.items()
              if found is None or found != pages_before.get(name)}
    pages -= gone_pages
    for name in new_pages:
        if name in kept.written or _served_kind(kept.served, name) is not None:
            raise Fallback(f"{name} is already an output")
    if not gone_pages <= kept.written:
        raise Fallback("a page to remove is not one the build wrote")
    outputs_after = change.outputs()
    gone_files = outputs_before - outputs_after - pages_after.keys()
    statics = {getattr(each, "save_as", None) for generator in kept.generators
               if isinstance(generator, StaticGenerator) for each in generator.staticfiles}
    if (gone_files | gone_pages) & statics or (outputs_after - outputs_before) & kept.written:
        raise Fallback("an output of the change is another generator's")
    for item in added_items:
        # Outputs that only a full build's later steps write (finalized): kept off this path.
        if getattr(item, "local_video", None) is not None:
            raise Fallback("a new file has a local video")
        if getattr(item, "catalogue_items", None) or getattr(item, "aliases", None):
            raise Fallback("a new file has catalogue links or aliases")

    # The plugin's files first: a page may read one (an episode's cover, by its size).
    put = InPlace(kept.served, file_prints(settings))
    change.write_files(put)
    for name in sorted(gone_files | gone_pages):
        put.remove(name)
    pages |= touched_reads(cache.entries, added | removed, set(put.changed), kept.folder)
    pages -= gone_pages

    old_entries = {name: cache.entries.pop(name, None) for name in pages | gone_pages}
    cache.previous = dict(cache.entries)
    cache.start_pass()
    settings["OUTPUT_PATH"] = kept.served
    errors = len(log.errors())
    state = settings.get(SITEMAP_STATE_KEY)
    mark = len(state.pages) if state is not None else 0
    writer = FastWriter(kept.served, settings, pages, None)
    others = pages - pages_after.keys()
    for generator in kept.generators:
        if generator is change.generator:
            change.write_pages(writer)
        elif others and type(generator) is ArticlesGenerator:
            _write_articles(kept, generator, writer, others)
        elif others and type(generator) in PLAIN_GENERATORS:
            generator.generate_output(writer)
    for name in pages | gone_pages:
        readers.replace(name, old_entries[name], cache.entries.get(name))
    if len(log.errors()) != errors:
        raise Fallback("rendering reported errors")
    missing = pages - set(writer.rendered)
    if missing:
        raise Fallback(f"pages no generator here writes: {sorted(missing)[:3]}")
    kept.written = (kept.written - gone_pages) | new_pages
    changed = writer.changed + put.changed
    recorded = {}
    for path, stamp in (state.pages[mark:] if state is not None else ()):
        recorded[os.path.relpath(path, kept.served).replace(os.sep, "/")] = stamp
    listed = {page[0]: page[1] for page in kept.sitemap_pages or ()}
    if kept.sitemap_pages is not None and (new_pages or gone_pages or any(
            listed[name] != recorded[name] for name in pages
            if name in listed and name in recorded)):
        # New pages with the stamp record_page gave them, gone ones out, a page rendered
        # again with its item's new date (an edited episode) restamped.
        kept.sitemap_pages = [(name, recorded.get(name, stamp) if name in pages else stamp)
                              for name, stamp in kept.sitemap_pages
                              if name not in gone_pages] \
            + [(name, recorded[name]) for name in sorted(new_pages) if name in recorded]
        listed = [page for page in kept.sitemap_pages if os.path.basename(page[0])
                  not in settings.get("SITEMAP_EXCLUDE", ("404.html",))]
        sitemap = os.path.join(kept.served, "sitemap.xml")
        if replace_if_different(sitemap, sitemap_xml(settings["SITE_ABSOLUTE_URL"],
                                                     listed).encode("utf-8")):
            changed.append("sitemap.xml")
    source = sorted(added | removed, key=lambda path: (not path.endswith(".md"), path))[0]
    return FastResult(source, sorted(writer.rendered), sorted(set(changed)))
