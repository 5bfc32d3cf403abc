"""The readable features of the linear models: words by lemma and compound part, and what the rules found."""

from __future__ import annotations

import pytest

from hoering.features import RULE_NOTES, StanceFeatures, StanceRuleFeatures, note_parts, rule_of
from hoering.models import Stance
from hoering.stance import StanceScorer


@pytest.fixture(scope="module")
def features(rules, tokens):
    extractor = StanceFeatures(rules.stance)
    scorer = StanceScorer(rules.stance)

    def run(text: str) -> list[str]:
        found = tokens(text)
        return [f.name for f in extractor.extract(found, scorer.score(found))]

    return run


def test_a_compound_counts_by_its_lemma_and_its_head(features):
    names = features("Sagstallet er for højt.")
    assert "word sagstal" in names
    assert "part tal" in names


def test_two_words_in_a_row_are_a_pair_but_not_across_a_comma(features):
    names = features("Fristen bør forlænges, desværre.")
    assert "words bør forlænge" in names
    assert not any(n.startswith("words forlænge ") for n in names)


def test_negation_scopes_the_verb_before_and_the_words_after_up_to_a_comma(features):
    names = features("Vi støtter ikke forslaget, men planen.")
    assert {"word not støtte", "word not forslag", "word ikke"} <= set(names)
    assert "word plan" in names
    assert "word not plan" not in names


def test_the_rules_verdict_and_the_family_of_the_cue_are_features(features, rules):
    names = features("Vi efterlyser en plan for de unge.")
    assert names[0] == "rules demand"
    families = {t.family for t in rules.stance.cues[Stance.DEMAND] if t.pattern.source.startswith("efterlys")}
    assert any(f"cue demand/{family}" in names for family in families)


def test_a_negated_cue_is_named_by_what_it_was_written_as(features):
    names = features("Vi støtter ikke forslaget.")
    assert names[0] == "rules concern"
    assert "cue support/stance.toml (negated)" in names
    assert "rule negation" in names


def test_a_demand_in_a_relative_clause_is_not_counted_and_says_so(features):
    names = features("Det er den omsorg, der bør og skal drages for de unge.")
    assert "rule relative clause" in names
    assert any(n.startswith("cue demand/") and n.endswith("(not counted)") for n in names)


def test_the_body_s_view_after_mener_is_a_rule_feature(features):
    assert "rule the body's view" in features("DS mener, at borgerne skal have en fast sagsbehandler.")


def test_a_question_with_no_cue_is_the_question_rule(features):
    assert "rule question" in features("Hvornår kommer bekendtgørelsen?")


def test_thanks_are_the_thanks_rule(features):
    assert "rule thanks or receipt" in features("DS takker for muligheden for at afgive høringssvar og er bekymret.")


def test_every_note_the_rules_give_on_the_sample_corpus_names_a_rule_the_features_know(sample_result):
    # A structure rule added to hoering.stance gives a note no entry of RULE_NOTES starts: add it there, and re-train.
    unknown = {
        part for p in sample_result.items for cue in p.stance.cues for part in note_parts(cue) if rule_of(part) is None
    }
    assert not unknown


def test_every_rule_has_a_feature_name_of_its_own():
    names = [name for _, name in RULE_NOTES]
    assert len(set(names)) == len(names)


def test_the_families_are_those_of_the_lexicon_files_and_stance_toml(rules):
    families = StanceRuleFeatures(rules.stance).families()
    assert "demand/directive verbs" in families
    assert "support/stance.toml" in families
    assert list(families) == sorted(families)
