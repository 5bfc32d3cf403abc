"""The recurrence gold and its measure: pairs read, scored, and a threshold chosen on the tune half."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from hoering.recurrence import (
    PAIR_COLUMNS,
    PairsError,
    best_threshold,
    curve,
    evaluate_tune,
    out_of_fold,
    read_pairs,
    score_pairs,
    scores_at,
)

from conftest import ROOT

PAIRS = ROOT / "devset" / "recurrence" / "pairs.csv"


def write_pairs(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PAIR_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def pair(a_text, b_text, same, half="tune", a_body="KL", b_body="KL"):
    return {
        "a_doc": "a.txt",
        "a_text": a_text,
        "a_body": a_body,
        "b_doc": "b.txt",
        "b_text": b_text,
        "b_body": b_body,
        "same_point": str(same),
        "half": half,
    }


def test_the_shipped_gold_has_both_halves_and_at_least_40_pairs():
    pairs = read_pairs(PAIRS)
    assert len([p for p in pairs if p.same]) >= 40
    assert {p.half for p in pairs} == {"tune", "test"}


def test_a_bad_value_names_the_file_and_line(tmp_path):
    path = write_pairs(tmp_path / "pairs.csv", [pair("Vi støtter forslaget.", "Vi støtter det.", 2)])
    with pytest.raises(PairsError) as caught:
        read_pairs(path)
    assert str(caught.value) == f"{path}:2: same_point must be 0 or 1, not '2'"


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("a_doc,a_text\nx,y\n", encoding="utf-8")
    with pytest.raises(PairsError, match="missing column"):
        read_pairs(path)


def test_the_same_point_in_other_words_scores_above_an_unrelated_pair(tmp_path, rules, blank_pipeline):
    path = write_pairs(
        tmp_path / "pairs.csv",
        [
            pair(
                "KL støtter lovforslaget om en forlængelse af ordningen.",
                "I KL glæder vi os over, at ordningen forlænges med et år.",
                1,
            ),
            pair(
                "Jobcenteret har de vejlederressourcer, som vi har.",
                "De nødvendige ressourcer skal være til rådighed.",
                1,
                a_body="FagMED",
                b_body="LAR",
            ),
            pair(
                "Ordningen udgør en væsentlig sikkerhedsfaktor for økonomisk sårbare børnefamilier.",
                "Borgerne har desværre også ofte flere bekymringer.",
                0,
            ),
        ],
    )
    frame = score_pairs(read_pairs(path), rules, blank_pipeline)
    extension, staffing, unrelated = frame["score"]
    assert extension > unrelated and staffing > unrelated
    assert "forlængelse" in frame["evidence"][0]
    assert "ressource" in frame["evidence"][1]
    assert frame["evidence"][2] == ""


def test_scores_and_the_chosen_threshold():
    frame = pd.DataFrame({"same_point": [1, 1, 0, 0], "score": [80.0, 40.0, 50.0, 10.0]})
    at = scores_at(frame, 40)
    assert (at.precision, at.recall) == (round(2 / 3, 3), 1.0)
    points = curve(frame)
    assert best_threshold(points) in set(points[points["f1"] == points["f1"].max()]["threshold"])
    assert scores_at(frame, 81).f1 == 0.0


def test_evaluate_pairs_option_adds_the_recurrence_figures(tmp_path, blank_pipeline, monkeypatch):
    import json

    from typer.testing import CliRunner

    from hoering.cli import app

    from conftest import CORPUS

    monkeypatch.setattr("hoering.cli.compare_commands.LazyPipeline", lambda model, segmentation: blank_pipeline)
    path = write_pairs(
        tmp_path / "pairs.csv",
        [
            pair("Vi støtter en forlængelse af ordningen.", "Vi glæder os over, at ordningen forlænges.", 1),
            pair("Sagsbehandlerne har for mange sager.", "Borgerne skal have en hurtig afklaring.", 0),
            pair("Vi støtter en forlængelse af ordningen.", "Ordningen forlænges, og det er godt.", 1, half="test"),
            pair("Sanktionerne er for hårde.", "Vejledningen skal være bedre.", 0, half="test"),
        ],
    )
    result = CliRunner().invoke(app, ["evaluate", str(CORPUS), "--pairs", str(path), "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["recurrence"]
    assert set(figures) == {"threshold", "tune", "test", "lexical"}
    assert figures["test"]["pairs"] == 2 and figures["test"]["same_point"] == 1


def test_evaluate_with_a_bad_pairs_file_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from hoering.cli import app

    from conftest import CORPUS

    result = CliRunner().invoke(
        app, ["evaluate", str(CORPUS), "--pairs", str(tmp_path / "none.csv"), "--model", "blank"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"hoering: error: {tmp_path / 'none.csv'}: pairs file not found\n"


def test_out_of_fold_calls_each_group_at_the_threshold_of_the_others():
    # Group "a" alone would choose 50; the others choose a threshold that calls a's 40 not the same point.
    frame = pd.DataFrame(
        {
            "a_doc": ["a", "a", "b", "b", "c", "c"],
            "same_point": [1, 0, 1, 0, 1, 0],
            "score": [40.0, 10.0, 80.0, 45.0, 70.0, 20.0],
        }
    )
    found = out_of_fold(frame)
    assert (found.pairs, found.same) == (6, 3)
    assert found.recall == round(2 / 3, 3)


def test_the_tune_half_is_measured_without_scoring_the_test_half(tmp_path, rules, blank_pipeline):
    path = write_pairs(
        tmp_path / "pairs.csv",
        [
            pair("Vi støtter en forlængelse af ordningen.", "Vi glæder os over, at ordningen forlænges.", 1),
            pair("Sagsbehandlerne har for mange sager.", "Borgerne skal have en hurtig afklaring.", 0),
            pair("Sanktionerne er for hårde.", "Vejledningen skal være bedre.", 0, half="test"),
        ],
    )
    found = evaluate_tune(path, rules, blank_pipeline)
    assert set(found.scored["half"]) == {"tune"} and found.tune.pairs == 2
    assert found.every_pair.precision == 0.5
