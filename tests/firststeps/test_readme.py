"""Every command the README shows exists (a make target or an invoke task with those options),
and every link in the README and docs/ points at a file in the repository."""

import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from sitetools import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
INVOKE = Path(sys.executable).with_name("invoke")
VENV = Path(sys.prefix)


def readme_commands(text: str) -> list[str]:
    """Commands in ```sh blocks and in inline code that starts with make or invoke."""
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    lines = [line.split(" #")[0].strip() for block in blocks for line in block.splitlines()]
    inline = re.findall(r"`((?:make|\.venv/bin/invoke) [^`]+)`", text)
    return [c for c in dict.fromkeys(lines + inline) if c]


@cache
def invoke_help(task: str) -> str:
    done = subprocess.run([str(INVOKE), "--help", task], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, f"`invoke {task}` is not a task: {done.stderr}"
    return done.stdout


def check_command(command: str) -> None:
    words = shlex.split(command)
    if words[0] == "make":
        targets = [w for w in words[1:] if "=" not in w]
        done = subprocess.run(["make", "-n", *targets, f"VENV={VENV}"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    elif words[0].endswith("invoke"):
        task = words[1]
        help_text = invoke_help(task)
        for option in (w.split("=")[0] for w in words[2:] if w.startswith("--")):
            assert re.search(rf"(^|[\s,]){re.escape(option)}\b", help_text, flags=re.M), \
                f"{command}: `invoke {task}` has no {option}"
    else:
        raise AssertionError(f"{command!r} is neither make nor invoke")


def test_the_readme_shows_the_commands_a_librarian_needs():
    commands = readme_commands(README)
    for needed in ("make build", "make test", "make check", "make init"):
        assert needed in commands
    assert any(c.startswith(".venv/bin/invoke init --name") for c in commands)


@pytest.mark.parametrize("command", readme_commands(README))
def test_every_readme_command_is_a_make_target_or_an_invoke_task(command):
    check_command(command)


def test_a_misspelt_command_would_be_caught():
    with pytest.raises(AssertionError, match="has no --section-name"):
        check_command('.venv/bin/invoke new-post "A title" --section-name news')
    with pytest.raises(AssertionError):
        check_command("make biuld")


def test_readme_and_docs_link_only_to_files_in_the_repository():
    broken = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue  # a web address, mailto:, or an anchor on the same page
            path = (page.parent / target.split("#")[0]).resolve()
            if not path.is_relative_to(ROOT) or not path.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
        broken += [f"{page.relative_to(ROOT)}: {m}" for m in re.findall(r"\.\./shared\S*", text)]
    assert broken == []
