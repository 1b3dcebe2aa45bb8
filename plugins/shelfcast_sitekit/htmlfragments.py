"""HTML edits through lxml: a page body parsed as a fragment, edited as a tree, written back.

The writer mirrors Python-Markdown's HTML5 output (void elements without a slash; text escapes
&, < and >; attribute values also "), so the parts of a body that were not edited read as they
did. lxml's own HTML writer is not used for that: it percent-encodes href and src values (a
space, an 'ø'), which would change the paths Pelican resolves ({static}/images/bjørk.png).
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
RAW_TEXT = frozenset({"script", "style"})      # written as they are, never escaped
TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
ATTRIBUTE_ESCAPES = (*TEXT_ESCAPES, ('"', "&quot;"))
# Written bare when empty (`<video controls>`), as authors and our templates write them.
BOOLEAN = frozenset({"allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls",
                     "default", "defer", "disabled", "hidden", "inert", "ismap", "itemscope",
                     "loop", "multiple", "muted", "nomodule", "novalidate", "open",
                     "playsinline", "readonly", "required", "reversed", "selected"})


def parse_fragment(text: str):
    """The fragment as the children of one wrapper element (never written back itself)."""
    return lxml_html.fragment_fromstring(text, create_parent="div")


def inner_html(wrapper) -> str:
    """The wrapper's content as HTML text."""
    parts = [escape_text(wrapper.text)]
    for child in wrapper:
        _write(child, parts)
    return "".join(parts)


def element_html(element) -> str:
    """One element as HTML text, without its tail."""
    parts: list[str] = []
    _write(element, parts, with_tail=False)
    return "".join(parts)


def escape_text(text: str | None, escapes=TEXT_ESCAPES) -> str:
    text = text or ""
    for plain, escaped in escapes:
        text = text.replace(plain, escaped)
    return text


def replace_with_marker(element, marker: str) -> None:
    """Put a comment holding `marker` where `element` was (its tail kept): after writing, the
    marker's text is swapped for HTML made elsewhere (a template's), which is not re-parsed."""
    comment = etree.Comment(marker)
    comment.tail = element.tail
    element.getparent().replace(element, comment)


def _write(node, parts: list[str], with_tail: bool = True) -> None:
    if isinstance(node, etree._Comment):
        parts.append(f"<!--{node.text or ''}-->")
    elif isinstance(node, etree._ProcessingInstruction):
        parts.append(f"<?{node.target} {node.text or ''}>")
    elif isinstance(node, etree._Entity):
        parts.append(node.text)
    else:
        attributes = "".join(_attribute(name, value) for name, value in node.attrib.items())
        parts.append(f"<{node.tag}{attributes}>")
        if node.tag not in VOID:
            parts.append(node.text or "" if node.tag in RAW_TEXT else escape_text(node.text))
            for child in node:
                _write(child, parts)
            parts.append(f"</{node.tag}>")
    if with_tail:
        parts.append(escape_text(node.tail))


def _attribute(name: str, value: str) -> str:
    if value == "" and name in BOOLEAN:
        return f" {name}"
    return f' {name}="{escape_text(value, ATTRIBUTE_ESCAPES)}"'
