"""Evaluation: gold files, alignment by overlap, metrics on a hand-computed example."""

from __future__ import annotations

from pathlib import Path

import pytest

import hoering
from hoering.evaluate import (
    TOOL,
    GoldError,
    GoldPosition,
    align,
    documents_of,
    evaluate,
    read_gold,
    score,
    select_split,
)
from hoering.models import Position, Stance, StanceCall

from conftest import CORPUS, make_document

THEMES = ("unge", "sagsantal", "digitalisering")


def predicted(start: int, end: int, themes: tuple[str, ...], stance: Stance) -> Position:
    from hoering.models import Evidence

    evidence = tuple(Evidence(t, t, t, start, end) for t in themes)
    return Position(
        "a.txt", "B", "raad", "2023", "", "", 1, start, end, "x", themes=evidence, stance=StanceCall(stance, 1.0)
    )


def gold(start: int, end: int, themes: set[str], stance: Stance) -> GoldPosition:
    return GoldPosition(2, "a.txt", start, end, frozenset(themes), stance)


TOOL_ONLY = {"tool": (lambda p: frozenset(p.theme_ids), lambda p: p.stance.stance)}


@pytest.fixture
def toy():
    golds = [
        gold(0, 10, {"unge"}, Stance.SUPPORT),
        gold(11, 21, {"unge", "sagsantal"}, Stance.CONCERN),
        gold(22, 32, set(), Stance.NEUTRAL),
    ]
    preds = [
        predicted(0, 21, ("unge",), Stance.SUPPORT),  # merges the first two gold positions
        predicted(22, 27, ("sagsantal",), Stance.DEMAND),  # splits the third ...
        predicted(27, 32, (), Stance.NEUTRAL),  # ... in two
        predicted(40, 50, ("digitalisering",), Stance.SUPPORT),  # outside every gold position
    ]
    return align(preds, golds, TOOL_ONLY)


def test_alignment_reports_split_merged_and_spurious(toy):
    units, seg = toy
    assert (seg.gold, seg.predicted, seg.same, seg.split, seg.merged, seg.shifted, seg.missed, seg.spurious) == (
        3, 4, 0, 1, 2, 0, 0, 1,
    )  # fmt: skip
    assert [sorted(u.themes["tool"]) for u in units] == [["unge"], ["unge"], ["sagsantal"], ["digitalisering"]]
    assert [u.stances["tool"] for u in units[:3]] == [Stance.SUPPORT, Stance.SUPPORT, Stance.DEMAND]


def test_metrics_match_the_hand_computed_figures(toy):
    units, _ = toy
    s = score(units, "tool", THEMES)
    per_theme = s.themes.set_index("theme")
    assert per_theme.loc["unge", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert per_theme.loc["sagsantal", ["precision", "recall", "f1", "gold", "predicted"]].tolist() == [0, 0, 0, 1, 1]
    assert s.theme_micro_f1 == pytest.approx(4 / 7)  # TP 2, FP 2, FN 1
    assert s.theme_macro_f1 == pytest.approx(1 / 3)
    assert s.stance_accuracy == pytest.approx(1 / 3)
    assert s.confusion.loc["concern", "support"] == 1
    assert s.confusion.loc["neutral", "demand"] == 1
    assert int(s.confusion.to_numpy().sum()) == 3  # the spurious position has no gold stance
    assert s.cell_agreement == 0.0  # unge/support is 2 predicted against 1 gold
    assert s.cell_presence == pytest.approx(1 / 5)


def test_a_perfect_prediction_scores_one():
    golds = [gold(0, 10, {"unge"}, Stance.SUPPORT), gold(11, 21, set(), Stance.NEUTRAL)]
    preds = [predicted(0, 10, ("unge",), Stance.SUPPORT), predicted(11, 21, (), Stance.NEUTRAL)]
    units, seg = align(preds, golds, TOOL_ONLY)
    s = score(units, "tool", THEMES)
    assert seg.same == 2 and seg.agreement == 1.0
    assert (s.theme_micro_f1, s.stance_accuracy, s.cell_agreement) == (1.0, 1.0, 1.0)


def test_a_small_boundary_overlap_does_not_count():
    golds = [gold(0, 100, {"unge"}, Stance.SUPPORT)]
    preds = [predicted(95, 200, ("sagsantal",), Stance.CONCERN)]
    units, seg = align(preds, golds, TOOL_ONLY)
    assert seg.missed == 1 and seg.spurious == 1
    assert units[0].themes["tool"] == frozenset()


def test_a_missed_gold_position_counts_under_its_documents_body():
    # "Det er derfor klart, at Én plan ikke kan være en administrativ plan": a claim the tool
    # took for a heading is missed, but it is still the sender's claim, not a nameless body's.
    golds = [gold(0, 10, {"unge"}, Stance.SUPPORT), gold(11, 21, {"sagsantal"}, Stance.DEMAND)]
    preds = [predicted(0, 10, ("unge",), Stance.SUPPORT)]
    units, seg = align(preds, golds, TOOL_ONLY)
    assert seg.missed == 1
    assert [u.body for u in units] == ["B", "B"]
    s = score(units, "tool", THEMES)
    assert s.cell_agreement == pytest.approx(1 / 2)  # B/unge/support equal, B/sagsantal/demand 1 against 0


def test_disagreements_name_each_wrong_call_and_each_spurious_theme():
    from hoering.disagreements import disagreements
    from hoering.evaluate import Evaluation

    golds = [
        gold(0, 10, {"unge"}, Stance.SUPPORT),
        gold(11, 21, set(), Stance.NEUTRAL),
        gold(22, 32, set(), Stance.DEMAND),
    ]
    preds = [
        predicted(0, 10, ("unge",), Stance.SUPPORT),  # right
        predicted(11, 21, ("sagsantal",), Stance.NEUTRAL),  # a theme too many
        predicted(40, 50, ("digitalisering",), Stance.SUPPORT),  # outside the gold, with a theme
        predicted(60, 70, (), Stance.NEUTRAL),  # outside the gold, no theme: not a disagreement
    ]
    units, seg = align(preds, golds, TOOL_ONLY)
    rows = disagreements(Evaluation(seg, {}, {}, tuple(units)), "tool")
    got = rows[["char_start", "cut", "gold_themes", "tool_themes", "gold_stance", "tool_stance"]]
    assert got.to_dict("records") == [
        {"char_start": 11, "cut": "same", "gold_themes": "", "tool_themes": "sagsantal",
         "gold_stance": "neutral", "tool_stance": "neutral"},
        {"char_start": 22, "cut": "missed", "gold_themes": "", "tool_themes": "",
         "gold_stance": "demand", "tool_stance": "neutral"},
        {"char_start": 40, "cut": "spurious", "gold_themes": "", "tool_themes": "digitalisering",
         "gold_stance": "", "tool_stance": "support"},
    ]  # fmt: skip
    assert rows.loc[1, "stance_cues"] == ""  # nothing overlaps the missed position


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_gold_rows_by_text_or_offsets(tmp_path):
    document = make_document("Vi støtter planen. Der er for få sagsbehandlere.", doc_id="a.txt")
    path = write(
        tmp_path / "gold.csv",
        "doc,char_start,char_end,text,themes,stance\n"
        "a.txt,0,18,Vi støtter planen.,,support\n"
        "a.txt,,,Der er for få sagsbehandlere.,sagsantal,concern\n",
    )
    rows = read_gold(path, {"a.txt": document.text}, THEMES)
    assert [(r.start, r.end, r.themes, r.stance) for r in rows] == [
        (0, 18, frozenset(), Stance.SUPPORT),
        (19, 48, frozenset({"sagsantal"}), Stance.CONCERN),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("b.txt,0,5,Vi st,,support", ":2: document 'b.txt' is not in the corpus"),
        ("a.txt,0,5,Vi st,trivsel,support", ":2: unknown theme 'trivsel'"),
        ("a.txt,0,5,Vi st,,glad", ":2: unknown stance 'glad'"),
        ("a.txt,0,5,Vi xx,,support", ":2: text does not match the document at 0:5"),
        ("a.txt,0,500,,,support", ":2: span 0:500 is outside the document"),
        ("a.txt,,,Ikke her.,,support", ":2: text not found in the document"),
    ],
)
def test_bad_gold_rows_name_file_and_line(tmp_path, row, message):
    path = write(tmp_path / "gold.csv", f"doc,char_start,char_end,text,themes,stance\n{row}\n")
    with pytest.raises(GoldError, match=message):
        read_gold(path, {"a.txt": "Vi støtter planen."}, THEMES)


def test_the_stance_model_that_ran_is_named_as_the_tools_system(blank_pipeline):
    class Always:
        name = "always-demand"

        def score(self, tokens):
            return StanceCall(Stance.DEMAND, 1.0, ())

        def split_point(self, tokens):
            return None

    result = hoering.analyse(CORPUS, model=blank_pipeline, stance=Always(), corrections=False)
    gold = read_gold(CORPUS / "gold.csv", documents_of(CORPUS), result.rules.codebook.ids)
    figures = evaluate(result, gold).summary()["systems"]
    assert figures[TOOL]["stance_model"] == "always-demand"
    assert figures["afinn"]["stance_model"] == "afinn"


def test_split_column_selects_the_tune_or_test_rows(tmp_path):
    path = write(
        tmp_path / "gold.csv",
        "doc,char_start,char_end,text,themes,stance,split\n"
        "a.txt,0,18,Vi støtter planen.,,support,tune\n"
        "b.txt,0,18,Vi støtter planen.,,support,test\n",
    )
    rows = read_gold(path, {"a.txt": "Vi støtter planen.", "b.txt": "Vi støtter planen."}, THEMES)
    assert [r.doc for r in select_split(rows, "tune")] == ["a.txt"]
    assert [r.doc for r in select_split(rows, "test")] == ["b.txt"]
    assert len(select_split(rows, None)) == 2
    with pytest.raises(GoldError, match=r"no gold rows in split 'dev' \(splits in the file: test, tune\)"):
        select_split(rows, "dev", path)


def test_documents_the_gold_does_not_name_are_not_scored():
    from types import SimpleNamespace

    from hoering.evaluate import evaluate

    other = Position("b.txt", "B", "raad", "", "", "", 1, 0, 10, "x", themes=(), stance=StanceCall(Stance.SUPPORT, 1))
    result = SimpleNamespace(
        items=[predicted(0, 10, ("unge",), Stance.SUPPORT), other],
        rules=SimpleNamespace(codebook=SimpleNamespace(ids=THEMES, themes=())),
        stance_model="rules",
    )
    evaluation = evaluate(
        result, [gold(0, 10, {"unge"}, Stance.SUPPORT)], lambda text: frozenset(), lambda t: Stance.NEUTRAL
    )
    assert evaluation.segmentation.predicted == 1
    assert evaluation.segmentation.spurious == 0
