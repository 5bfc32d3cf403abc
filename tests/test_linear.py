"""Sparse linear scoring and its weights file: what a trained model ships as, read without scikit-learn."""

from __future__ import annotations

import math

import pytest

from hoering.errors import RulesError
from hoering.linear import Feature, LinearModel, dump_model, load_model


def model(kind: str = "multinomial") -> LinearModel:
    return LinearModel(
        kind,
        ("concern", "demand"),
        {"concern": 0.5, "demand": -0.5},
        {"concern": {"word bekymring": 2.0}, "demand": {"word bør": 1.5, "word bekymring": -1.0}},
        {"trained": "2026-01-01", "cv": {"rules": {"all": 0.8}}},
    )


def test_a_class_scores_its_bias_plus_the_weights_of_the_features_present():
    scores = model().scores([Feature("word bør"), Feature("word ukendt")])
    assert scores == {"concern": 0.5, "demand": 1.0}


def test_a_feature_named_twice_counts_once():
    assert model().scores([Feature("word bør"), Feature("word bør")]) == model().scores([Feature("word bør")])


def test_multinomial_probabilities_sum_to_one_and_follow_the_scores():
    p = model().probabilities([Feature("word bør")])
    assert math.isclose(sum(p.values()), 1.0)
    assert p["demand"] > p["concern"]


def test_one_vs_rest_gives_each_class_its_own_probability():
    p = model("one-vs-rest").probabilities([Feature("word bør")])
    assert math.isclose(p["demand"], 1 / (1 + math.exp(-1.0)))
    assert math.isclose(p["concern"], 1 / (1 + math.exp(-0.5)))


def test_contributions_are_largest_first_with_the_words_they_stand_on():
    features = [Feature("word bekymring", 1.0, 10, 19, "bekymring"), Feature("word bør", 1.0, 0, 3, "bør")]
    found = model().contributions(features, "demand")
    assert [(f.matched, w) for f, w in found] == [("bør", 1.5), ("bekymring", -1.0)]


def test_a_written_model_reads_back_the_same_and_sorted(tmp_path):
    path = tmp_path / "weights.toml"
    path.write_text(dump_model(model(), ["made in a test"]), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# made in a test\n")
    assert text.index('"word bekymring"', text.index("[weights.demand]")) < text.index(
        '"word bør"', text.index("[weights.demand]")
    )
    back = load_model(path)
    assert (back.kind, back.classes, back.bias, back.weights) == (
        "multinomial",
        model().classes,
        model().bias,
        model().weights,
    )
    assert back.meta["cv"] == {"rules": {"all": 0.8}}
    assert back.digest


def test_the_same_model_writes_the_same_text():
    assert dump_model(model()) == dump_model(model())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[model]\nkind = "forest"\nclasses = ["a"]\n', "[model -> kind] expected one of multinomial, one-vs-rest"),
        (
            '[model]\nkind = "multinomial"\nclasses = ["a"]\n[weights.a]\n"word x" = "high"\n',
            "[weights.a] 'word x' expected a number",
        ),
        (
            '[model]\nkind = "multinomial"\nclasses = ["a"]\n[weights.b]\n"word x" = 1.0\n',
            "[weights.b] is not one of the model's classes",
        ),
        ('[model]\nkind = "multinomial"\nclasses = []\n', "[model -> classes] expected a list of class names"),
    ],
)
def test_a_bad_weights_file_names_the_file_line_and_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "weights.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_model(path)
    assert str(caught.value).startswith(f"{path}:")
    assert message in str(caught.value)
