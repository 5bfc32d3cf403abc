"""Stance rules from Danish sentence structure, each test on its Danish case.

Inverted word order (V2), relative clauses without their comma, support made
hard, the bill's aim described and rhetorical questions (rules/stance.toml,
[structure]; hoering.clauses).
"""

from __future__ import annotations

import pytest

from hoering.models import Stance

from conftest import cue_notes

# --- inverted word order (V2): the object first --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Det er KL imod.",
        "Det forslag er vi fortsat imod.",
        "Det har Dansk Arbejdsgiverforening hele tiden været imod.",
        "Den model var vi imod allerede i 2019.",
    ],
)
def test_det_er_kl_imod_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Det støtter vi ikke.",
        "Den løsning støttede KL ikke dengang.",
        "Det kan DA ikke støtte.",
        "Det kan vi ikke bakke op om.",
        "Det bakker FH ikke op om.",
    ],
)
def test_det_stoetter_vi_ikke_negation_after_the_inverted_subject_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_det_stoetter_vi_ikke_names_the_negation(score):
    assert cue_notes(score("Det støtter vi ikke."))["støtter"] == "negated by 'ikke'"


@pytest.mark.parametrize(
    "sentence",
    [
        "Det finder vi positivt.",
        "Det bakker FH op om.",
        "Den prioritering er Rådet tilfreds med.",
        "Det er vi enige i.",
    ],
)
def test_det_finder_vi_positivt_keeps_the_stance_of_the_verb_phrase(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


@pytest.mark.parametrize(
    "sentence",
    ["Den udvikling er vi bekymrede for.", "Det er FH stærkt uenig i."],
)
def test_den_udvikling_er_vi_bekymrede_for_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


# --- a relative clause without its comma ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Mennesker som rammes af reformen skal have hjælp.",
        "De borgere der mister ydelsen har brug for støtte.",
        "Borgere der ikke har arbejde har brug for hjælp.",
        "De ledige som mistede deres job sidste år skal tilbydes et kursus.",
    ],
)
def test_de_borgere_der_mister_ydelsen_the_main_clause_judges(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


def test_mennesker_som_rammes_af_reformen_describes_the_group(score):
    call = score("Mennesker som rammes af reformen skal have hjælp.")
    assert cue_notes(call)["rammes"].startswith("describes the group after 'Mennesker som'")


def test_mennesker_som_rammes_with_its_comma_is_read_the_same(score):
    call = score("Mennesker, som rammes af reformen, skal have hjælp.")
    assert call.stance is Stance.DEMAND
    assert "describes the group" in cue_notes(call)["rammes"]


def test_utryghed_hos_de_mennesker_som_rammes_is_no_concern_of_the_body(score):
    call = score("Reformen giver nye muligheder for de mennesker som rammes af den.")
    assert call.stance is not Stance.CONCERN


def test_bekymrede_for_de_borgere_der_mister_ydelsen_keeps_the_main_clause(score):
    assert score("Vi er bekymrede for de borgere der mister ydelsen.").stance is Stance.CONCERN


def test_som_det_fremgaar_is_a_comparison_not_a_relative_clause(score):
    call = score("Som det fremgår af lovforslaget, er KL bekymret for økonomien.")
    assert call.stance is Stance.CONCERN
    assert "relative" not in cue_notes(call)["bekymret"]


def test_baade_unge_som_voksne_compares(score):
    call = score("Både unge som voksne bør have hjælp.")
    assert call.stance is Stance.DEMAND
    assert "relative" not in cue_notes(call)["bør"]


def test_der_er_mange_ledige_existential_der_is_no_relative_clause(score):
    call = score("Der er mange ledige, og KL er bekymret.")
    assert call.stance is Stance.CONCERN


# --- support made hard -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "KL har svært ved at leve op til kravene.",
        "Det er vanskeligt at bakke op om forslaget.",
        "Det kan være svært at se fordelene ved forslaget.",
        "Vi havde svært ved at støtte den første udgave.",
        "Det bliver vanskeligere for kommunerne at bakke op om planen.",
    ],
)
def test_har_svaert_ved_at_leve_op_til_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_vanskeligt_at_bakke_op_om_names_the_difficulty(score):
    call = score("Det er vanskeligt at bakke op om forslaget.")
    assert cue_notes(call)["bakke op om"] == "support made hard by 'vanskeligt': a concern"


def test_svaert_before_a_comma_does_not_reach_the_support(score):
    call = score("Opgaven er svær, men KL støtter forslaget.")
    assert call.stance is Stance.SUPPORT


# --- the bill's aim described ----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Formålet med lovforslaget er at forenkle reglerne.",
        "Lovforslaget har til formål at styrke indsatsen.",
        "Med forslaget ønsker regeringen at forenkle reglerne.",
        "Regeringen ønsker med udspillet at sikre en bedre indsats.",
        "Formålet med det samlede lovforslag er at give kommunerne større frihed.",
    ],
)
def test_formaalet_med_lovforslaget_er_at_is_neutral(score, sentence):
    assert score(sentence).stance is Stance.NEUTRAL


@pytest.mark.parametrize(
    "sentence",
    [
        "Formålet med lovforslaget er at forenkle reglerne, hvilket KL bakker op om.",
        "KL støtter formålet med lovforslaget.",
        "Lovforslaget har til formål at forenkle reglerne, og det støtter vi.",
    ],
)
def test_hvilket_kl_bakker_op_om_the_bodys_judgement_of_the_aim_counts(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


def test_formaalet_men_the_contrast_ends_the_aim(score):
    call = score("Formålet med lovforslaget er at forenkle reglerne, men vi er bekymrede for økonomien.")
    assert call.stance is Stance.CONCERN


def test_formaalet_med_lovforslaget_names_the_aim(score):
    call = score("Formålet med lovforslaget er at forenkle reglerne.")
    assert cue_notes(call)["forenkle"].startswith("the bill's aim after 'Formålet med lovforslaget er at'")


def test_laegges_op_til_still_voids_only_the_modal(score):
    call = score("Der lægges op til, at kommunerne skal have færre opgaver, og det støtter KL.")
    assert call.stance is Stance.SUPPORT


# --- questions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Hvordan skal kommunerne kunne løfte opgaven med færre midler?",
        "Hvorfor skal borgerne vente uden hjælp?",
        "Men hvordan kunne jobcentrene nå det med lavere bevillinger?",
        "Hvem skal betale, når tilskuddet bliver mindre?",
    ],
)
def test_hvordan_skal_kommunerne_kunne_loefte_opgaven_med_faerre_midler_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_a_rhetorical_question_asks_for_nothing_with_its_modals(score):
    call = score("Hvordan skal kommunerne kunne løfte opgaven med færre midler?")
    assert cue_notes(call)["skal"] == "in a rhetorical question after 'Hvordan': not counted"
    assert cue_notes(call)["?"] == "a rhetorical question after 'Hvordan'"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kan det overvejes at udskyde ikrafttrædelsen?",
        "Vil ministeriet overveje at forlænge fristen?",
        "Hvordan vil ministeriet sikre, at borgerne får hjælp?",
    ],
)
def test_kan_det_overvejes_at_is_a_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


def test_hvornaar_traeder_loven_i_kraft_is_no_concern(score):
    assert score("Hvornår træder loven i kraft?").stance is not Stance.CONCERN


# --- a detached subordinate clause completes the sentence before ------------------


def stances(positions) -> list[Stance]:
    return [p.stance.stance for p in positions]


@pytest.mark.parametrize(
    "text",
    [
        "Vi ser et stort behov for et nyt system. Hvor indsatsen opleves meningsfuld for borgeren.",
        "Kommunerne bør få mere frihed. Og hvor de lokale erfaringer bliver brugt.",
        "KL opfordrer til en enklere lov. Således at borgerne forstår reglerne.",
    ],
)
def test_hvor_indsatsen_opleves_meningsfuld_completes_the_demand_before(positions_of, text):
    assert stances(positions_of(text)) == [Stance.DEMAND, Stance.DEMAND]


def test_og_hvor_a_second_fragment_completes_the_same_sentence(positions_of):
    text = "Vi ser et stort behov for et nyt system. Hvor indsatsen giver mening. Og hvor vi bygger videre på viden."
    assert stances(positions_of(text)) == [Stance.DEMAND] * 3


def test_hvor_indsatsen_names_the_rule_and_keeps_only_its_own_cues(positions_of):
    _, fragment = positions_of("Vi ser et stort behov for et nyt system. Hvor indsatsen opleves meningsfuld.")
    assert fragment.stance.cues[-1].note == "read with the sentence it completes, after 'Hvor'"
    assert all(cue.start >= fragment.start for cue in fragment.stance.cues)


def test_hvor_der_er_behov_boer_kommunen_has_a_main_clause_of_its_own(positions_of):
    text = "KL er bekymret for tidsplanen. Hvor der er behov, bør kommunen hjælpe borgerne."
    assert stances(positions_of(text))[1] is Stance.DEMAND
    assert not any("read with" in cue.note for cue in positions_of(text)[1].stance.cues)


def test_hvor_skal_pengene_komme_fra_a_question_is_no_fragment(positions_of):
    text = "Vi støtter forslaget. Hvor skal pengene komme fra?"
    assert not any("read with" in cue.note for cue in positions_of(text)[1].stance.cues)


@pytest.mark.parametrize(
    "sentence",
    ["Det er ikke svært at støtte forslaget.", "Det var ikke vanskeligt for os at bakke op om planen."],
)
def test_ikke_svaert_at_stoette_the_negation_is_the_difficultys(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


# --- a list item completes the lead-in that ends in a colon -----------------------


def test_regeringen_boer_kolon_tage_initiativer_items_complete_the_demand(positions_of):
    text = (
        "Vi mener, at ministeriet bør:\n\n"
        "• styrke vejledningen af de unge\n"
        "• tage initiativer, der gør reglerne enklere\n"
        "• sikre, at sagerne behandles hurtigere\n"
    )
    found = positions_of(text)
    assert stances(found) == [Stance.DEMAND] * 4
    assert found[2].stance.cues[-1].note == "read with the sentence it completes, after ':'"


def test_a_list_item_with_a_capital_is_a_sentence_of_its_own(positions_of):
    text = "Vi mener, at ministeriet bør:\n\n• Loven trådte i kraft i 2020.\n"
    assert stances(positions_of(text))[1] is Stance.NEUTRAL


def test_a_list_after_a_paragraph_without_a_colon_is_read_alone(positions_of):
    text = "Vi mener, at ministeriet bør styrke vejledningen.\n\n• de unge i de mindre byer\n"
    assert stances(positions_of(text))[1] is Stance.NEUTRAL


def test_men_after_a_split_inside_an_item_is_the_items_own(positions_of):
    text = "Vi mener, at ministeriet bør:\n\n• styrke vejledningen af de unge, men der er desværre for få vejledere\n"
    found = positions_of(text)
    assert stances(found)[-1] is Stance.CONCERN
    assert not any("read with" in cue.note for cue in found[-1].stance.cues)


# --- the bill's aim in a relative clause ends with the clause ----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Ændringerne, der har til formål at forenkle reglerne, kan vi kun bifalde.",
        "De nye regler, som har til formål at korte sagsbehandlingen ned kan KL kun bifalde.",
    ],
)
def test_der_har_til_formaal_at_ends_at_the_main_verb(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


def test_der_har_til_formaal_at_kunne_the_infinitive_is_the_aims_own(score):
    sentence = "KL noterer sig ændringerne, der har til formål at kunne give borgerne en bedre service."
    assert score(sentence).stance is Stance.NEUTRAL
