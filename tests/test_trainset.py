"""What the linear models are trained on (tools/trainset.py): the tune half only, consultations kept together."""

from __future__ import annotations

import sys

import pytest

from hoering.linear import Feature

from conftest import ROOT

pytest.importorskip("sklearn", reason="scikit-learn (the [dev] extra) fits the linear models")
sys.path.insert(0, str(ROOT / "tools"))

import trainset


def test_inner_folds_keep_each_consultation_in_one_fold():
    groups = ["a", "a", "b", "c", "c", "c", "d", "e", "f", "f"]
    folds = trainset.grouped_folds(groups, k=3)
    assert len(folds) == 3
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    assert sorted(i for _, test in folds for i in test) == list(range(len(groups)))
    assert folds == trainset.grouped_folds(groups, k=3)


def test_leave_one_group_out_holds_out_each_group_once():
    groups = ["x", "y", "x", "z"]
    assert [test for _, test in trainset.logo(groups)] == [[0, 2], [1], [3]]


def test_a_word_only_ever_written_with_a_capital_gets_no_weight():
    features = [
        [
            Feature("word jensen", 1.0, 0, 6, "Jensen"),
            Feature("word plan", 1.0, 7, 11, "plan"),
            Feature("rules demand"),
        ],
        [Feature("word jensen", 1.0, 0, 6, "Jensen"), Feature("word plan", 1.0, 7, 11, "plan")],
    ]
    matrix = trainset.FeatureMatrix(features, ("rules ",))
    kept = {matrix.names[k] for k in matrix.vocabulary([0, 1], ("rules ", "word "))}
    assert kept == {"word plan", "rules demand"}


def test_a_word_in_one_position_only_gets_no_weight():
    plan = [Feature("word plan", 1.0, 0, 4, "plan")]
    features = [[Feature("word sjælden", 1.0, 0, 7, "sjælden")], plan, plan]
    matrix = trainset.FeatureMatrix(features, ("rules ",))
    assert {matrix.names[k] for k in matrix.vocabulary([0, 1, 2], ("word ",))} == {"word plan"}


def test_micro_f1_counts_every_theme_of_every_unit():
    pairs = [(frozenset({"a", "b"}), frozenset({"a"})), (frozenset(), frozenset({"c"}))]
    assert trainset.micro_f1(pairs) == pytest.approx(2 * 1 / (2 * 1 + 1 + 1))


def test_the_training_units_are_the_tune_half_of_realdev_never_the_test_half(rules):
    found = trainset.units(rules)
    realdev = [u for u in found if u.set == "realdev tune"]
    assert realdev and all(u.gold.split == "tune" for u in realdev)
    assert {u.set for u in found} == {"corpus", "devset", "realdev tune"}
    assert all(u.group.startswith("realdev ") for u in realdev)
