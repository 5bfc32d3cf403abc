"""`hoering evaluate`: figures against the gold standard, beside the baselines."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()
GOLDEN_ROUNDS = Path(__file__).parent / "golden" / "rounds" / "input"


def run(*args: str):
    return runner.invoke(app, ["evaluate", *map(str, args)], env={"COLUMNS": "200"})


def test_json_figures_for_the_tool_and_both_baselines():
    result = run(CORPUS, "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures["systems"]) == {"hoering", "substring", "afinn"}
    stance_models = {name: system["stance_model"] for name, system in figures["systems"].items()}
    assert stance_models == {"hoering": "rules", "substring": None, "afinn": "afinn"}
    rows = list(csv.DictReader(io.StringIO((CORPUS / "gold.csv").read_text(encoding="utf-8"))))
    assert figures["segmentation"]["gold"] == len(rows)


def _gold_of_own_positions(tmp_path: Path, flip: int | None = None) -> Path:
    """A corpus whose gold file is the tool's own positions; with `flip`, that position's stance is changed."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in GOLDEN_ROUNDS.glob("*.txt"):
        shutil.copy(source, folder / source.name)
    found = runner.invoke(app, ["positions", str(folder), "--format", "csv", "-m", "blank", "-q"])
    assert found.exit_code == 0, found.output
    rows = list(csv.DictReader(io.StringIO(found.stdout)))
    with (folder / "gold.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc", "char_start", "char_end", "themes", "stance"])
        for i, row in enumerate(rows):
            stance = row["stance"]
            if i == flip:
                stance = "concern" if stance != "concern" else "support"
            writer.writerow([row["doc"], row["char_start"], row["char_end"], row["themes"], stance])
    return folder


def test_gold_equal_to_the_output_scores_one(tmp_path):
    folder = _gold_of_own_positions(tmp_path)
    figures = json.loads(run(folder, "--format", "json", "-m", "blank", "-q").stdout)
    tool = figures["systems"]["hoering"]
    assert (tool["theme_micro_f1"], tool["stance_accuracy"], tool["cell_agreement"]) == (1.0, 1.0, 1.0)
    assert figures["segmentation"]["same"] == figures["segmentation"]["gold"]


def test_one_stance_changed_in_the_gold_costs_one_position(tmp_path):
    folder = _gold_of_own_positions(tmp_path, flip=0)
    figures = json.loads(run(folder, "--format", "json", "-m", "blank", "-q").stdout)
    gold = figures["segmentation"]["gold"]
    assert figures["systems"]["hoering"]["stance_accuracy"] == round((gold - 1) / gold, 3)
    assert figures["systems"]["hoering"]["theme_micro_f1"] == 1.0


def test_disagreements_list_the_one_position_whose_gold_stance_differs(tmp_path):
    folder = _gold_of_own_positions(tmp_path, flip=0)
    gold = next(csv.DictReader(io.StringIO((folder / "gold.csv").read_text(encoding="utf-8"))))
    result = run(folder, "-m", "blank", "-q", "--out", tmp_path / "eval")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "eval" / "disagreements.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    (row,) = rows
    assert (row["doc"], row["char_start"], row["char_end"]) == (gold["doc"], gold["char_start"], gold["char_end"])
    assert row["gold_stance"] == gold["stance"] != row["tool_stance"]
    assert row["cut"] == "same" and row["tool_text"] == ""
    assert row["gold_themes"] == row["tool_themes"]
    text = (folder / gold["doc"]).read_text(encoding="utf-8")
    assert row["text"] == text[int(gold["char_start"]) : int(gold["char_end"])]


def test_a_gold_equal_to_the_output_has_no_disagreements(tmp_path):
    folder = _gold_of_own_positions(tmp_path)
    assert run(folder, "-m", "blank", "-q", "--out", tmp_path / "eval").exit_code == 0
    lines = (tmp_path / "eval" / "disagreements.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "doc,char_start,char_end,text,cut,gold_themes,tool_themes,gold_stance,tool_stance,"
        "stance_cues,theme_evidence,tool_text"
    ]


def test_tables_and_files(tmp_path):
    result = run(CORPUS, "--out", tmp_path / "eval")
    assert result.exit_code == 0, result.output
    for title in ("Accuracy against the gold standard", "Themes (hoering)", "Stance (hoering)"):
        assert title in result.stdout
    assert sorted(p.name for p in (tmp_path / "eval").iterdir()) == [
        "confusion.csv",
        "disagreements.csv",
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


REALDEV = CORPUS.parent / "devset" / "realdev"


def test_split_scores_one_half_of_the_realdev_gold():
    rows = list(csv.DictReader(io.StringIO((REALDEV / "gold.csv").read_text(encoding="utf-8"))))
    tune = sum(1 for r in rows if r["split"] == "tune")
    result = run(REALDEV / "responses", "--gold", REALDEV / "gold.csv", "--split", "tune", "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["segmentation"]["gold"] == tune


def test_unknown_split_is_one_line():
    result = run(REALDEV / "responses", "--gold", REALDEV / "gold.csv", "--split", "dev", "-q")
    assert result.exit_code == 1
    assert "no gold rows in split 'dev' (splits in the file: test, tune)" in result.stderr
    assert len(result.stderr.splitlines()) == 1
