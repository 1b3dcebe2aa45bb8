"""The list of every catalogue link on the site (output/catalogue-links.csv) and its summary."""

from __future__ import annotations

import csv
import io
from collections import Counter

CSV_NAME = "catalogue-links.csv"
CSV_HEADER = ("page", "identifier", "url")


def links_csv(rows: list[tuple[str, str, str]]) -> str:
    """CSV text of (page, identifier, url) rows, sorted so that two builds are identical."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(sorted(set(rows)))
    return out.getvalue()


def read_links_csv(text: str) -> list[tuple[str, str, str]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(header) != CSV_HEADER:
        return []
    return [tuple(row) for row in reader if len(row) == 3]


def counts_report(rows: list[tuple[str, str, str]]) -> str:
    """A line per page with the number of catalogue items it links, after the totals."""
    counts = Counter(page for page, _identifier, _url in rows)
    lines = [f"  {page}: links {count} catalogue item{'s' if count != 1 else ''}"
             for page, count in sorted(counts.items())]
    identifiers = len({identifier for _page, identifier, _url in rows})
    lines.insert(0, f"Catalogue links: {len(counts)} page(s) link {identifiers} different "
                    f"item(s) (every one: {CSV_NAME})")
    return "\n".join(lines)
