"""The recurrence gold and its measure: pairs read, scored, and a threshold chosen on the tune half."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from hoering.recurrence import PAIR_COLUMNS, PairsError, best_threshold, curve, read_pairs, score_pairs, scores_at

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
