"""The kit's tests build tests/fixture_site, never the library's own files (content/,
library.py, overrides/: the paths pyproject.toml's [tool.shelfcast] manifest gives it).

A library deletes the demo and rewrites library.py; `make test` must pass all the same.
"""

import re
from pathlib import Path

from shelfcast_sitekit.kitversion import kit_manifest

TESTS = Path(__file__).resolve().parent
LIBRARY_PATHS = "|".join(re.escape(path.rstrip("/")) for path in kit_manifest().library)
LIBRARY_FILES = re.compile(rf"""ROOT\s*/\s*["']({LIBRARY_PATHS})["'/]""")


def test_the_manifest_gives_the_library_its_content_settings_and_overrides():
    assert kit_manifest().library == ("content/", "library.py", "overrides/")


def test_no_test_reads_the_librarys_content_or_settings():
    readers = [f"{path.relative_to(TESTS)}:{number}"
               for path in TESTS.rglob("*.py") if "fixture_site" not in path.parts
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if LIBRARY_FILES.search(line)]
    assert readers == [], "use sitetools.KIT_SITE instead of the library's files: " \
        + ", ".join(readers)


def test_no_test_imports_helpers_from_a_conftest_module():
    """Several folders have a conftest.py; `from conftest import` gets whichever loaded first."""
    importers = [f"{path.relative_to(TESTS)}:{number}"
                 for path in TESTS.rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if line.startswith("from conftest import")]
    assert importers == [], "import helpers from sitetools (or the folder's own module): " \
        + ", ".join(importers)
