"""Find content files that would be written to the same place in output/."""

from __future__ import annotations

from collections import defaultdict

from .problems import ContentProblem


def url_clashes(items: list[tuple[str, str]]) -> list[ContentProblem]:
    """Given (save_as, display path) pairs, report every file that shares its save_as."""
    by_target = defaultdict(list)
    for save_as, path in items:
        if save_as:
            by_target[save_as].append(path)
    problems = []
    for target, paths in sorted(by_target.items()):
        if len(paths) < 2:
            continue
        for path in sorted(paths):
            others = ", ".join(p for p in sorted(paths) if p != path)
            problems.append(ContentProblem(path, None, "slug",
                f"has the same URL ({target}) as {others}; give one of them another "
                "'slug:' or title"))
    return problems
