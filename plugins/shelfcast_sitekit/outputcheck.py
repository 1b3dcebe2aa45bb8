"""Checks on a built output/ tree: what a feed reader or crawler would choke on."""

from __future__ import annotations

import os

from lxml import etree

from .problems import ContentProblem

XML_SUFFIXES = (".xml", ".atom", ".rss", ".opml")


def check_xml_files(output_path: str) -> list[ContentProblem]:
    """Every feed, sitemap and OPML file must be well-formed XML."""
    problems = []
    for folder, _dirs, files in os.walk(output_path):
        for name in sorted(files):
            if not name.endswith(XML_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            try:
                etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError as err:
                shown = "output/" + os.path.relpath(path, output_path)
                problems.append(ContentProblem(shown, err.lineno, None,
                    f"the build wrote broken XML ({err.msg}); this is a Shelfcast bug, "
                    "please report it with this message"))
    return problems
