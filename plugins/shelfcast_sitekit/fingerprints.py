"""Fingerprints of values: equal when what a page would show of them is equal.

The page cache (shelfcast_sitekit.pagecache) and the read cache
(shelfcast_sitekit.readcache) key their entries on these. A post or a keyed plugin object
counts by its name (what a template reads of it is recorded apart); a function counts by its
code, its defaults and the constants it names (a filter in pelicanconf.py edited without
renaming it changes the key); other objects by their fields. Values are walked with an
explicit stack, never by recursion.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import re
import types
from dataclasses import dataclass, field

import jinja2.runtime
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .fileprints import fed_hasher

# Attributes that hold the whole site or the settings: the shared part covers those.
# A post's memo of its URLs (contenturls.MEMO) is what its fields give, not a field.
SKIPPED_FIELDS = frozenset({"_context", "settings", "_sitekit_urls"})
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
MISSING = object()


def digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part)
        hasher.update(b"\0")
    return hasher.digest()


def file_digest(path: str) -> bytes:
    """digest(the file's bytes), read a chunk at a time: what the page cache holds of a page
    it wrote (its entry's output, pagecache.page_marks), read back from the file."""
    hasher = fed_hasher(path, hashlib.blake2b(digest_size=16))
    hasher.update(b"\0")
    return hasher.digest()


# --- fingerprints of values -------------------------------------------------------

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
    # Asked for every value a page looks at (a million times in a cold build of 1,000 posts):
    # whether a type has a sitekit_key() is looked up once per type.
    kind = type(value)
    keyed = _KEYED_TYPES.get(kind)
    if keyed is None:
        keyed = _KEYED_TYPES[kind] = callable(getattr(kind, "sitekit_key", None))
    if not keyed or isinstance(value, type):
        return None
    return "key:" + str(value.sitekit_key())


_KEYED_TYPES: dict[type, bool] = {}


@dataclass
class _Frame:
    """One value being fingerprinted: its parts still to do, those done, how they combine."""

    value: object
    combine: object      # list of the parts' fingerprints -> the value's
    pending: list        # parts still to fingerprint, last first
    done: list = field(default_factory=list)


def _fixed(digest: bytes) -> tuple:
    return (lambda done: digest), []


# Types whose fingerprint is their name and repr (as _known's chain prints them).
_PRINTED_BY_REPR = frozenset({type(None), bool, int, float, complex, decimal.Decimal,
                              datetime.date, datetime.datetime, datetime.time,
                              datetime.timedelta})


def _kind_name(kind: type) -> bytes:
    return f"{kind.__module__}.{kind.__qualname__}".encode()


_EMPTY = {list: digest(_kind_name(list)), tuple: digest(_kind_name(tuple))}


def _leaf_kind(kind: type):
    """("tracked", name) for a post's class (its print is its file), ("named", name) for a
    tag's, section's or author's (its name), as _plan prints them; False for any other."""
    if issubclass(kind, Content):
        return "tracked", _kind_name(kind)
    if issubclass(kind, URLWrapper) and not callable(getattr(kind, "sitekit_key", None)) \
            and not callable(getattr(kind, "sitekit_fingerprint", None)):
        return "named", _kind_name(kind)
    return False


_LEAF_KINDS: dict[type, object] = {}


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
        # The exact types first: a warm build at 5,000 posts asks this about 240,000 values,
        # most of them text (1.2 against 1.3 µs a value measured). The prints are the
        # chain's below (a subclass, Markup among them, still goes there).
        kind = type(value)
        if kind is str:
            return digest(b"s", value.encode("utf-8", "surrogatepass"))
        if kind in _PRINTED_BY_REPR:
            return digest(kind.__name__.encode(), repr(value).encode())
        if (kind is list or kind is tuple) and not value:
            return _EMPTY[kind]
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        # Values with nothing inside to walk, printed as _plan would, without a frame each:
        # a post's tags, section and authors, a post named in a field (about 75,000 of the
        # values a warm build at 5,000 posts walked). Memoized like a walked value: a cold
        # build prints each post again on every listing that holds it.
        leaf = _LEAF_KINDS.get(kind)
        if leaf is None:
            leaf = _LEAF_KINDS[kind] = _leaf_kind(kind)
        if leaf is not False:
            if leaf[0] == "tracked":
                result = digest(b"tracked", leaf[1], (value.source_path or "").encode(
                    "utf-8", "surrogatepass"))
            else:
                result = digest(leaf[1], value.name.encode("utf-8", "surrogatepass"))
            self._memo[id(value)] = (value, result)
            return result
        if value is None or isinstance(value, (bool, int, float, complex, decimal.Decimal)):
            return digest(type(value).__name__.encode(), repr(value).encode())
        if isinstance(value, str):  # Markup too: what it prints is its text
            return digest(b"s", value.encode("utf-8", "surrogatepass"))
        if isinstance(value, bytes):
            return digest(b"b", value)
        if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            return digest(type(value).__name__.encode(), repr(value).encode())
        return None

    def _open(self, value) -> _Frame:
        self._memo[id(value)] = (value, digest(b"cycle", type(value).__qualname__.encode()))
        combine, parts = self._plan(value)
        return _Frame(value, combine, list(reversed(parts)))

    def _plan(self, value) -> tuple:
        """(combine, parts): the value's fingerprint is combine(the parts' fingerprints)."""
        kind = _kind_name(type(value))
        key = tracked_key(value)
        if key is not None:
            # Which post, not what it says: what a template reads of it is recorded apart.
            if self._register is not None and key.startswith("key:"):
                self._register(key, value)
            return _fixed(digest(b"tracked", kind, key.encode("utf-8", "surrogatepass")))
        own = _own(value, "sitekit_fingerprint")
        if own is not None:
            return (lambda done: digest(b"own", kind, done[0])), [own()]
        if isinstance(value, dict):
            return _dict_digest, [part for pair in value.items() for part in pair]
        if isinstance(value, (list, tuple)):
            return (lambda done: digest(kind, *done)), list(value)
        if isinstance(value, (set, frozenset)):
            return (lambda done: digest(b"set", *sorted(done))), list(value)
        if isinstance(value, types.MethodType) and tracked_key(value.__self__) is not None:
            name = value.__name__.encode()
            return (lambda done: digest(b"method", name, digest(b"whole", done[0]))), [
                _every_field(value.__self__)]
        return self._plan_object(value, kind)

    def _plan_object(self, value, kind: bytes) -> tuple:
        if isinstance(value, types.FunctionType):
            # By its code, not its name: a filter in pelicanconf.py edited in place.
            return (lambda done: digest(b"function", function_digest(value), *done)), [
                value.__defaults__, value.__kwdefaults__]
        if isinstance(value, (types.BuiltinFunctionType, types.MethodType,
                              type, types.ModuleType, jinja2.runtime.Macro)):
            name = getattr(value, "__qualname__", None) or getattr(value, "_name", "")
            return _fixed(digest(b"callable",
                                  f"{getattr(value, '__module__', '')}.{name}".encode()))
        if isinstance(value, re.Pattern):
            return _fixed(digest(b"re", value.pattern.encode() if isinstance(value.pattern, str)
                                  else value.pattern, str(value.flags).encode()))
        if isinstance(value, URLWrapper):  # a tag, category or author: its name says it all
            return _fixed(digest(kind, value.name.encode("utf-8", "surrogatepass")))
        fields = getattr(value, "__dict__", None)
        if fields is not None:
            # A leading underscore marks what an object works out when first asked (Pelican's
            # slugs, page counts): present or not, the object shows the same.
            return (lambda done: digest(kind, done[0])), [
                {k: v for k, v in fields.items() if k not in SKIPPED_FIELDS
                 and not k.startswith("_")}]
        slots = getattr(type(value), "__slots__", None)
        if slots:
            return (lambda done: digest(kind, *done)), [getattr(value, s, None) for s in slots]
        return _fixed(digest(kind, ADDRESS.sub("", repr(value)).encode("utf-8",
                                                                          "surrogatepass")))

    def whole(self, content) -> bytes:
        """A post with every field it has (its text, metadata, what plugins attached)."""
        key = ("whole", id(content))
        known = self._memo.get(key)
        if known is None:
            known = (content, digest(b"whole", self.of(_every_field(content))))
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
    return digest(b"dict", *sorted(done[i] + done[i + 1] for i in range(0, len(done), 2)))


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


def function_digest(function: types.FunctionType) -> bytes:
    """A function's name and code: its bytecode, the names and constants it uses, and the
    same of the functions and classes defined inside it. Globals it reads are settings (in
    the key themselves) or plugin code (in code_digest); a closure's cells are a build's own
    memo (the image_size filter's sizes) and are left out."""
    name = f"{function.__module__}.{function.__qualname__}".encode("utf-8", "surrogatepass")
    return digest(name, _code_digest(function.__code__))


def _code_digest(code: types.CodeType) -> bytes:
    parts, stack = [], [code]
    while stack:
        current = stack.pop()
        parts += [current.co_code, repr(current.co_names).encode(),
                  repr(current.co_varnames).encode()]
        for constant in current.co_consts:
            if isinstance(constant, types.CodeType):
                stack.append(constant)
            elif isinstance(constant, frozenset):  # `x in {...}`: its order varies by run
                parts.append(repr(sorted(map(repr, constant))).encode("utf-8", "surrogatepass"))
            else:
                parts.append(repr(constant).encode("utf-8", "surrogatepass"))
    return digest(*parts)
