"""`hoering evaluate`: figures against the gold standard, beside the baselines."""

from __future__ import annotations

import csv
import io
import json
import shutil

from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["evaluate", *map(str, args)], env={"COLUMNS": "200"})


def test_json_figures_for_the_tool_and_both_baselines():
    result = run(CORPUS, "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures["systems"]) == {"hoering", "substring", "afinn"}
    rows = list(csv.DictReader(io.StringIO((CORPUS / "gold.csv").read_text(encoding="utf-8"))))
    assert figures["segmentation"]["gold"] == len(rows)
    tool, words, lexicon = (figures["systems"][k] for k in ("hoering", "substring", "afinn"))
    # The rules must clearly beat the plain baselines on the sample corpus.
    assert tool["theme_micro_f1"] > words["theme_micro_f1"] + 0.2
    assert tool["stance_accuracy"] > lexicon["stance_accuracy"] + 0.2


def test_tables_and_files(tmp_path):
    result = run(CORPUS, "--out", tmp_path / "eval")
    assert result.exit_code == 0, result.output
    for title in ("Accuracy against the gold standard", "Themes (hoering)", "Stance (hoering)"):
        assert title in result.stdout
    assert sorted(p.name for p in (tmp_path / "eval").iterdir()) == [
        "confusion.csv",
        "evaluation.json",
        "stance_scores.csv",
        "theme_scores.csv",
    ]
    assert (
        (tmp_path / "eval" / "theme_scores.csv")
        .read_text(encoding="utf-8")
        .startswith("system,theme,precision,recall,f1,gold,predicted\nhoering,sygedagpenge,")
    )
    assert f"gold positions from {CORPUS / 'gold.csv'}" in result.stderr


def test_missing_gold_file_is_one_line(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("gold.csv"))
    result = run(folder)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hoering: error: {folder / 'gold.csv'}: cannot read gold file")
    assert len(result.stderr.splitlines()) == 1
