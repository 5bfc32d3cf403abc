"""The linear stance model behind the stance seam: its weights, its calls, and the evidence behind each."""

from __future__ import annotations

import csv
import io
import re

import pytest
from typer.testing import CliRunner

import hoering
from hoering.cli import app
from hoering.errors import UsageError
from hoering.features import RULE_KINDS, WORD_KINDS, StanceRuleFeatures
from hoering.linear import LinearModel, load_model
from hoering.models import Stance
from hoering.pipeline import Analyser
from hoering.stance import StanceScorer
from hoering.stance_linear import LinearStanceModel, default_weights, stance_model

runner = CliRunner()
STANCE_VALUES = tuple(s.value for s in Stance)


@pytest.fixture(scope="module")
def shipped():
    return load_model(default_weights())


def hand_made(weights: dict[str, dict[str, float]]) -> LinearModel:
    """A model that weighs only what a test gives it, every stance at bias 0."""
    return LinearModel("multinomial", STANCE_VALUES, {}, {s: weights.get(s, {}) for s in STANCE_VALUES})


# --- the shipped weights against the current feature extractor -------------------


def test_the_shipped_weights_were_trained_on_the_cue_families_the_rules_have_now(shipped, rules):
    # Fails when a lexicon family is added, renamed or removed: re-train with `make train`.
    assert tuple(shipped.meta["families"]) == StanceRuleFeatures(rules.stance).families()


def test_every_rule_feature_the_shipped_weights_name_can_still_be_found(shipped, rules):
    # Fails when a family, a structure rule or a stance the weights name is gone: re-train with `make train`.
    known = StanceRuleFeatures(rules.stance).names()
    rule_features = {n for n in shipped.features() if n.startswith(RULE_KINDS)}
    assert rule_features
    assert not rule_features - known


def test_every_feature_the_shipped_weights_name_is_of_a_known_kind(shipped):
    assert all(name.startswith(RULE_KINDS + WORD_KINDS) for name in shipped.features())


def test_the_shipped_weights_cover_every_stance_and_say_how_they_were_made(shipped):
    assert sorted(shipped.classes) == sorted(STANCE_VALUES)
    assert {"trained", "command", "training", "cv"} <= set(shipped.meta)
    assert not any("test" in entry for entry in shipped.meta["training"])  # never the realdev test half


# --- calls -----------------------------------------------------------------------


def test_a_demand_the_rules_miss_is_a_demand_when_the_weights_say_so_with_the_feature_shown(rules, tokens):
    sentence = tokens("Reglerne trænger til at blive lavet om.")
    assert StanceScorer(rules.stance).score(sentence).stance is Stance.NEUTRAL
    model = LinearStanceModel(rules.stance, hand_made({"demand": {"words trænge til": 2.0}}))
    call = model.score(sentence)
    assert call.stance is Stance.DEMAND
    shown = {e.matched: e.note for e in call.cues if e.note.startswith("linear")}
    assert shown == {"trænger til": "linear: words trænge til +2.00"}
    summary = next(e for e in call.cues if e.matched == "linear model")
    assert re.fullmatch(r"p 0\.\d\d; rules: neutral", summary.note)
    assert call.score == round(float(summary.note[2:6]), 2)


def test_the_rules_cues_stay_in_the_evidence_and_the_verdict_counts_as_a_feature(rules, tokens):
    model = LinearStanceModel(rules.stance, hand_made({"concern": {"rules concern": 1.0}}))
    call = model.score(tokens("Vi støtter ikke forslaget."))
    assert call.stance is Stance.CONCERN
    assert any(e.matched == "støtter" and "negated by 'ikke'" in e.note for e in call.cues)
    assert any(e.matched == "rules concern" and e.note == "linear +1.00" for e in call.cues)


def test_only_the_features_that_push_towards_the_stance_are_shown_at_most_five(rules, tokens):
    weights = {"demand": {f"word {w}": 0.5 for w in ("vi", "efterlyse", "en", "plan", "for", "de", "ung")}}
    weights["demand"]["word ung"] = -1.0
    call = LinearStanceModel(rules.stance, hand_made(weights)).score(tokens("Vi efterlyser en plan for de unge."))
    shown = [e for e in call.cues if e.note.startswith("linear:")]
    assert len(shown) == 5
    assert all(e.note.endswith("+0.50") for e in shown)


def test_the_shipped_model_calls_a_clear_demand_a_demand_and_shows_why(rules, tokens):
    call = LinearStanceModel(rules.stance).score(tokens("Vi efterlyser en plan for de unge."))
    assert call.stance is Stance.DEMAND
    assert 0 < call.score <= 1
    weights = [e.note for e in call.cues if e.note.startswith("linear")]
    assert weights and all(re.search(r"[+-]\d+\.\d\d$", n) for n in weights)


def test_the_linear_model_cuts_positions_where_the_rules_do(rules, tokens):
    sentence = tokens("Vi støtter planen fuldt ud, men der er risiko for, at de unge ledige mister deres ydelse.")
    assert LinearStanceModel(rules.stance).split_point(sentence) == StanceScorer(rules.stance).split_point(sentence)


def test_an_unknown_stance_model_is_a_usage_error(rules):
    with pytest.raises(UsageError, match="unknown stance model 'forest' \\(use rules, linear\\)"):
        stance_model("forest", rules.stance)


# --- through the analysis and the command line -------------------------------------


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "svar.txt").write_text("Afsender: KL\n\nVi efterlyser en plan for de unge.\n", encoding="utf-8")
    return tmp_path


def test_the_result_names_the_linear_model_and_a_cache_of_the_rules_is_not_read_for_it(folder, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    by_rules = hoering.analyse(folder, model="blank", cache=cache, stance="rules")
    by_linear = hoering.analyse(folder, model="blank", cache=cache, stance="linear")
    assert (by_rules.stance_model, by_linear.stance_model) == ("rules", "linear")
    assert not any(e.matched == "linear model" for p in by_rules.items for e in p.stance.cues)
    assert all(any(e.matched == "linear model" for e in p.stance.cues) for p in by_linear.items)


def test_the_linear_model_analyses_as_the_analyser_does(rules, blank_pipeline, new_document):
    analyser = Analyser(rules, blank_pipeline, stance=LinearStanceModel(rules.stance))
    (position,) = analyser.document(new_document("Vi efterlyser en plan for de unge."))
    assert position.stance.stance is Stance.DEMAND


def test_stance_model_linear_on_the_command_line_shows_the_features_in_the_evidence(folder):
    result = runner.invoke(app, ["positions", str(folder), "--stance-model", "linear", "--format", "csv", "-q"])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["stance"] == "demand"
    assert "linear model [" in row["stance_cues"] and "(p 0." in row["stance_cues"]


def test_an_unknown_stance_model_on_the_command_line_is_refused(folder):
    result = runner.invoke(app, ["positions", str(folder), "--stance-model", "forest"])
    assert result.exit_code == 2
    assert "--stance-model" in result.output
