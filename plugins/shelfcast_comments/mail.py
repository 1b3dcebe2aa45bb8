"""A reader's e-mail (.eml) as a comment file for the moderator: only the name and the text.

The address, the other headers, quoted earlier mail and the signature are left behind; the
first word of the sender's display name stands for the name (first names only are published).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import yaml
from lxml import etree, html
from shelfcast_sitekit.frontmatter import split
from shelfcast_sitekit.slugs import slug_of_document

from .reading import comment_id

# A reader's mail is a few kilobytes; attachments make megabytes. Mail parts nest (a reply
# inside a forward inside a digest), but never deeply: the parser and get_body() recurse once
# per level, so thousands of levels end in a RecursionError.
MAX_MAIL_BYTES = 25 * 1024 * 1024
MAX_MULTIPARTS = 50
MULTIPART = re.compile(rb"^content-type:[ \t]*multipart/", re.IGNORECASE | re.MULTILINE)


class MailError(Exception):
    """The mail cannot become a comment; the message says why in plain words."""


class _CommentDumper(yaml.SafeDumper):
    """Multi-line text as a literal block, so the file reads like the mail did."""


_CommentDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def comment_from_mail(data: bytes) -> dict:
    """{name, date, text} from the raw bytes of an .eml file."""
    _check_shape(data)
    message = BytesParser(policy=policy.default).parsebytes(data)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise MailError("the mail has no text part; ask the reader to write in the mail itself")
    text = own_words(_body_text(body))
    if not text:
        raise MailError("the mail has no text of its own (only quoted mail or a signature)")
    return {"name": first_name(_from_header(message)), "date": _date(message), "text": text}


def _body_text(body) -> str:
    """The text part as text (an HTML part without its markup)."""
    try:
        content = body.get_content()
    except LookupError:
        raise MailError(f"the mail's text is in an unknown character set "
                        f"({body.get_content_charset()}); ask the reader to send it again") \
            from None
    if body.get_content_type() != "text/html":
        return content
    try:
        return html.fromstring(content).text_content()
    except etree.ParserError:  # only whitespace or comments: no text of its own
        return ""


def _check_shape(data: bytes) -> None:
    """Refuse a mail too large or too deeply nested to be a reader's comment, before parsing."""
    if len(data) > MAX_MAIL_BYTES:
        raise MailError(f"the mail is larger than {MAX_MAIL_BYTES // 2**20} MB; ask the reader "
                        "to send the comment as plain text without attachments")
    if len(MULTIPART.findall(data)) > MAX_MULTIPARTS:
        raise MailError(f"the mail has more than {MAX_MULTIPARTS} nested parts, which no "
                        "reader's mail has; ask the reader to send the comment again")


def _from_header(message):
    """The parsed From: header; MailError when it hides a line break or cannot be read."""
    try:
        return message.get("From", "")
    except (ValueError, HeaderParseError) as error:
        raise MailError(f"the mail's From: header cannot be read ({error}); the sender's name "
                        "may hide a line break. Copy the text into a comment file by hand or "
                        "ask the reader to send it again") from None


def own_words(text: str) -> str:
    """The reader's text without quoted earlier mail and without the signature."""
    kept = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.rstrip() == "--":
            break
        if line.startswith(">") or re.match(r"^On .+ wrote:\s*$", line):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def first_name(from_header) -> str:
    display = getattr(from_header, "addresses", None)
    name = display[0].display_name if display else ""
    words = [w for w in re.split(r"\s+", name.strip().strip('"')) if w and "@" not in w]
    return words[0].strip(",") if words else "Reader"


def _date(message) -> str:
    try:
        when = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        when = datetime.now()
    return when.strftime("%Y-%m-%d %H:%M")


def comment_yaml(fields: dict) -> str:
    return yaml.dump(fields, Dumper=_CommentDumper, allow_unicode=True, sort_keys=False,
                     width=100)


def post_slugs(content_root: str, folders=("posts", "music"), settings=None) -> set[str]:
    """Every post's slug: its `slug:` or, as Pelican makes it with the site's `settings`,
    from its title (or file name)."""
    slugs = set()
    for folder in folders:
        for directory, _dirs, files in os.walk(os.path.join(content_root, folder)):
            for name in files:
                if name.endswith((".md", ".markdown")):
                    slugs.add(_slug_of(os.path.join(directory, name), settings))
    return slugs - {None}


def _slug_of(path: str, settings=None) -> str | None:
    with open(path, encoding="utf-8", errors="replace") as handle:
        document, _problems = split(path, handle.read())
    if document is None:
        return None
    if isinstance(document.meta.get("slug"), str):
        return document.meta["slug"]
    return slug_of_document(document.meta.get("title"), path, settings)


def comment_path(comments_root: str, post: str, fields: dict) -> str:
    """A new file name in the post's folder: date and name, numbered if taken."""
    stem = comment_id(f"{fields['date'][:10]}-{fields['name']}")
    folder = os.path.join(comments_root, post)
    path, number = os.path.join(folder, f"{stem}.yaml"), 2
    while os.path.exists(path):
        path, number = os.path.join(folder, f"{stem}-{number}.yaml"), number + 1
    return path
