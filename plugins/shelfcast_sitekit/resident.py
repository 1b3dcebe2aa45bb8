"""The resident preview's fast path (issue 26): a save of one plain post or page re-renders
only the pages that showed it, into the folder being served, without a Pelican run.

`make serve` keeps, after each full build that succeeded, what Pelican made (its generators
and their shared context, the settings, the page cache with what every page read:
`KeptBuild`). A later save whose change set is exactly one modified file that the kept build
read as a plain post or page (`plain_source`) is read again through the same readers; when
nothing but its body (and its title, where no list is ordered by titles) differs from the
kept object (`differences`), the kept object is patched in place, so every list and mapping
holding it shows the new text, and the pages that read any of its fields (`dirty_pages`,
from the page cache's recordings) and the feeds that list it are rendered again through
Pelican's generators, writer and templates, each file replaced atomically. A title edit that
changes a post's slug (so its address) is patched too when nothing else shows its address
(`moving_problems`): its page is written at the new address, the old one removed, the sitemap
written again. Anything else,
anything unexpected, any problem the reading or rendering reports: `Fallback`, and the
preview runs the full build, as before. Never a wrong page.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import jinja2
from pelican import signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.paginator import Paginator
from pelican.writers import Writer

# A plain post or page is Pelican's class as every post is given it (contenturls: it
# remembers its URLs), not a plugin's own.
from .contenturls import Article, Page
from .fingerprints import Fingerprints, tracked_key
from .pagecache import STATE_KEY as PAGE_CACHE_KEY
from .pagecache import CachedTemplate, PageCacheWriter
from .problems import problem_log
from .readcache import RESIDENT_KEY  # set by the preview: a Resident
from .readcache import STATE_KEY as READ_CACHE_KEY
from .reuse import PREVIOUS_OUTPUT_KEY
from .sitemap import sitemap_xml

if TYPE_CHECKING:
    from .handback import HandBack

SITEMAP_STATE_KEY = "SHELFCAST_BUILD"  # shelfcast_sitekit's BUILD_KEY: its .pages

# Pelican's generators whose objects the fast path patches and whose output it writes again;
# a plugin's generator (episodes, events, albums...) makes other outputs from what it reads.
PLAIN_GENERATORS = {ArticlesGenerator: Article, PagesGenerator: Page}
LISTS = {ArticlesGenerator: ("articles", "translations", "drafts", "drafts_translations",
                             "hidden_articles", "hidden_translations"),
         PagesGenerator: ("pages", "translations", "hidden_pages", "hidden_translations",
                          "draft_pages", "draft_translations")}
# What may differ between the kept object and its new reading: the body and the title (the
# fields patched; the slug made from the title too, when the post may move), and what is not
# read from the file (Pelican's context and settings, Pelican's lazily worked-out values).
# Everything else differing (a date, a slug written down, an attribute a plugin sets from the
# body, such as catalogue links) makes other outputs change: full build.
PATCHED = ("_content", "title")
NOT_READ = {"_context", "settings", "metadata", "_sitekit_urls"}  # the last: contenturls
# Set on the kept object after reading, by later steps of the build, from its front matter
# and other files, never from its body or title (shelfcast_sitekit's mark_unpublished); plugins
# declare theirs with set_after_reading.
SET_LATER = {"preview_state"}
SET_LATER_KEY = "SITEKIT_SET_AFTER_READING"  # {attribute: None, or its remake(post)}
# A plugin that changes Pelican's feeds after they are written (in `finalized`, which the fast
# path does not send: shelfcast_archive's closed-section notes) registers how, with
# finish_written_feeds; the fast path applies it to each feed it writes again.
FEED_FINISHERS_KEY = "SITEKIT_FEED_FINISHERS"


class Fallback(Exception):
    """The save needs a full build (the reason says why, for maintainers)."""


class NotTaken(Fallback):
    """A full build, refused before anything kept was changed: the kept build stays good
    (the full build may still hand its unchanged posts back, shelfcast_sitekit.handback)."""


@dataclass
class KeptBuild:
    """What a full build leaves for later saves (see the module docstring)."""

    settings: dict
    generators: list           # they hold Pelican's shared context (`.context`)
    served: str                # the output folder being served (the build's OUTPUT_PATH)
    written: frozenset         # every output file the pages' writer wrote (relative names)
    folder: str                # the working directory of the build: paths in problems and
    # the read cache's keys are relative to it
    # {output file: article} of Pelican's article pages, made at the first fast save (Pelican
    # works out each post's address on every ask; a fast save changes none)
    article_pages: dict | None = None
    # [(output file, last change)] the sitemap lists (shelfcast_sitekit's write_sitemap), or
    # None when the build wrote none: a post whose address moves needs it written again
    sitemap_pages: list | None = None
    # which pages read each post (Readers), made at the first fast save from the page cache's
    # entries, then kept up to date with them
    readers: Readers | None = None
    # {source path: (read cache key, file answers)} of the plain posts and pages whose reading
    # this build may hand back to the next one (`reads_handed_back`), and the read cache's base
    read_facts: dict = field(default_factory=dict)
    read_base: bytes | None = None


@dataclass
class Resident:
    """The preview's holder: the last full build kept (None after a failed build, or after a
    fast path that fell back until the full build after it succeeded)."""

    candidate: KeptBuild | None = None  # set while a build runs; kept when it succeeded
    kept: KeptBuild | None = None
    # Kept across full builds too (the session's process outlives them): the page cache's
    # entries of the last successful build, {index path: entries} (pagecache.start), and
    # the templates compiled, {key: (source checksum, code)} (templatecode.py).
    page_indexes: dict = field(default_factory=dict)
    templates: dict = field(default_factory=dict)
    # Set by the session for one full build after adds and removes (HandBack): the kept
    # build's unchanged plain posts and pages, handed to Pelican's generators instead of
    # reading their files again. Then what this build read and handed back (for its kept build
    # and for tests): {source path: facts}, [source paths read], [source paths handed back].
    handback: HandBack | None = None
    reading: dict = field(default_factory=dict)
    read_paths: list = field(default_factory=list)
    handed_back: list = field(default_factory=list)


@dataclass
class FastResult:
    source: str
    rendered: list = field(default_factory=list)   # output files rendered again
    written: list = field(default_factory=list)    # output files whose bytes changed


def finish_written_feeds(settings: dict, finish) -> None:
    """Register `finish(settings, feed path under output/, bytes) -> bytes`, applied to
    every feed the fast path writes (what the plugin's `finalized` step does to it)."""
    settings.setdefault(FEED_FINISHERS_KEY, []).append(finish)


def set_after_reading(settings: dict, names, remake=None) -> None:
    """Declare attributes a plugin sets on posts or pages after they are read, from their
    front matter and other files, never from their body: a save that changes only the body
    keeps them. Attributes made from the title too must come with `remake(post)`, which sets
    them again from the post's new title (after a title edit on the fast path); attributes
    made from the body cannot be declared: such a plugin keeps its posts off the fast path
    (its generator holds them, see plain_source)."""
    declared = settings.setdefault(SET_LATER_KEY, {})
    for name in names:
        declared[name] = remake


# --- pure parts -----------------------------------------------------------------------------

@dataclass
class Readers:
    """Which pages' recordings read each content object (by its tracked key): the attributes
    each page read of it, and the pages that had it whole. Made once from the page cache's
    entries (a walk of every page's recording: 8,695 at 5,000 posts) and kept up to date page
    by page as the fast path renders pages again, so a save looks up its post's readers
    instead of walking every recording."""

    fields: dict = field(default_factory=dict)   # key -> {page: {attribute}}
    wholes: dict = field(default_factory=dict)   # key -> {page}

    @classmethod
    def of(cls, entries: dict) -> Readers:
        readers = cls()
        for name, entry in entries.items():
            readers.add(name, entry)
        return readers

    def add(self, name: str, entry) -> None:
        for key, attribute in entry.fields:
            self.fields.setdefault(key, {}).setdefault(name, set()).add(attribute)
        for key in entry.wholes:
            self.wholes.setdefault(key, set()).add(name)

    def remove(self, name: str, entry) -> None:
        for key, _attribute in entry.fields:
            self.fields.get(key, {}).pop(name, None)
        for key in entry.wholes:
            self.wholes.get(key, set()).discard(name)

    def replace(self, name: str, old, new) -> None:
        """Page `name`'s recording `old` (None: it had none) became `new` (None: gone)."""
        if old is not None:
            self.remove(name, old)
        if new is not None:
            self.add(name, new)


def dirty_pages(readers: Readers, entries: dict, written, key: str, changed: set,
                whole_changed: bool) -> set:
    """Output files to render again when the post `key` changed: those whose recording read
    one of its `changed` fields, or had it handed whole to a helper when anything in it
    changed (`whole_changed`), and every page with no recording (its dependencies are
    unknown). A page that read only unchanged fields (the menu's link to an edited page)
    stays: the page cache would take it unrendered in a warm build too."""
    dirty = {name for name in written if name not in entries}
    dirty.update(name for name, attributes in readers.fields.get(key, {}).items()
                 if attributes & changed)
    if whole_changed:
        dirty.update(readers.wholes.get(key, ()))
    return dirty


def read_fields(readers: Readers, key: str) -> tuple[set, bool]:
    """The fields of the post `key` any recording read, and whether one had it whole."""
    fields = set().union(*readers.fields.get(key, {}).values())
    return fields, bool(readers.wholes.get(key))


def field_prints(item, fields: set, whole: bool) -> dict:
    """Each field's fingerprint (the page cache's), and the whole object's under None."""
    prints = Fingerprints()  # fresh: it memoizes per object, and the object changes
    found = {name: prints.field(item, name) for name in fields}
    if whole:
        found[None] = prints.whole(item)
    return found


def differences(kept: dict, new: dict, title_ok: bool, set_later: dict,
                slug_ok: bool = False) -> list[str]:
    """Names of what the new reading has that differs from the kept object's (their
    `__dict__`s; metadata compared by item), beyond what the fast path patches.
    `set_later`: the attributes set after reading (set_after_reading). `slug_ok`: the slug
    (made from the title) may differ too (a post whose address moves, see moving_problems)."""
    allowed = {"_content"} | ({"title"} if title_ok else set()) \
        | ({"slug"} if title_ok and slug_ok else set())
    found = []
    later = SET_LATER | set(set_later)
    for name in sorted(set(new) | (set(kept) - later)):
        if name in NOT_READ or name in allowed:
            continue
        if name not in new or name not in kept or not _same(kept[name], new[name]):
            found.append(name)
    kept_meta, new_meta = kept.get("metadata") or {}, new.get("metadata") or {}
    for name in sorted(set(kept_meta) | set(new_meta)):
        if name == "title" and title_ok:
            continue
        if name not in kept_meta or name not in new_meta \
                or not _same(kept_meta[name], new_meta[name]):
            found.append(f"metadata:{name}")
    return found


def _same(a, b) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # a value that cannot compare: not known to be the same
        return False


def title_order_free(settings: dict) -> bool:
    """Whether no list Pelican sorts orders by title (a title edit keeps every order):
    Pelican orders by 'basename' or by an attribute ('date', 'reversed-date'); one other
    than the title did not change (the metadata are compared). A function may read it."""
    for name in ("ARTICLE_ORDER_BY", "PAGE_ORDER_BY"):
        order = settings.get(name)
        if not isinstance(order, str) or order.removeprefix("reversed-") == "title":
            return False
    return True


def slug_order_free(settings: dict) -> bool:
    """Whether no list Pelican sorts orders by slug (a slug change keeps every order)."""
    return title_order_free(settings) and all(
        settings.get(name).removeprefix("reversed-") != "slug"
        for name in ("ARTICLE_ORDER_BY", "PAGE_ORDER_BY"))


def moving_problems(old_page: str, new_page: str, new_slug: str, written, served_kind,
                    others_slugs, linked_from_others: bool, item_facts: dict) -> list[str]:
    """Why a post whose title edit moves its page from `old_page` to `new_page` cannot take
    the fast path (empty: it can). `written`: every file the kept build's pages writer wrote;
    `served_kind(relative name)`: "folder", "file" (anything else there) or None, in the
    served folder (any output: a plugin's, a redirect, Pagefind's); `others_slugs`: the
    slugs of every other post and page (translations are linked by slug);
    `item_facts`: what else keeps the post put."""
    found = [reason for reason, bad in item_facts.items() if bad]
    if old_page == new_page:
        found.append("its page stays where it is (its address is set in the front matter)")
    if old_page not in written:
        found.append(f"{old_page} is not a page the build wrote")
    if new_page in written or served_kind(new_page) is not None:
        found.append(f"{new_page} is already an output")
    parts = new_page.split("/")
    if any(served_kind("/".join(parts[:n])) not in (None, "folder")
           for n in range(1, len(parts))):
        found.append(f"a folder of {new_page} is a file")
    if new_slug in others_slugs:
        found.append("another post or page has the new slug")
    if linked_from_others:
        found.append("another post or page may link to it by its file")
    return found


# --- wired to Pelican -----------------------------------------------------------------------

def keep_candidate(pelican, generators) -> None:
    """Called by the build after its Pelican steps: keep them if the preview asked."""
    resident = pelican.settings.get(RESIDENT_KEY)
    if not isinstance(resident, Resident):
        return
    cache = pelican.settings.get(PAGE_CACHE_KEY)
    if cache is None:  # no recordings: every save is a full build
        resident.candidate = None
        return
    read = pelican.settings.get(READ_CACHE_KEY)
    resident.candidate = KeptBuild(pelican.settings, generators,
                                   pelican.settings.get(PREVIOUS_OUTPUT_KEY) or "",
                                   frozenset(cache.written), os.getcwd(),
                                   sitemap_pages=_sitemap_pages(pelican),
                                   read_facts=dict(resident.reading),
                                   read_base=read.base if read is not None else None)


def _sitemap_pages(pelican):
    """What write_sitemap listed (relative to the output folder it wrote), or None."""
    state = pelican.settings.get(SITEMAP_STATE_KEY)
    if state is None or not os.path.isfile(os.path.join(pelican.output_path, "sitemap.xml")):
        return None
    return [(os.path.relpath(path, pelican.output_path).replace(os.sep, "/"), changed)
            for path, changed in state.pages]


def plain_source(kept: KeptBuild, path: str):
    """(generator, the kept object) for a file the kept build read as a plain post or page;
    NotTaken for any other file (or one read twice, or held by a plugin's generator): nothing
    is read or changed before, so the full build may still hand the other posts back."""
    path = os.path.abspath(path)
    found = []
    for generator in kept.generators:
        for name in LISTS.get(type(generator), ()):
            for item in getattr(generator, name, ()):
                if getattr(item, "source_path", None) == path:
                    found.append((generator, item))
    if len(found) != 1:
        raise NotTaken(f"{path}: read {len(found)} times as a plain post or page")
    generator, item = found[0]
    if type(item) is not PLAIN_GENERATORS[type(generator)]:
        raise NotTaken(f"{path}: a {type(item).__name__}, not a plain post or page")
    for other in kept.generators:
        if type(other) not in PLAIN_GENERATORS and _holds(other, item, path):
            raise NotTaken(f"{path}: also used by {type(other).__name__}")
    return generator, item


def _holds(generator, item, path: str) -> bool:
    """Whether a plugin's generator keeps the object (or its file) in what it built."""
    def held(value, depth: int) -> bool:
        if value is item or getattr(value, "source_path", None) == path:
            return True
        if depth == 0:
            return False
        values = value.values() if isinstance(value, dict) else value
        return isinstance(values, (list, tuple, set, frozenset, type({}.values()))) \
            and any(held(member, depth - 1) for member in values)

    # Three levels: a list of (post, its pages) pairs, say (shelfcast_comments' discussions).
    return any(held(value, 3) for name, value in vars(generator).items()
               if name not in ("context", "settings"))


def read_again(kept: KeptBuild, generator, item):
    """The file read again as the build reads it: the generator's readers, its context."""
    settings = kept.settings
    article = type(generator) is ArticlesGenerator
    cache = settings.get(PAGE_CACHE_KEY)
    key = tracked_key(item)
    was_doubled = key in cache.doubled
    log = problem_log(settings)
    before = len(log.problems)
    try:
        new = generator.readers.read_file(
            base_path=generator.path, path=os.path.relpath(item.source_path, generator.path),
            content_class=PLAIN_GENERATORS[type(generator)], context=generator.context,
            preread_signal=(signals.article_generator_preread if article
                            else signals.page_generator_preread),
            preread_sender=generator,
            context_signal=(signals.article_generator_context if article
                            else signals.page_generator_context),
            context_sender=generator)
    except Exception as err:
        raise Fallback(f"reading failed: {err}") from err
    finally:
        # The new reading registered itself with the page cache (remember_content): the kept
        # object stays the one the recordings name.
        cache.contents[key] = item
        if not was_doubled:
            cache.doubled.discard(key)
    if len(log.problems) != before:
        del log.problems[before:]
        raise Fallback("the reading reported problems")
    new.refresh_metadata_intersite_links()
    return new


def patch(item, new, set_later: dict) -> None:
    """The new body, title and slug into the kept object, its memoized HTML forgotten, what
    plugins made from its title made again."""
    title_changed = item.title != new.title
    item._content = new._content
    item.title = new.title
    item.metadata["title"] = new.metadata.get("title")
    item.slug = new.slug  # made from the title: its url and save_as follow (properties)
    if title_changed:
        for remake in {id(r): r for n, r in set_later.items()
                       if r is not None and hasattr(item, n)}.values():
            remake(item)
    for name in ("get_content", "get_summary"):
        memo = Content.__dict__[name].cache
        for arguments in [a for a in memo if a and a[0] is item]:
            del memo[arguments]


class FastWriter(PageCacheWriter):
    """Pelican's writer (with the page cache) that renders only the pages asked for and the
    feeds listing the edited object, and replaces each file atomically; the other pages
    Pelican's generators write are skipped before they render."""

    def __init__(self, output_path, settings, pages: set, item):
        super().__init__(output_path, settings=settings)
        self.pages, self.item = pages, item
        self.rendered: list = []
        self.changed: list = []
        self._feeds: set = set()

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        shown = elements[: self.settings["FEED_MAX_ITEMS"]]
        if path and any(element is self.item for element in shown):
            self._feeds.add(os.path.abspath(os.path.join(self.output_path, path)))
            return super().write_feed(elements, context, path, *args, **kwargs)
        return None

    def write_file(self, name, template, context, *args, **kwargs):
        if not name or not self.pages.intersection(listing_files(
                self.settings, name, kwargs.get("url"), _paginated(kwargs),
                kwargs.get("template_name"))):
            return None  # no page of it asked for: not even made ready to render
        cache = self.settings.get(PAGE_CACHE_KEY)
        if cache is not None and isinstance(template, jinja2.Template):
            template = CachedTemplate(template, cache)
        return Writer.write_file(self, name, _Selective(template, self), context, *args,
                                 **kwargs)

    def _open_w(self, filename, encoding, override=False):
        relative = os.path.relpath(filename, self.output_path).replace(os.sep, "/")
        if relative in self.pages or os.path.abspath(filename) in self._feeds:
            finishers = self.settings.get(FEED_FINISHERS_KEY) or [] \
                if relative not in self.pages else []
            return _AtomicFile(filename, self.changed, relative,
                               [functools.partial(finish, self.settings, relative)
                                for finish in finishers])
        return io.StringIO()  # a page not asked for: rendered as "" and dropped


def _paginated(kwargs: dict):
    """The list Pelican's writer paginates a write by (Writer.write_file's choice), or None."""
    paginated = kwargs.get("paginated")
    if paginated is None:
        paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
    return next(iter(paginated.values()), None) if paginated else None


def listing_files(settings: dict, name: str, url, items, template_name) -> list[str]:
    """The output files Pelican's writer writes for one write of `name`: its pages, named as
    Writer.write_file names them (Pelican's Paginator; a page's name depends only on `name`,
    `url`, its number and the settings), or `name` alone when it is not paginated."""
    paginated_templates = settings.get("PAGINATED_TEMPLATES") or {}
    if items is None or template_name not in paginated_templates:
        return [name]
    per_page = paginated_templates[template_name] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(name, url, items, settings, per_page)
    return [paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)]


class _Selective:
    def __init__(self, template, writer: FastWriter):
        self._template, self._writer = template, writer

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, context) -> str:
        name = context.get("output_file")
        if name not in self._writer.pages:
            return ""
        self._writer.rendered.append(name)
        return self._template.render(context)


class _AtomicFile(io.StringIO):
    """Text kept in memory, then written beside the file and put in its place (os.replace):
    the browser never reads half a page. A file whose bytes did not change is left alone."""

    def __init__(self, path: str, changed: list, relative: str, finishers=()):
        super().__init__()
        self._path, self._changed, self._relative = path, changed, relative
        self._finishers = finishers

    def close(self):
        if not self.closed:
            data = self.getvalue().encode("utf-8")
            super().close()
            for finish in self._finishers:
                data = finish(data)
            if replace_if_different(self._path, data):
                self._changed.append(self._relative)


def replace_if_different(path: str, data: bytes) -> bool:
    """Put data at path unless the file there holds it already: written beside it and moved
    into its place (os.replace), so a reader never sees half a file. True when written."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except OSError:
        pass
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".fast-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


ARTICLE_PAGE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")


def _write_articles(kept: KeptBuild, generator, writer, pages: set) -> None:
    """The articles generator's output, its loop over every post's page (generate_articles,
    which works out each post's address: most of a fast save at 1,000 posts) given only the
    posts whose pages are to be written; its feeds and lists as they are."""
    if kept.article_pages is None:
        kept.article_pages = {item.save_as: item for name in ARTICLE_PAGE_LISTS
                              for item in getattr(generator, name)}
    wanted = {id(kept.article_pages[name]) for name in pages if name in kept.article_pages}
    lists = {name: getattr(generator, name) for name in ARTICLE_PAGE_LISTS}

    def generate_articles(write):
        try:
            for name, items in lists.items():
                setattr(generator, name, [item for item in items if id(item) in wanted])
            type(generator).generate_articles(generator, write)
        finally:
            for name, items in lists.items():
                setattr(generator, name, items)

    # Pelican's loops over every tag, section and author build each one's list of posts by
    # date (a scan of every post per listing: 2 s of a 2.9 s fast save at 5,000 posts) before
    # the writer is asked; they are given only the listings with a page to write (for their
    # pages only: the feeds, written from the same mappings, are all offered to the writer).
    # The context the templates read keeps the whole listings (Pelican put copies there).
    # The generator's own method: the build's one-pass lists (shelfcast_sitekit.postlists,
    # set on the instance) where it has them, Pelican's otherwise.
    own = {method: getattr(generator, method)
           for method in ("generate_tags", "generate_categories", "generate_authors")}

    def only_wanted(method: str, name: str, template: str):
        def generate(write):
            listing = getattr(generator, name)
            pairs = listing.items() if isinstance(listing, dict) else listing
            wanted_pairs = [(each, items) for each, items in pairs if pages.intersection(
                listing_files(kept.settings, each.save_as, each.url, items, template))]
            setattr(generator, name, dict(wanted_pairs) if isinstance(listing, dict)
                    else wanted_pairs)
            try:
                own[method](write)
            finally:
                setattr(generator, name, listing)
        return generate

    wrapped = {"generate_articles": generate_articles,
               "generate_tags": only_wanted("generate_tags", "tags", "tag"),
               "generate_categories": only_wanted("generate_categories", "categories",
                                                  "category"),
               "generate_authors": only_wanted("generate_authors", "authors", "author")}
    kept_on_instance = {m: vars(generator)[m] for m in wrapped if m in vars(generator)}
    for method, function in wrapped.items():
        setattr(generator, method, function)  # for this call only
    try:
        generator.generate_output(writer)
    finally:
        for method in wrapped:
            delattr(generator, method)
        vars(generator).update(kept_on_instance)


def apply_save(kept: KeptBuild, path: str) -> FastResult:
    """Bring the served folder up to date with one saved file, or raise Fallback (then the
    kept build may be patched half-way: the caller drops it and runs a full build)."""
    path = os.path.abspath(path)
    with contextlib.chdir(kept.folder):
        return _apply_save(kept, path)


def _apply_save(kept: KeptBuild, path: str) -> FastResult:
    settings = kept.settings
    if not os.path.isdir(kept.served):
        raise Fallback("the served folder is gone")
    generator, item = plain_source(kept, path)
    new = read_again(kept, generator, item)
    title_ok = title_order_free(settings)
    set_later = settings.get(SET_LATER_KEY) or {}
    moves = new.slug != item.slug
    found = differences(vars(item), vars(new), title_ok, set_later,
                        slug_ok=moves and slug_order_free(settings))
    if found:
        raise Fallback(f"more than the body changed: {', '.join(found)}")
    if sorted(new.get_static_links()) != sorted(item.get_static_links()):
        raise Fallback("the body links other static files")
    old_page = new_page = None
    if moves:
        old_page, new_page = _check_move(kept, generator, item, new)
    cache = settings[PAGE_CACHE_KEY]
    key = tracked_key(item)
    if kept.readers is None:
        kept.readers = Readers.of(cache.entries)
    fields, whole = read_fields(kept.readers, key)
    before = field_prints(item, fields, whole)
    patch(item, new, set_later)
    after = field_prints(item, fields, whole)
    changed = {name for name in fields if before[name] != after[name]}
    pages = dirty_pages(kept.readers, cache.entries, kept.written, key, changed,
                        whole and before[None] != after[None])
    if moves:
        pages = (pages - {old_page}) | {new_page}
        kept.readers.replace(old_page, cache.entries.pop(old_page, None), None)
        del kept.article_pages[old_page]
        kept.article_pages[new_page] = item
    # The page cache as for a warm build from the kept one: the served files are its output;
    # fingerprints start afresh (they are memoized per object, and the object changed). The
    # pages to render have no previous entry: a field they read changed, so checking their
    # recorded inputs again (every post's fields, for the archive: 0.8 s of a title save at
    # 5,000 posts) could only find that out again.
    old_entries = {name: cache.entries.pop(name, None) for name in pages}
    cache.previous = dict(cache.entries)
    cache.start_pass()
    settings["OUTPUT_PATH"] = kept.served
    log = problem_log(settings)
    errors = len(log.errors())
    writer = FastWriter(kept.served, settings, pages, item)
    for each in kept.generators:
        if type(each) is ArticlesGenerator:
            _write_articles(kept, each, writer, pages)
        elif type(each) in PLAIN_GENERATORS:
            each.generate_output(writer)
    for name in pages:  # their recordings are new (the kept build is dropped on Fallback)
        kept.readers.replace(name, old_entries[name], cache.entries.get(name))
    if len(log.errors()) != errors:
        raise Fallback("rendering reported errors")
    missing = pages - set(writer.rendered)
    if missing:
        raise Fallback(f"pages no plain generator writes: {sorted(missing)[:3]}")
    if moves:
        _finish_move(kept, old_page, new_page, item, writer.changed)
    return FastResult(path, sorted(writer.rendered), sorted(writer.changed))


def _check_move(kept: KeptBuild, generator, item, new) -> tuple[str, str]:
    """(old page, new page) of a post whose title edit changes its slug, or Fallback when
    its move cannot be done here (moving_problems); builds kept.article_pages."""
    if type(generator) is not ArticlesGenerator:
        raise Fallback("a page's slug changed")
    if kept.article_pages is None:
        kept.article_pages = {each.save_as: each for name in ARTICLE_PAGE_LISTS
                              for each in getattr(generator, name)}
    old_page, new_page = item.save_as, new.save_as
    others = [each for g in kept.generators if type(g) in PLAIN_GENERATORS
              for name in LISTS[type(g)] for each in getattr(g, name, ())
              if each is not item]
    # A body linking to it by its file ({filename}...) shows its address: not recorded as a
    # read of it, so any body naming its file (a plugin's content too) means the full build.
    basename = os.path.basename(item.source_path)
    linked = any(basename in body for body in _other_bodies(kept, item))
    facts = {
        "not a published post": not any(each is item for each in generator.articles)
        or getattr(item, "status", "published") != "published",
        "it has translations": bool(getattr(item, "translations", None)),
        "it has aliases (redirects to its address)": bool(getattr(item, "aliases", None)),
        "it has catalogue links (catalogue-links.csv lists its address)":
            bool(getattr(item, "catalogue_items", None)),
        "the build wrote no sitemap": kept.sitemap_pages is None,
        "its address is set in the front matter": new.url == item.url,
    }
    found = moving_problems(
        old_page, new_page, new.slug, kept.written,
        functools.partial(_served_kind, kept.served),
        {getattr(each, "slug", None) for each in others}, linked, facts)
    if found:
        raise Fallback(f"its address moves: {'; '.join(found)}")
    return old_page, new_page


def _other_bodies(kept: KeptBuild, item):
    """The HTML of the body and summary of every content object the kept generators hold
    but `item`."""
    seen = set()

    def walk(value, depth: int):
        if isinstance(value, Content):
            if value is not item and id(value) not in seen:
                seen.add(id(value))
                yield getattr(value, "_content", "") or ""
                yield str(getattr(value, "_summary", "") or "")  # links resolved as the body's
        elif depth and isinstance(value, (list, tuple, set, frozenset, dict)):
            for member in (value.values() if isinstance(value, dict) else value):
                yield from walk(member, depth - 1)

    for generator in kept.generators:
        for name, value in vars(generator).items():
            if name not in ("context", "settings"):
                yield from walk(value, 3)


def _served_kind(served: str, name: str) -> str | None:
    path = os.path.join(served, name)
    if not os.path.lexists(path):
        return None
    return "folder" if os.path.isdir(path) and not os.path.islink(path) else "file"


def _finish_move(kept: KeptBuild, old_page: str, new_page: str, item, changed: list) -> None:
    """The old page gone from the served folder (and its emptied folders), the sitemap
    listing the new address, what the kept build knows of its outputs brought up to date."""
    old_path = os.path.join(kept.served, old_page)
    os.unlink(old_path)
    changed.append(old_page)
    folder = os.path.dirname(old_path)
    while os.path.normpath(folder) != os.path.normpath(kept.served) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
    kept.written = (kept.written - {old_page}) | {new_page}
    stamp = getattr(item, "modified", None) or getattr(item, "date", None)
    kept.sitemap_pages = [page for page in kept.sitemap_pages if page[0] != old_page] \
        + [(new_page, stamp)]
    settings = kept.settings
    pages = [page for page in kept.sitemap_pages
             if os.path.basename(page[0]) not in settings.get("SITEMAP_EXCLUDE", ("404.html",))]
    sitemap = _AtomicFile(os.path.join(kept.served, "sitemap.xml"), changed, "sitemap.xml")
    sitemap.write(sitemap_xml(settings["SITE_ABSOLUTE_URL"], pages))
    sitemap.close()
