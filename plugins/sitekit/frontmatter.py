"""Split a Markdown file into YAML front matter and body; parse the YAML safely with line numbers.

Every function returns problems as values; nothing here raises for a librarian's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import ContentProblem


class _PlainLoader(yaml.SafeLoader):
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


def split(path: str, text: str) -> tuple[Document | None, list[ContentProblem]]:
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
            document, problems = parse_yaml(path, yaml_text, first_line=2)
            if document is not None:
                document.body = "".join(lines[index + 1:])
                document.body_line = index + 2
            return document, problems
    return None, [ContentProblem(path, 1, None,
        "the front matter is not closed; add a line '---' after the last field")]


def parse_yaml(path: str, yaml_text: str, first_line: int = 1):
    """Parse a YAML mapping; return a Document with each top-level key's line number."""
    if "\t" in yaml_text:
        line = yaml_text[: yaml_text.index("\t")].count("\n") + first_line
        return None, [ContentProblem(path, line, None,
            "a tab character in the front matter; YAML needs spaces, "
            "so replace the tab with spaces")]
    loader = _PlainLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(), []
        if not isinstance(node, yaml.MappingNode):
            return None, [ContentProblem(path, first_line, None,
                "the front matter must be a list of 'field: value' lines")]
        lines = {}
        for key_node, _value in node.value:
            lines[key_node.value] = key_node.start_mark.line + first_line
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else first_line
        return None, [ContentProblem(path, line, None,
            f"the front matter is not valid YAML ({err.problem}); check the quotes, "
            "colons and indentation on this line or the one before")]
    except (yaml.YAMLError, ValueError, TypeError) as err:
        return None, [ContentProblem(path, first_line, None,
            f"the front matter is not valid YAML ({err})")]
    finally:
        loader.dispose()
    return Document(meta=meta, lines=lines), []
