"""`--excel` on every command that writes CSV: what Danish Excel opens as it is."""

from __future__ import annotations

import codecs

import pytest
from typer.testing import CliRunner

import hoering.pipeline
from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [*map(str, args)], env={"COLUMNS": "200"})


def test_analyse_excel_writes_bom_semicolons_and_decimal_commas(tmp_path):
    result = run("analyse", CORPUS, "--excel", "--out", tmp_path / "out", "-q", "--model", "blank")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "positions.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    header, first = data[3:].decode("utf-8").splitlines()[:2]
    assert header.startswith("doc;body;body_type;round;")
    fields = dict(zip(header.split(";"), first.split(";")))
    assert "." not in fields["stance_score"] and fields["stance_score"].replace(",", "").lstrip("-").isdigit()


def test_diff_and_evaluate_have_the_same_excel_option(tmp_path):
    diffed = run("diff", CORPUS, "--excel", "--out", tmp_path / "diff", "-q", "--model", "blank")
    assert diffed.exit_code == 0, diffed.output
    themes = (tmp_path / "diff" / "diff_themes.csv").read_bytes()
    assert themes.startswith(codecs.BOM_UTF8) and b";" in themes.splitlines()[0]
    scored = run("evaluate", CORPUS, "--excel", "--out", tmp_path / "eval", "-q", "--model", "blank")
    assert scored.exit_code == 0, scored.output
    lines = (tmp_path / "eval" / "theme_scores.csv").read_bytes()[3:].decode("utf-8").splitlines()
    assert lines[0] == "system;theme;precision;recall;f1;gold;predicted"
    assert any("0," in line for line in lines[1:]) and not any("0." in line for line in lines[1:])


def test_positions_csv_on_stdout_with_excel_uses_semicolons():
    result = run("positions", CORPUS, "--format", "csv", "--excel", "-q", "--model", "blank", "--body", "FagMED")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("doc;body;")


def test_bad_delimiter_is_refused_before_any_analysis(tmp_path, monkeypatch):
    def no_analysis(*args, **kwargs):
        pytest.fail("the corpus was analysed before the delimiter was checked")

    monkeypatch.setattr(hoering.pipeline, "analyse", no_analysis)
    result = run("analyse", CORPUS, "-d", "|", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == "hoering: error: --delimiter must be ',', ';' or a tab ('\\t'), not '|'\n"
    assert not (tmp_path / "out").exists()
