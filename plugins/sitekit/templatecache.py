"""Compiled theme templates kept between builds (Jinja compiled every template on every build:
about a second at 1,000 posts).

Jinja's own FileSystemBytecodeCache finds an entry by template name and file and uses it only
while the template's source is the same, so an edited template is compiled again. What the
compiled code also depends on is how the environment is set up (autoescape, the tag syntax,
extensions, and which filters and tests take the context), and Jinja's key leaves that out:
here a digest of it goes into the key, so that a changed JINJA_ENVIRONMENT, JINJA_FILTERS or
plugin never runs code compiled for another setup.
"""

from __future__ import annotations

import hashlib
import os

import jinja2
from jinja2 import FileSystemBytecodeCache

FOLDER = "sitekit-templates"
# The Environment options the compiler reads.
COMPILE_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string",
                   "variable_end_string", "comment_start_string", "comment_end_string",
                   "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                   "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                   "is_async", "autoescape", "finalize")


def _named(value) -> str:
    """A function or option by name (and how Jinja passes it arguments), never by address."""
    if callable(value):
        name = getattr(value, "__qualname__", None) or type(value).__qualname__
        return f"{getattr(value, '__module__', '')}.{name}:{getattr(value, 'jinja_pass_arg', '')}"
    return repr(value)


def environment_digest(env: jinja2.Environment) -> str:
    parts = [jinja2.__version__]
    parts += [f"{name}={_named(getattr(env, name, None))}" for name in COMPILE_OPTIONS]
    parts += sorted(f"extension {name}" for name in env.extensions)
    for kind, functions in (("filter", env.filters), ("test", env.tests)):
        parts += sorted(f"{kind} {name}={_named(f)}" for name, f in functions.items())
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder, with the environment's setup in each key."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{environment_digest(environment)}|{name}",
                                  filename, source)


def template_cache(settings: dict) -> TemplateCache:
    folder = os.path.join(settings.get("CACHE_PATH") or "cache", FOLDER)
    os.makedirs(folder, exist_ok=True)
    return TemplateCache(folder)
