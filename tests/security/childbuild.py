"""Build a test's site in a child process under the harness (connect guard, files changed,
seconds and peak memory), so that "bounded" and "contained" are measured on a real build."""

from __future__ import annotations

from security.harness import CaseResult, run_case

BUILD = ("from pathlib import Path\n"
         "from sitetools import build_kit_site\n"
         "code, messages = build_kit_site(Path('output'), site=Path('.'), **{overrides!r})\n"
         "print(messages)\n"
         "raise SystemExit(code)\n")


def build_in_child(site, **overrides) -> CaseResult:
    """Build `site` (sitetools.Site) with its pelicanconf.py; only output/ and .cache/ of the
    site may change."""
    return run_case(["-c", BUILD.format(overrides=overrides)], cwd=site.root,
                    watch=[site.root], allowed=[site.root / "output", site.root / ".cache"])
