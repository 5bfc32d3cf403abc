"""Help names values as a user types them, never by Python type."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from hoering.cli import app

COMMANDS = ["analyse", "diff", "positions", "report", "evaluate", "rules", "bodies", "cache info", "cache clear"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_python_type_names_or_braces(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert not re.search(r"<(list|str|int|float|path)\b|list\[|\{\w+\}", result.stdout), result.stdout


def test_help_names_choices_and_values_plainly():
    result = CliRunner().invoke(app, ["positions", "--help"], env={"COLUMNS": "100"})
    assert "positions [OPTIONS] CORPUS\n" in result.stdout
    assert "-t, --theme THEME" in result.stdout
    assert "-f, --format table|csv|json" in result.stdout


def test_cache_help_names_the_folder_plainly():
    result = CliRunner().invoke(app, ["cache", "info", "--help"], env={"COLUMNS": "100"})
    assert "--cache-dir CACHE-DIR " in result.stdout
