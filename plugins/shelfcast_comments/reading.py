"""Read one comment file (YAML) into a Comment, with every problem in a moderator's words."""

from __future__ import annotations

import re
from dataclasses import replace

import yaml
from shelfcast_sitekit.fields import FieldChecker
from shelfcast_sitekit.frontmatter import parse_yaml
from shelfcast_sitekit.privacy import scan_fields
from shelfcast_sitekit.problems import WARNING, ContentProblem
from shelfcast_sitekit.schemacheck import check_document

from .declarations import COMMENT
from .model import Comment
from .text import clean_text, comment_html, safe_url

ID_PATTERN = re.compile(r"[^a-z0-9-]+")


def comment_id(file_stem: str) -> str:
    """The comment's id (HTML anchor, reply_to target): the file name without .yaml."""
    return ID_PATTERN.sub("-", file_stem.lower()).strip("-") or "comment"


def has_aliases(path: str, text: str) -> list[ContentProblem]:
    """Refuse YAML anchors and aliases: a few lines of them can expand to gigabytes."""
    if "&" not in text and "*" not in text:
        return []  # neither can be there; scanning costs as much as parsing
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line = token.start_mark.line + 1
                return [ContentProblem(path, line, None,
                        "uses a YAML anchor or alias (& or *); write the text out in full")]
    except yaml.YAMLError:
        return []  # parse_yaml names the broken line
    return []


def read_comment(path: str, data: bytes, stem: str, max_length: int):
    """(Comment or None, problems) for one comment file's bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [ContentProblem(path, None, None, "is not UTF-8 text; save it as UTF-8")]
    problems = has_aliases(path, text)
    if problems:
        return None, problems
    document, problems = parse_yaml(path, text)
    if document is None:
        return None, problems
    if not document.meta:
        return None, [ContentProblem(path, None, None,
                      "is empty; a comment needs name, date and text, or delete the file")]
    problems = check_document(COMMENT, document.meta, document.lines, path)
    if problems:
        return None, problems
    check = FieldChecker(path, document)
    comment = _fields(check, stem, max_length, path)
    problems = check.problems + _privacy(path, document)
    if comment is None or any(p.severity != WARNING for p in problems):
        return None, problems
    # A held-back comment is still read: a reply to it is held back with it (threads.py),
    # not refused as a reply to a comment that is not there.
    return replace(comment, pending=_pending(check)), problems


def _fields(check: FieldChecker, stem: str, max_length: int, path: str) -> Comment | None:
    """The comment's values (the schema has checked their shapes): the text's length is
    checked against the site's setting, which a schema of the file cannot know."""
    name = check.text("name", required=True)
    date = check.date("date", required=True)
    raw = check.text("text", required=True)
    # `imported: true` marks a comment moved in from the old blog (invoke import-wordpress,
    # import-blogger): it was published there, so the length limit for new comments, which
    # is there for what a moderator reads, does not cut or refuse it.
    if raw and len(raw) > max_length and check.document.meta.get("imported") is not True:
        check.error("text", f"is {len(raw):,} characters long; comments are at most "
                    f"{max_length:,} (COMMENTS['max_length']): shorten it or leave it out")
        return None
    website = check.text("website")
    reply_to = check.text("reply_to")
    if not (name and date and raw):
        return None
    text, had_bidi = clean_text(raw)
    if had_bidi:
        check.warn("text", "contained invisible characters that reverse the text's direction;"
                   " they were removed (check that the comment still reads right)")
    clean_name, _ = clean_text(name)
    return Comment(comment_id(stem), clean_name, date, text, comment_html(text),
                   safe_url(website), comment_id(reply_to) if reply_to else None, path)


def _pending(check: FieldChecker) -> bool:
    """`pending: true` holds a comment back until a moderator approves it (switches it off in
    the web editor, or deletes the line); a comment without the line is shown. The schema has
    checked that it is true or false."""
    return check.document.meta.get("pending") is True


def _privacy(path: str, document) -> list[ContentProblem]:
    fields = {k: v for k, v in document.meta.items() if k in ("name", "text")}
    return [ContentProblem(path, document.lines.get(name), name,
                           f"looks like it contains {what}; remove the reader's contact details "
                           "before publishing", WARNING)
            for name, what in scan_fields(fields)]
