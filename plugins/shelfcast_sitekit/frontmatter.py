"""Split a Markdown file into YAML front matter and body; parse the YAML safely with line numbers.

`parse_yaml` is the one place the site's YAML is read (front matter,
show.yaml, any other YAML a plugin reads): no anchors or aliases, no control characters, and
plain messages for the mistakes librarians make (curly quotes, a colon in a title).
Every function returns problems as values; nothing here raises for a librarian's mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .limits import DEFAULTS, read_text_file
from .problems import ContentProblem, shorten

# C0 controls other than tab, newline and carriage return, and the two non-characters: XML
# (feeds, sitemap, lxml) cannot carry them, and they are never typed on purpose.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# libyaml's parser when PyYAML has it: several times faster on a long front matter.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SAFE_LOADER):
    """SafeLoader that leaves dates as text, so that we (not YAML) explain a bad date."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A content file's front matter (plain data), the line of each field, and its body."""

    meta: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def decode(path: str, data: bytes) -> tuple[str | None, list[ContentProblem]]:
    """Decode a file as UTF-8 (a BOM is allowed); explain any other encoding."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [ContentProblem(path, line, None,
            "the file is not UTF-8 text; save it again as UTF-8 "
            "(in most editors: 'Save with encoding' > UTF-8)")]


def read_yaml_file(path: str, shown: str, limits: dict = DEFAULTS
                   ) -> tuple[str | None, list[ContentProblem]]:
    """A YAML file's text (gallery.yaml, programme.yaml...), refused from its size on disk
    before a byte of it is read, then decoded."""
    data, problems = read_text_file(path, shown, limits["max_yaml_bytes"], "max_yaml_bytes")
    return (None, problems) if data is None else decode(shown, data)


def split(path: str, text: str, limits: dict = DEFAULTS
          ) -> tuple[Document | None, list[ContentProblem]]:
    """Cut the `---` fenced front matter off the top of the text and parse it."""
    if not text.strip():
        return None, [ContentProblem(path, None, None,
            "the file is empty; add front matter (--- title: ... ---) and some text, "
            "or delete the file")]
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return None, [ContentProblem(path, 1, None,
            "the file must start with a line '---', then the front matter "
            "(title: ..., date: ...), then another '---'")]
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            yaml_text = "".join(lines[1:index])
            document, problems = parse_yaml(path, yaml_text, first_line=2, limits=limits)
            if document is None or problems:
                return None, problems
            document.body = "".join(lines[index + 1:])
            document.body_line = index + 2
            problems = control_characters(path, document.body, document.body_line)
            return (None if problems else document), problems
    return None, [ContentProblem(path, 1, None,
        "the front matter is not closed; add a line '---' after the last field")]


def parse_yaml(path: str, yaml_text: str, first_line: int = 1, limits: dict = DEFAULTS):
    """Parse a YAML mapping; return a Document with each top-level key's line number.

    Anchors and aliases are refused before anything is built from them: nine anchors of nine
    aliases each expand to 9^9 values, enough to take the machine down. So are values nested
    deeper than the SITEKIT limit (YAML builds nested values recursively, and Python's stack
    is short), and YAML over its size limit (parsing costs seconds per megabyte).
    """
    if "\t" in yaml_text:
        line = yaml_text[: yaml_text.index("\t")].count("\n") + first_line
        return None, [ContentProblem(path, line, None,
            "a tab character in the front matter; YAML needs spaces, "
            "so replace the tab with spaces")]
    size = len(yaml_text.encode("utf-8"))
    if size > limits["max_yaml_bytes"]:
        return None, [ContentProblem(path, first_line, None,
            f"the fields (YAML) take {size:,} bytes, more than the {limits['max_yaml_bytes']:,} "
            "allowed; shorten them, or raise SITEKIT[\"max_yaml_bytes\"] in pelicanconf.py")]
    problems = control_characters(path, yaml_text, first_line, field_of_line=True)
    if problems:
        return None, problems
    try:
        problems = _refused_tokens(path, yaml_text, first_line, limits["max_nesting"])
        if problems:
            return None, problems
        document = _compose(yaml_text, first_line)
    except yaml.MarkedYAMLError as err:
        return None, [_yaml_error(path, yaml_text, err, first_line)]
    except (yaml.YAMLError, ValueError, TypeError) as err:
        return None, [ContentProblem(path, first_line, None,
            f"the front matter is not valid YAML ({shorten(str(err), 80)})")]
    if document is None:
        return None, [ContentProblem(path, first_line, None,
            "the front matter must be a list of 'field: value' lines")]
    return document, _escaped_control_characters(path, document)


def _compose(yaml_text: str, first_line: int) -> Document | None:
    """Build plain data from YAML known to hold no anchors or aliases; None if not a mapping."""
    loader = _PlainLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document()
        if not isinstance(node, yaml.MappingNode):
            return None
        lines = {}
        for key_node, _value in node.value:
            lines[key_node.value] = key_node.start_mark.line + first_line
        return Document(meta=loader.construct_document(node), lines=lines)
    finally:
        loader.dispose()


_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
            yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _refused_tokens(path: str, yaml_text: str, first_line: int,
                    max_depth: int) -> list[ContentProblem]:
    """One problem per top-level field holding an anchor (&a) or alias (*a), or nested too deep.

    Works on YAML's tokens, which cost time in proportion to the text, never to what the
    aliases would expand to, and need no recursion however deep the nesting.
    """
    problems, depth, field, after_key, named = [], 0, None, False, set()
    for token in yaml.scan(yaml_text, Loader=_PlainLoader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > max_depth:
                return problems + [ContentProblem(path, token.start_mark.line + first_line,
                    field, f"values are nested more than {max_depth} levels deep (lists and "
                    "blocks inside each other); flatten them")]
        elif isinstance(token, _CLOSING):
            depth -= 1
        elif isinstance(token, yaml.KeyToken):
            after_key = depth == 1
            continue
        elif isinstance(token, yaml.ScalarToken) and after_key:
            field = token.value
        elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)) and field not in named:
            named.add(field)
            sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
            problems.append(ContentProblem(path, token.start_mark.line + first_line, field,
                f"uses a YAML anchor or alias ({sign}{shorten(token.value, 20)[1:-1]}), "
                "which Shelfcast does not read; write the value out in full instead"))
        after_key = False
    return problems


CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_TOP_LEVEL_KEY = re.compile(r"^([^\s#:][^:]*?)\s*:(\s|$)")


def _yaml_error(path: str, yaml_text: str, err: yaml.MarkedYAMLError,
                first_line: int) -> ContentProblem:
    """Explain a YAML syntax error at the line where the mistake starts."""
    at_end = err.problem_mark is None or err.problem_mark.index >= len(yaml_text.rstrip())
    # An unclosed quote or bracket is found at the end of the text; it starts where it opens.
    unclosed = at_end and err.context_mark is not None
    mark = err.context_mark if unclosed else (err.problem_mark or err.context_mark)
    index = mark.line if mark else 0
    lines = yaml_text.splitlines()
    text = lines[index] if index < len(lines) else ""
    field = _field_at(lines, index)
    if any(quote in text for quote in CURLY_QUOTES):
        advice = ("this line has curly quotes (\u201c \u201d \u2018 \u2019), which YAML does "
                  "not read as quotes; use straight quotes (\" or ') instead")
    elif unclosed and "quoted" in (err.context or ""):
        advice = ("the quote that opens on this line is never closed; "
                  "end the value with the same quote")
    elif unclosed and "flow" in (err.context or ""):
        advice = ("the [ or { that opens on this line is never closed; "
                  "end the list with ] (or the block with })")
    elif "mapping values are not allowed" in (err.problem or "") and _TOP_LEVEL_KEY.match(text) \
            and ": " in text.split(":", 1)[1]:
        value = text.split(":", 1)[1].strip().replace('"', "'")
        advice = ("the value contains ': ' (a colon and a space), which YAML reads as a new "
                  f"field; put the whole value in quotes: {field}: \"{shorten(value, 40)[1:-1]}\"")
    else:
        advice = (f"({err.problem}); check the quotes, colons and indentation on this line "
                  "or the one before")
    return ContentProblem(path, index + first_line, field,
                          f"the front matter is not valid YAML: {advice}")


def _field_at(lines: list[str], index: int) -> str | None:
    """The top-level field a line belongs to: the nearest unindented 'name:' at or above it."""
    for line in reversed(lines[: index + 1]):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            return match.group(1).strip("'\"")
    return None


def control_characters(path: str, text: str, first_line: int = 1,
                       field_of_line: bool = False) -> list[ContentProblem]:
    """One problem per line holding a control character (NUL, vertical tab...)."""
    problems, lines = [], None
    for match in CONTROL_CHARACTER.finditer(text):
        line = text.count("\n", 0, match.start()) + first_line
        if problems and problems[-1].line == line:
            continue
        field = None
        if field_of_line:
            lines = lines if lines is not None else text.splitlines()
            field = _field_at(lines, line - first_line)
        problems.append(ContentProblem(path, line, field,
                                       control_character_message(match.group(), line)))
    return problems


def control_character_message(character: str, line: int | None) -> str:
    where = f" on line {line}" if line is not None else ""
    return (f"a control character (U+{ord(character):04X}){where}; delete it \u2014 it often "
            "comes from pasting from Word or a PDF")


def _escaped_control_characters(path: str, document: Document) -> list[ContentProblem]:
    """Control characters written as escapes ("\\v", "\\0") inside quoted values."""
    problems = []
    for name, value in document.meta.items():
        found = _first_control_character(value)
        if found is not None:
            line = document.lines.get(name)
            problems.append(ContentProblem(path, line, str(name),
                                           control_character_message(found, line)))
    return problems


def _first_control_character(value) -> str | None:
    if isinstance(value, str):
        match = CONTROL_CHARACTER.search(value)
        return match.group() if match else None
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, item in items:
        found = _first_control_character(key) or _first_control_character(item)
        if found is not None:
            return found
    return None
