"""The primary stance of a position: cues, negation, contrast."""

from __future__ import annotations

import pytest

from hoering.models import Stance, StanceCall
from hoering.pipeline import Analyser


@pytest.mark.parametrize(
    "sentence",
    [
        "Rådet er enige i, at det er afgørende med en tidlig indsats for at kunne fastholde sygemeldte.",
        "Vi bakker fuldt og helt op om, at den hyppige kontakt med borgerne er et vigtigt redskab i vores arbejde.",
        "Rådet finder det positivt, at der tænkes i investeringer.",
        "Stor anerkendelse af, at Jobcentret er lydhøre i samarbejdet.",
        "Der er fra medarbejderside fuld opbakning til, at indsatsen i et jobcenter naturligvis skal handle om formidling af jobs.",
        "Med de ovenstående bemærkninger kan medarbejdergruppen bakke op om hovedlinjerne i beskæftigelsesplan 2022.",
        "FagMED udtrykker stor tilfredshed med processen og involvering via den nedsatte arbejdsgruppe.",
    ],
)
def test_support(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


@pytest.mark.parametrize(
    "sentence",
    [
        "Imidlertid er det ikke muligt at gøre hvis hver sagsbehandler skal spænde over 80-10 borgere.",
        "I medarbejdergruppen opleves de kvantitative krav til arbejdet ufleksible.",
        "Sygefraværet er stadig højt i Slagelse Kommune.",
        "Den primære udfordring i jobcenter Slagelse er at antallet af myndighedssagsbehandlere er for lavt.",
        "Det skader kommunernes økonomi på sigt.",
        "Når der skal bruges mere tid på én opgave, så går den tid jo uvægerligt fra en anden opgave.",
    ],
)
def test_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Investeringer på sygedagpengeområdet bør fokuseres til social- og sundhedsområdet i kommunen.",
        "Vi vil gerne opfordre kraftigt til, at man i samarbejdet med andre aktører indskærper dette vigtige formål.",
        "Sektor MED vil derfor anbefale, at byrådet nøje overvejer de muligheder, der ligger i styrede investeringer.",
        "Der er behov for at kigge mere på den enkelte borger.",
        "De nødvendige ressourcer skal være til rådighed, så jobcentret forbliver konkurrencedygtig.",
        "Vælg investeringsvejen og vær med til at sikre en stærkere prioritering.",
    ],
)
def test_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


@pytest.mark.parametrize(
    "sentence",
    [
        "Grundlæggende ligger ansvaret for beskæftigelsesindsatsen i de kommunale jobcentre.",
        "Det gælder eksempelvis Hjørring, Ballerup, Slagelse, Silkeborg.",
        "Udgifterne hertil (sygedagpenge) udgør ca. 25% af de samlede sygedagpengeudgifter.",
        "Generelt er der fokus på forebyggelse og fastholdelse.",
        "Der laves en fælles DBA for Beskæftigelse og en for Borgerservice.",
    ],
)
def test_neutral_background_fact(score, sentence):
    call = score(sentence)
    assert call.stance is Stance.NEUTRAL
    assert call.score == 0.0


def test_neutral_below_min_score(score, rules):
    # "skal" alone weighs less than the minimum score: an auxiliary, not a demand.
    assert rules.stance.min_score > 0.4
    call = score("Puljen skal understøtte ledige i at søge uden for eget fagområde.")
    assert call.stance is Stance.NEUTRAL
    assert [cue.matched for cue in call.cues] == ["skal"]


def test_polite_strong_demand_outweighs_support(score):
    call = score("Vi vil gerne opfordre kraftigt til, at vi bakker op om planen.")
    assert call.stance is Stance.DEMAND


# --- negation -------------------------------------------------------------------


def test_negated_agreement_is_concern(score):
    call = score("Vi er ikke enige i forslaget.")
    assert call.stance is Stance.CONCERN
    (cue,) = call.cues
    assert cue.matched == "enige i"
    assert cue.label == "concern"
    assert "negated" in cue.note


def test_negation_after_finite_verb_is_not_support(score):
    call = score("Vi støtter ikke forslaget.")
    assert call.stance is not Stance.SUPPORT
    assert any("negated" in cue.note for cue in call.cues)


def test_no_support_is_not_support(score):
    assert score("Der er ingen opbakning til forslaget.").stance is Stance.CONCERN


def test_negated_concern_is_void(score):
    call = score("Vi er ikke bekymrede for forslaget.")
    assert call.stance is Stance.NEUTRAL


def test_cue_with_its_own_negation_is_not_negated_again(score):
    call = score("Imidlertid er det ikke muligt at gøre det.")
    assert call.stance is Stance.CONCERN
    (cue,) = [c for c in call.cues if c.matched == "ikke muligt"]
    assert "negated" not in cue.note


def test_negation_does_not_reach_across_a_comma(score):
    call = score("Det er ikke nyt, men vi er enige i forslaget.")
    assert call.stance is Stance.SUPPORT


# --- contrast -------------------------------------------------------------------


def test_concern_after_men_outweighs_support_before_it(score):
    call = score("Vi støtter forslaget, men der er risiko for at miste borgere.")
    assert call.stance is Stance.CONCERN
    notes = {cue.matched: cue.note for cue in call.cues}
    assert notes["støtter"] == ""
    assert notes["risiko for"] == "after 'men'"


def test_contrast_weight_doubles_cues_after_the_contrast(score, rules):
    call = score("Vi støtter forslaget, men der er risiko for det.")
    assert call.score == pytest.approx(rules.stance.contrast_weight * 1.0)


def test_support_after_men_outweighs_concern_before_it(score):
    call = score("Det er desværre sent, men vi er enige i forslaget.")
    assert call.stance is Stance.SUPPORT


def test_sentence_initial_men_marks_the_cues(score):
    call = score("Men der er også ønske om, at udvalget forholder sig til en værdig sagsbehandling.")
    assert call.stance is Stance.DEMAND
    assert [cue.note for cue in call.cues] == ["after 'Men'"]


def test_seed_contrast_with_dog(score):
    call = score("Der er dog behov for flere midler til at understøtte initiativet.")
    assert call.stance is Stance.DEMAND
    assert call.cues[0].note == "after 'dog'"


# --- cues -----------------------------------------------------------------------


def test_cues_are_listed_with_offsets(score):
    sentence = "Vi bakker fuldt og helt op om, at den hyppige kontakt med borgerne er vigtig, og alle er enige."
    call = score(sentence)
    assert call.stance is Stance.SUPPORT
    assert [(c.label, c.matched) for c in call.cues] == [
        ("support", "bakker fuldt og helt op om"),
        ("support", "er enige"),
    ]
    for cue in call.cues:
        assert sentence[cue.start : cue.end] == cue.matched


def test_longest_overlapping_cue_wins(score):
    call = score("Der er fra medarbejderside fuld opbakning til forslaget.")
    assert [(c.term, c.matched) for c in call.cues] == [("fuld opbakning", "fuld opbakning")]
    assert call.score == 1.5


def test_cues_in_text_order(score):
    call = score("Vi ønsker bare at gøre opmærksom på, at jobcenteret har de vejlederressourcer, som vi har.")
    assert [c.matched for c in call.cues] == ["ønsker", "gøre opmærksom på"]
    assert call.stance is Stance.CONCERN


def test_position_stance_cues_point_into_the_document(positions_of):
    text = "Til BSU\n\nVi er ikke enige i forslaget. Vi vil gerne opfordre kraftigt til en plan.\n"
    positions = positions_of(text)
    assert [p.stance.stance for p in positions] == [Stance.CONCERN, Stance.DEMAND]
    for position in positions:
        for cue in position.stance.cues:
            assert text[cue.start : cue.end] == cue.matched


def test_stance_score_is_the_sum_of_the_winning_weights(score):
    call = score("Vi vil gerne opfordre beskæftigelsesudvalget til at overveje en prioritering.")
    assert call.stance is Stance.DEMAND
    assert call.score == pytest.approx(1.0 + 1.5 + 1.0)


@pytest.mark.parametrize(
    "sentence",
    ["Vi bakker ikke op om forslaget.", "Vi støtter ikke op om forslaget.", "Rådet hilser ikke forslaget velkommen."],
)
def test_negation_inside_a_gapped_cue_turns_it(score, sentence):
    call = score(sentence)
    assert call.stance is Stance.CONCERN
    assert "negated by 'ikke'" in call.cues[0].note


def test_disagreement_is_concern(score):
    assert score("Vi er uenige i forslaget.").stance is Stance.CONCERN


def test_a_repeated_weak_cue_counts_once(score):
    call = score("Det er op til kommunerne, hvordan jobcentrene skal fungere, og hvad de skal prioritere.")
    assert call.stance is Stance.NEUTRAL
    assert [c.matched for c in call.cues] == ["skal", "skal"]


def test_descriptive_kraever_is_a_cost_not_a_request(score):
    assert score("Den hyppige kontakt med borgerne kræver medarbejdere.").stance is Stance.CONCERN
    assert score("Vi kræver, at planen tager stilling til sagstallet.").stance is Stance.DEMAND


def test_a_second_stance_model_decides_stance_and_cuts(rules, blank_pipeline, new_document):
    class Always:
        name = "always-demand"

        def score(self, tokens):
            return StanceCall(Stance.DEMAND, 1.0, ())

        def split_point(self, tokens):
            return None

    analyser = Analyser(rules, blank_pipeline, stance=Always())
    found = analyser.document(new_document("Vi støtter planen, men unge ledige mangler hjælp."))
    assert [p.stance.stance for p in found] == [Stance.DEMAND]
