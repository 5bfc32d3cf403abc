"""The README stays true: its first lines, and every command documented with help."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_setup_and_test_commands():
    lines = README.splitlines()
    assert lines[0] == "```"
    assert lines[1].startswith("make analyse ")
    assert lines[2].startswith("make test ")


def test_readme_commands_are_make_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "analyse", "test", "lint", "check"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme():
    commands = [c.name for c in app.registered_commands]
    assert commands == ["analyse", "diff", "rules", "evaluate", "positions", "report"]
    for name in commands:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
        assert f"hoering {name}" in README


@pytest.mark.parametrize("command", ["analyse", "diff", "report"])
def test_every_option_is_in_the_readme(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    options = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout)) - {"--help"}
    assert options, result.stdout
    missing = sorted(o for o in options if f"`{o}" not in README)
    assert missing == []


def test_readme_shows_the_notat_screenshots():
    for name in ("notat-docx.png", "notat-html.png"):
        assert f"](docs/{name})" in README
        assert (ROOT / "docs" / name).read_bytes().startswith(b"\x89PNG")
