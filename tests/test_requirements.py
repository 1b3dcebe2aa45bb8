"""Every package the build imports is declared and pinned; the test tools stay out of the build.

`make build` installs requirements.txt only, `make test` adds requirements-test.txt. A module
imported by plugins/ or tasks.py that only a test tool (or nothing) pulls in would make the
build fail on a fresh clone although `make test` passes here.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


def _top_level_imports(tree: ast.AST) -> set[str]:
    """Absolute imports, leaving out fallbacks tried only after an ImportError."""
    fallbacks = {id(node) for handler in ast.walk(tree) if isinstance(handler, ast.Try)
                 and any(_catches_import_error(h) for h in handler.handlers)
                 for h in handler.handlers for node in ast.walk(h)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in fallbacks:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    kinds = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(kind, ast.Name) and kind.id in IMPORT_ERRORS for kind in kinds)


def imported_modules() -> set[str]:
    """Third-party top-level modules imported by plugins/ and tasks.py."""
    files = [*PLUGINS.rglob("*.py"), ROOT / "tasks.py"]
    ours = {path.stem for path in PLUGINS.iterdir()}
    found = set()
    for path in files:
        found |= _top_level_imports(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name not in sys.stdlib_module_names and name not in ours}


def _requirement_lines(path: Path) -> list[str]:
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("-r")]


def _names(lines: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in lines}


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in _requirement_lines(path):
        requirement = Requirement(line)
        assert re.fullmatch(r"==[\w.+!-]+", str(requirement.specifier)), \
            f"{path.name}: {line} is not pinned to one version (name==version)"
        pins[canonicalize_name(requirement.name)] = str(requirement.specifier)[2:]
    return pins


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution the given requirements pull in on this platform, themselves included."""
    seen: dict[str, set[str]] = {}
    todo = [Requirement(line) for line in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        extras = seen.get(name)
        if extras is not None and set(requirement.extras) <= extras:
            continue
        seen[name] = (extras or set()) | set(requirement.extras)
        for text in importlib.metadata.distribution(name).requires or []:
            needed = Requirement(text)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra})
                                            for extra in seen[name] or {""}):
                todo.append(needed)
    return set(seen)


def _declared(lines: list[str]) -> set[str]:
    """Named requirements, and what an extra asked for by name brings (pagefind[extended])."""
    declared = _names(lines)
    for line in lines:
        requirement = Requirement(line)
        if requirement.extras:
            declared |= _closure([line]) - _closure([requirement.name])
    return declared


def test_every_imported_package_is_a_declared_runtime_requirement():
    distributions = importlib.metadata.packages_distributions()
    declared = _declared(_requirement_lines(ROOT / "requirements.in"))
    missing, unknown = {}, []
    for module in sorted(imported_modules()):
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not names:
            unknown.append(module)
        elif not names & declared:
            missing[module] = sorted(names)
    assert unknown == [], f"imported but not installed at all: {unknown}"
    assert missing == {}, f"imported by plugins/ or tasks.py but not in requirements.in: {missing}"


def test_the_import_scan_sees_what_the_build_is_known_to_import():
    modules = imported_modules()
    assert {"pelican", "yaml", "mutagen", "feedgen", "unidecode", "boto3"} <= modules
    assert "pagefind_bin" not in modules, "a fallback tried after ImportError is not required"


def test_pyproject_declares_the_same_runtime_and_test_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _names(project["dependencies"]) == _names(_requirement_lines(ROOT / "requirements.in"))
    assert _names(project["optional-dependencies"]["test"]) == \
        _names(_requirement_lines(ROOT / "requirements-test.in"))


def test_the_build_pins_everything_it_needs_and_no_test_tool():
    runtime = _pins(ROOT / "requirements.txt")
    unpinned = _closure(_requirement_lines(ROOT / "requirements.in")) - set(runtime)
    assert unpinned == set(), f"requirements.txt misses what the build pulls in: {unpinned}"
    tools = _names(_requirement_lines(ROOT / "requirements-test.in"))
    assert not tools & set(runtime), "test tools belong in requirements-test.txt"


def test_the_tests_pin_their_tools_on_top_of_the_build():
    text = (ROOT / "requirements-test.txt").read_text()
    assert "-r requirements.txt" in text.splitlines()
    tests = _pins(ROOT / "requirements-test.txt")
    runtime = _pins(ROOT / "requirements.txt")
    assert not set(tests) & set(runtime), "a package is pinned twice"
    unpinned = _closure(_requirement_lines(ROOT / "requirements-test.in")) - set(tests) - \
        set(runtime)
    assert unpinned == set(), f"requirements-test.txt misses: {unpinned}"


def test_the_pins_are_what_is_installed():
    pins = {**_pins(ROOT / "requirements.txt"), **_pins(ROOT / "requirements-test.txt")}
    installed = {name: importlib.metadata.version(name) for name in pins}
    assert {n: v for n, v in pins.items() if installed[n] != v} == {}, installed


def test_make_build_installs_only_the_build_requirements():
    makefile = (ROOT / "Makefile").read_text()
    build_stamp = re.search(r"^\$\(BUILD_STAMP\):(.*)\n((?:\t.*\n)+)", makefile, re.M)
    test_stamp = re.search(r"^\$\(TEST_STAMP\):(.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert "requirements-test" not in build_stamp[0]
    assert "-r requirements-test.txt" in test_stamp[2]
    assert re.search(r"^build: \$\(BUILD_STAMP\)$", makefile, re.M)
    assert re.search(r"^test: \$\(TEST_STAMP\)$", makefile, re.M)
