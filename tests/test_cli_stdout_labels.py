"""`--out -` and `--labels`: stdout where one table is written, a clear error for a folder; themes by label."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["analyse", str(CORPUS), "--out", "-"],
        ["diff", str(CORPUS), "--out", "-"],
        ["evaluate", str(CORPUS), "--out", "-"],
    ],
    ids=lambda a: a[0],
)
def test_out_dash_on_a_folder_command_is_a_one_line_error(args, tmp_path):
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"hoering: error: --out -: hoering {args[0]} writes a folder of files, not one table; "
        "for stdout use --format csv or --format json, or give a folder\n"
    )
    assert result.stdout == ""
    assert not (tmp_path / "-").exists()


def test_write_manifest_dash_prints_the_manifest_alone(tmp_path):
    result = runner.invoke(app, ["bodies", str(CORPUS), "--write-manifest", "-", "-q"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "file,body,body_type"
    assert "2020_lar_beskaeftigelsesplan-2021-2022.txt,Lokalt Arbejdsmarkedsråd,raad" in lines
    assert len(lines) == 1 + 5  # one row per response, and no table
    assert not (tmp_path / "-").exists()


def test_analyse_labels_shows_themes_by_label():
    plain = runner.invoke(app, ["analyse", str(CORPUS), "-q"], env={"COLUMNS": "200"})
    labelled = runner.invoke(app, ["analyse", str(CORPUS), "-q", "--labels"], env={"COLUMNS": "200"})
    assert plain.exit_code == labelled.exit_code == 0
    assert "Sygedagpenge og sygefravær" in labelled.stdout
    assert "Sygedagpenge og sygefravær" not in plain.stdout


def test_analyse_labels_follow_lang():
    result = runner.invoke(app, ["analyse", str(CORPUS), "-q", "--labels", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Sygedagpenge og sygefravær" not in result.stdout
    assert "Sickness benefit and sick leave" in result.stdout


def test_positions_labels_shows_themes_by_label():
    args = ["positions", str(CORPUS), "-q", "--body", "FagMED", "--theme", "unge"]
    plain = runner.invoke(app, args, env={"COLUMNS": "160"})
    labelled = runner.invoke(app, [*args, "--labels"], env={"COLUMNS": "160"})
    assert plain.exit_code == labelled.exit_code == 0
    # the themes cell: labels joined by ", " (a label may hold spaces), ids by " "
    assert "Unge," in labelled.stdout and "Opkvalificering" in labelled.stdout
    assert "Unge," not in plain.stdout and "unge opkvalificering" in plain.stdout
