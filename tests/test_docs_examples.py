"""Every shell example in README.md and docs/*.md runs as written and exits 0.

A fenced ``sh`` block holds commands, one a line (a trailing ``\\`` continues
it); a ``console`` block holds commands after ``$ `` and their output. Each
command must start with ``hoering`` or ``make``. A block that cannot run here
says so on the line above it, with the reason:
``<!-- docs-examples: skip (why) -->``. The commands run in the order of the
page, through the command's own entry point, in a copy of the folders the
repository ships (the sample corpus, plans, devset, examples), so nothing an
example names may be missing from the repository.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHIPPED = ("corpus", "plans", "devset", "examples")
SKIP = re.compile(r"^<!-- docs-examples: skip \((?P<why>[^)]+)\) -->$")


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    command: str
    skip: str | None

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def _commands(info: str, body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (line, command) pairs of a block: every line of an sh block, the `$ ` lines of a console block."""
    found, pending, start = [], "", 0
    for number, line in body:
        if info == "console":
            if not (line.startswith("$ ") or pending):
                continue
            line = line.removeprefix("$ ")
        if not line.strip() or (line.lstrip().startswith("#") and not pending):
            continue
        start = start if pending else number
        if line.endswith("\\"):
            pending += line[:-1]
            continue
        found.append((start, (pending + line).strip()))
        pending = ""
    return found


def examples(page: Path) -> list[Example]:
    """The shell examples of `page`, with the skip reason of a marked block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    name = page.relative_to(ROOT).as_posix()
    found, index = [], 0
    while index < len(lines):
        info = lines[index][3:].strip() if lines[index].startswith("```") else None
        if info is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        if info in ("sh", "console"):
            marker = SKIP.match(lines[index - 1]) if index else None
            body = list(enumerate(lines[index + 1 : end], start=index + 2))
            for number, command in _commands(info, body):
                found.append(Example(name, number, command, marker["why"] if marker else None))
        index = end + 1
    return found


ALL = [example for page in PAGES for example in examples(page)]


def test_the_docs_hold_examples_and_few_are_skipped():
    assert len(ALL) >= 30
    skipped = [e for e in ALL if e.skip]
    assert len(skipped) <= len(ALL) // 5, [str(e) for e in skipped]


@pytest.mark.parametrize("example", ALL, ids=str)
def test_every_example_names_the_command_or_make(example):
    assert example.command.split()[0] in ("hoering", "make"), example.command


def test_no_untagged_block_hides_a_command():
    """A block of `hoering` commands is marked sh or console (so it runs here), or text for a synopsis."""
    hidden = []
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        fences = [i for i, line in enumerate(lines) if line.startswith("```")]
        for start, end in zip(fences[::2], fences[1::2]):
            if lines[start] == "```" and any(re.match(r"(\$ )?hoering ", line) for line in lines[start + 1 : end]):
                hidden.append(f"{page.relative_to(ROOT).as_posix()}:{start + 1}")
    assert hidden == []


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the repository ships, where the examples' relative paths lead."""
    root = tmp_path_factory.mktemp("examples")
    for name in SHIPPED:
        shutil.copytree(ROOT / name, root / name)
    return root


def _argv(command: str) -> tuple[list[str], str | None]:
    """The arguments after `hoering`, and the file a trailing `> FILE` sends stdout to."""
    words = shlex.split(command, comments=True)
    unsupported = {"|", "&&", "||", ";", "<", "2>", ">>"} & set(words)
    assert not unsupported, f"{command}: the examples test runs one command per line, without {unsupported}"
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    return words[1:], target


@pytest.mark.parametrize("example", [e for e in ALL if e.command.startswith("hoering ")], ids=str)
def test_example_runs_as_written(example, workspace, monkeypatch):
    if example.skip:
        pytest.skip(f"{example}: {example.skip}")
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("HOERING_CACHE_DIR", str(workspace / ".cache"))
    args, target = _argv(example.command)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, f"{example}: {example.command}\n{result.output}"
    if target:
        (workspace / target).write_text(result.stdout, encoding="utf-8")


def test_make_examples_are_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for example in ALL:
        if example.command.startswith("make "):
            target = example.command.split()[1]
            assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), str(example)
