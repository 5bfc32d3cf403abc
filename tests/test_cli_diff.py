"""`hoering diff` through Typer's CliRunner: exit codes, stdout per format, stderr."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from typer.testing import CliRunner

import hoering
from hoering.cli import app
from hoering.diff import DEFAULT_THRESHOLD, Recurrence
from hoering.errors import ExitCode
from hoering.export import csv_text

from conftest import CORPUS, ROOT

PLAN = ROOT / "plans" / "beskaeftigelsesplan-2023-uddrag.md"
runner = CliRunner()


def run(*args: object, columns: int = 200):
    return runner.invoke(app, ["diff", *map(str, args)], env={"COLUMNS": str(columns)})


@pytest.fixture(scope="module", autouse=True)
def one_pipeline(blank_pipeline):
    """Every run here asks for the blank pipeline; build it once for the module, not once per run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("hoering.cli.compare_commands.LazyPipeline", lambda model, segmentation: blank_pipeline)
        yield


@pytest.fixture(scope="module")
def expected(sample_result):
    return hoering.diff(sample_result)


def test_table_shows_changes_and_positions_and_the_summary_goes_to_stderr(expected, sample_result):
    result = run(CORPUS, "--model", "blank")  # the one pipeline is the blank one
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Themes 2021 -> 2023")
    assert any(line.startswith("│ retssikkerhed ") and "0/0/+1" in line and "appeared" in line for line in lines)
    best = next(m for m in expected.matches if m.paired)
    assert any(line.startswith(f"│ {best.status.value:<9} │ {best.score:5.0f} │ {best.old.body}") for line in lines)
    assert sum(line.startswith("│ dropped ") for line in lines) == expected.count(Recurrence.DROPPED)
    summary = expected.summary()
    assert result.stderr == (
        f"2021 -> 2023: {summary['from_positions']} -> {summary['to_positions']} positions · "
        f"{summary['recurring']} recurring, {summary['moved']} moved, {summary['new']} new, {summary['dropped']} dropped"
        f" · threshold {DEFAULT_THRESHOLD:g} · "
        f"model blank:da + lookups · rules {sample_result.rules.digest[:12]}\n"
    )


def test_table_fits_a_narrow_terminal():
    result = run(CORPUS, "-q", columns=80)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_csv_format_prints_the_theme_changes(expected):
    result = run(CORPUS, "--format", "csv", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == csv_text(expected.themes)
    assert result.stdout.splitlines()[0] == "theme,stance,from,to,change,status"


def test_json_format_holds_summary_changes_and_positions():
    result = run(CORPUS, "--from", "2020", "--to", "2021", "-f", "json", "-q")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["summary"]["from"], document["summary"]["to"]) == ("2020", "2021")
    assert {"themes", "matrix", "positions"} <= set(document)
    assert (
        {"recurring", "new", "dropped"}
        <= {row["status"] for row in document["positions"]}
        <= {
            "recurring",
            "moved",
            "new",
            "dropped",
        }
    )


def test_out_writes_the_csv_files_and_says_so(tmp_path):
    result = run(CORPUS, "--out", tmp_path / "diff", "--plan", PLAN, "-f", "csv")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "diff").iterdir())
    assert names == ["diff_matrix.csv", "diff_plan.csv", "diff_positions.csv", "diff_themes.csv"]
    assert f"wrote {tmp_path / 'diff' / 'diff_positions.csv'}\n" in result.stderr
    header = (tmp_path / "diff" / "diff_positions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("status,score,text_score,theme_score,same_body,evidence,from_doc,")


def test_two_folders_compare_as_earlier_and_later_round(tmp_path):
    for name, seed in (
        ("old", "2020_lar_beskaeftigelsesplan-2021-2022.txt"),
        ("new", "2021_fagforening_maerkesag.txt"),
    ):
        (tmp_path / name).mkdir()
        shutil.copy(CORPUS / seed, tmp_path / name)
    result = run(tmp_path / "old", tmp_path / "new", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Themes 2020 -> 2021")
    assert "│ recurring │" in result.stdout


def test_plan_table_shows_covered_and_uncovered_themes():
    result = run(CORPUS, "--plan", PLAN, "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("Plan Beskæftigelsesplan 2023 (uddrag) x feedback 2023") for line in lines)
    assert any(line.startswith("│ digitalisering ") and line.rstrip().endswith("plan only     │") for line in lines)
    assert any(line.startswith("│ kontanthjaelp ") and "feedback only" in line for line in lines)


def test_empty_round_is_one_line_and_exit_1():
    result = run(CORPUS, "--from", "1999")
    assert result.exit_code == ExitCode.ERROR
    assert result.stdout == ""
    assert result.stderr == f"hoering: error: {CORPUS}: no positions in round '1999' (rounds: 2017, 2020, 2021, 2023)\n"


def test_missing_plan_is_one_line_and_exit_1(tmp_path):
    result = run(CORPUS, "--plan", tmp_path / "plan.md")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == f"hoering: error: {tmp_path / 'plan.md'}: plan file not found\n"


def test_threshold_outside_0_to_100_is_a_usage_error():
    result = run(CORPUS, "--threshold", "101")
    assert result.exit_code == ExitCode.USAGE


def test_a_higher_threshold_finds_fewer_recurring_positions():
    low = run(CORPUS, "--from", "2017", "--to", "2021", "--threshold", "20", "-f", "json", "-q")
    high = run(CORPUS, "--from", "2017", "--to", "2021", "--threshold", "60", "-f", "json", "-q")
    counts = [json.loads(r.stdout)["summary"]["recurring"] for r in (low, high)]
    assert counts[0] > counts[1] == 0


def test_raw_csv_leaves_the_csv_on_stdout_as_written_as_in_the_files(monkeypatch, expected):
    themes = expected.themes.copy()
    themes.loc[0, "status"] = "=1+1"
    marked = dataclasses.replace(expected, themes=themes)
    monkeypatch.setattr("hoering.cli.compare_commands.diff", lambda *args, **kwargs: marked)
    escaped = run(CORPUS, "--model", "blank", "-q", "-f", "csv")
    raw = run(CORPUS, "--model", "blank", "-q", "-f", "csv", "--raw-csv")
    assert escaped.exit_code == raw.exit_code == 0
    assert ",'=1+1\n" in escaped.stdout and ",=1+1\n" not in escaped.stdout
    assert ",=1+1\n" in raw.stdout
