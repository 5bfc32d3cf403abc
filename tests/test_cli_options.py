"""The commands that analyse a corpus share one set of analysis options, and they mean the same in each."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from hoering.cli import app
from hoering.cli.options import Analysis

from conftest import CORPUS

ANALYSING = {
    "analyse": [],
    "diff": [],
    "evaluate": [],
    "positions": [],
    "report": ["--out", "notat.md"],
}
SHARED = [
    "--rules",
    "--model",
    "--corrections",
    "--no-redact",
    "--jobs",
    "--cache-dir",
    "--no-cache",
    "--dedupe",
    "--no-control-files",
    "--quiet",
    "--debug",
]


@pytest.mark.parametrize("command", sorted(ANALYSING))
def test_every_analysing_command_offers_the_analysis_options(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    offered = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout))
    assert [o for o in SHARED if o not in offered] == []


@pytest.mark.parametrize("command", sorted(ANALYSING))
def test_the_same_options_analyse_the_same_way_in_every_command(command, tmp_path, monkeypatch):
    seen: list[Analysis] = []

    def stop(self, *args, **kwargs):
        seen.append(self)
        raise typer.Exit(0)

    monkeypatch.setattr(Analysis, "run", stop)
    cache = tmp_path / "cache"
    args = [command, str(CORPUS), *ANALYSING[command], "--model", "blank", "--no-redact", "--dedupe", "-q"]
    args += ["--cache-dir", str(cache), "--jobs", "1", "--no-control-files"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert seen == [Analysis(model="blank", redact=False, jobs=1, cache=cache, dedupe=True, control_files=False)]
