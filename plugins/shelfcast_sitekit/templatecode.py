"""Theme templates compiled once per preview session, not once per build (issue 26).

Every Pelican run makes new generators, each with a new Jinja environment, and so compiles
every template it renders from its source again: 1.1 s of each full build of `make serve`,
whatever the size of the site (46 templates). The session's process outlives its builds, so
it keeps the code objects Jinja compiled, in memory (the session's `Resident.templates`),
through Jinja's documented hook for that, `Environment.bytecode_cache`.

Nothing is written to or read from a file: issue 20 removed the bytecode cache on disk,
whose marshal'd code ran when read back. A kept code object is used only for the same
template file with the same source (Jinja's checksum of it) in an environment that compiles
alike (`compile_options`); an edited template, or another Jinja set-up, compiles afresh.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

# What the code Jinja generates for a template depends on, besides its source: the syntax,
# the whitespace rules, the extensions and the names of filters and tests (an unknown one
# is an error when compiling), and the i18n extension's style of gettext.
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


def compile_options(environment) -> tuple | None:
    """What, besides a template's source, shapes the code Jinja makes of it in this
    environment; None when it cannot be told (an autoescape or finalize function, another
    code generator): then nothing is kept."""
    if not isinstance(environment.autoescape, bool) or environment.finalize is not None \
            or environment.code_generator_class is not jinja2.compiler.CodeGenerator:
        return None
    return (tuple(getattr(environment, name) for name in _SYNTAX),
            environment.autoescape,
            tuple(sorted(environment.extensions)),
            tuple(sorted(environment.filters)), tuple(sorted(environment.tests)),
            getattr(environment, "newstyle_gettext", None))


class KeptTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache over a dict in memory: {(template key, compile options):
    (source checksum, code object)}."""

    def __init__(self, store: dict):
        self.store = store

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        options = compile_options(environment)
        key = repr((self.get_cache_key(name, filename), options))
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        if options is not None:
            self.load_bytecode(bucket)
        else:
            bucket.key = None  # set_bucket keeps nothing
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.store.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key is not None:
            self.store[bucket.key] = (bucket.checksum, bucket.code)


def keep_compiled_templates(environment, store) -> None:
    """Give the environment the session's store of compiled templates (a dict), if any."""
    if isinstance(store, dict) and environment.bytecode_cache is None:
        environment.bytecode_cache = KeptTemplates(store)
