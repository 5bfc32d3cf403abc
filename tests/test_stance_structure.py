"""Stance lexicon families and the sentence-structure rules, each on its Danish case."""

from __future__ import annotations

import dataclasses

import pytest

from hoering.models import Stance
from hoering.stance import StanceScorer

from conftest import cue_notes

# --- lexicon families --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Lovforslaget går i en rigtig retning.",
        "DA hilser initiativet velkommen.",
        "KL er meget glad for forenklingen.",
        "Vi sætter pris på, at ministeriet har lyttet.",
        "Planen er en god start.",
        "FH finder det fornuftigt at samle reglerne.",
        "Dansk Socialrådgiverforening bifalder forslaget.",
    ],
)
def test_support_constructions_from_real_responses(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


@pytest.mark.parametrize(
    "sentence",
    [
        "Det er helt uacceptabelt.",
        "Familierne vil miste et betydeligt beløb.",
        "De svageste rammes af forslaget.",
        "DA kan ikke anbefale modellen.",
        "Reformen har været en fiasko.",
        "Det er problematisk for borgerne.",
    ],
)
def test_concern_constructions_from_real_responses(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Ministeriet burde have inddraget parterne.",
        "Der savnes en vurdering af konsekvenserne.",
        "FH efterlyser en plan for de ledige.",
        "Vi håber, at planen bliver revideret.",
        "Ankestyrelsen henstiller til, at reglen præciseres.",
        "Det er vigtigt, at borgerne får vejledning.",
    ],
)
def test_demand_constructions_from_real_responses(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


def test_kan_ikke_anbefale_is_concern_not_a_negated_demand(score):
    call = score("DA kan ikke anbefale modellen.")
    assert [(c.label, c.matched) for c in call.cues] == [("concern", "kan ikke anbefale")]


def test_ekspertgruppens_anbefalinger_are_not_the_bodys_demand(score):
    call = score("Ekspertgruppens anbefalinger blev offentliggjort i juni.")
    assert call.stance is Stance.NEUTRAL
    assert [c.label for c in call.cues] == ["neutral"]


# --- thanks and receipts -----------------------------------------------------


def test_akademikerne_vil_gerne_takke_is_thanks_not_a_demand(score):
    call = score("Akademikerne vil gerne takke for muligheden for at afgive høringssvar.")
    assert call.stance is Stance.NEUTRAL


def test_thanks_voids_the_cues_of_its_clause(score):
    call = score("DS takker for muligheden for at kommentere lovforslaget om borgere med komplekse problemer.")
    assert call.stance is Stance.NEUTRAL
    assert cue_notes(call)["problemer"] == "in thanks, a receipt or a quotation: not counted"


def test_a_quoted_title_aftale_om_en_forenklet_indsats_is_no_support(score):
    call = score("Lovforslagene implementerer ”Aftale om en forenklet beskæftigelsesindsats” fra 2018.")
    assert call.stance is Stance.NEUTRAL


def test_kl_har_modtaget_is_a_receipt(score):
    assert score("KL har den 29. januar modtaget lovforslaget i høring.").stance is Stance.NEUTRAL


def test_kl_har_den_20_juni_2025_modtaget_lovforslag_a_dated_receipt(score):
    call = score("KL har den 20. juni 2025 modtaget lovforslag om en forenklet og bedre indsats.")
    assert call.stance is Stance.NEUTRAL
    assert "in thanks, a receipt or a quotation" in cue_notes(call)["forenklet"]


def test_vi_takker_for_at_regeringen_har_lyttet_is_thanks_for_what_was_done(score):
    call = score("Vi takker for, at regeringen har lyttet, og bakker op om forslaget.")
    assert call.stance is Stance.SUPPORT


def test_takker_for_at_faa_lov_til_at_afgive_hoeringssvar_is_still_thanks(score):
    call = score("DS takker for at få lov til at afgive høringssvar om forenklede regler.")
    assert call.stance is Stance.NEUTRAL


def test_a_stance_after_the_thanks_clause_still_counts(score):
    call = score("DS takker for muligheden for at afgive høringssvar, men er bekymret for tidsplanen.")
    assert call.stance is Stance.CONCERN


# --- relative clauses --------------------------------------------------------


def test_bor_og_skal_in_a_relative_clause_describes_and_is_not_a_demand(score):
    call = score("Vi vil fremhæve den omsorg, der bør og skal drages for de unge.")
    assert call.stance is Stance.NEUTRAL
    assert cue_notes(call)["bør"].startswith("in a relative clause after 'der'")


def test_at_der_skal_is_no_relative_clause(score):
    call = score("DS mener, at der skal afsættes flere midler.")
    assert call.stance is Stance.DEMAND


def test_an_evaluation_in_a_relative_clause_counts_less(score, rules):
    call = score("Det gælder den ordning, som er i risiko for at blive afskaffet.")
    weights = [c.note for c in call.cues]
    assert all(n.startswith("in a relative clause after 'som'") for n in weights)
    assert call.score == pytest.approx(
        rules.stance.structure.relative_weight * sum(t.weight for t in cue_terms(rules, "risiko for")),
        abs=0.01,  # the score is rounded to two decimals
    )


def test_de_borgere_som_er_i_risiko_a_relative_clause_after_a_person_describes_the_group(score):
    # The concern is the borgere's situation, not the body's view of the bill (tests/test_stance_grammar.py).
    call = score("Det gælder de borgere, som er i risiko for at miste ydelsen.")
    assert call.stance is Stance.NEUTRAL
    assert all(c.note.startswith("describes the group after 'borgere som'") for c in call.cues)


def cue_terms(rules, *sources):
    found = {t.pattern.source: t for t in rules.stance.cues[Stance.CONCERN]}
    return [found[s] for s in sources]


# --- the bill's own content and the body's view ------------------------------


def test_det_fremgaar_af_lovforslaget_at_der_skal_is_the_bills_content(score):
    call = score("Det fremgår af lovforslaget, at kommunen skal holde samtaler hver måned.")
    assert call.stance is Stance.NEUTRAL
    assert "the text's own content after" in cue_notes(call)["skal"]


def test_ds_mener_at_borgerne_skal_is_the_bodys_demand(score):
    call = score("DS mener helt overordnet, at borgerne skal have en fast sagsbehandler.")
    assert call.stance is Stance.DEMAND
    assert "in the body's view after 'mener'" in " ".join(cue_notes(call).values())


def test_reported_speech_keeps_the_complements_stance(score):
    assert score("DA mener, at reglerne bør forenkles.").stance is Stance.DEMAND
    assert score("DA finder det yderst problematisk, at forslaget ikke er finansieret.").stance is Stance.CONCERN


# --- intensifiers and hedges -------------------------------------------------


def test_yderst_bekymrede_counts_more_than_bekymrede(score, rules):
    plain, strong = score("Vi er bekymrede."), score("Vi er yderst bekymrede.")
    assert strong.score == pytest.approx(plain.score * rules.stance.structure.intensifier_weight)
    assert cue_notes(strong)["bekymrede"] == "intensified by 'yderst'"


def test_muligvis_hedges_a_cue(score, rules):
    plain, hedged = score("Det er problematisk."), score("Det er muligvis problematisk.")
    assert hedged.score == pytest.approx(plain.score * rules.stance.structure.hedge_weight)


# --- questions ---------------------------------------------------------------


def test_a_question_asks_for_an_answer(score):
    call = score("Hvordan vil ministeriet opgøre udgifterne?")
    assert call.stance is Stance.DEMAND
    assert [c.note for c in call.cues] == ["a question"]


def test_a_question_rule_of_weight_zero_is_off(rules, tokens):
    off = dataclasses.replace(rules.stance, structure=dataclasses.replace(rules.stance.structure, question_weight=0))
    assert StanceScorer(off).score(tokens("Hvordan vil ministeriet opgøre udgifterne?")).stance is Stance.NEUTRAL


# --- the optional comma before a subordinate clause --------------------------


@pytest.mark.parametrize(
    "sentence",
    ["KL kræver, at kommunerne kompenseres.", "KL kræver at kommunerne kompenseres."],
)
def test_kraever_at_matches_with_and_without_the_comma(score, sentence):
    call = score(sentence)
    assert call.stance is Stance.DEMAND
    assert "kræver at" in [c.term for c in call.cues]


def test_kraever_komma_at_evidence_spans_the_words_as_written(score):
    text = "KL kræver, at kommunerne kompenseres."
    (cue,) = [c for c in score(text).cues if c.term == "kræver at"]
    assert text[cue.start : cue.end] == "kræver, at"


def test_a_comma_before_at_is_kept_when_the_rule_lists_no_words(rules, tokens):
    off = dataclasses.replace(
        rules.stance, structure=dataclasses.replace(rules.stance.structure, optional_comma_before=frozenset())
    )
    call = StanceScorer(off).score(tokens("KL kræver, at kommunerne kompenseres."))
    assert "kræver at" not in [c.term for c in call.cues]


# --- a negated verb of opinion disputes its complement ------------------------


def test_raadet_finder_ikke_at_maalet_er_ambitioest_is_concern(score):
    call = score("Rådet finder ikke, at planens mål om at halvere antallet er ambitiøst.")
    assert call.stance is Stance.CONCERN
    assert "negated by 'ikke' of 'finder'" in cue_notes(call)["ambitiøst"]


def test_mener_dog_ikke_negates_across_an_adverb(score):
    call = score("KL mener dog ikke, at modellen er hensigtsmæssig.")
    assert call.stance is Stance.CONCERN
    assert cue_notes(call)["hensigtsmæssig"].startswith("negated by 'ikke'")


def test_the_negated_opinion_ends_at_a_contrast(score):
    call = score("DS mener ikke, at fristen er for kort, men at forslaget er positivt.")
    (cue,) = [c for c in call.cues if "positivt" in c.matched]
    assert not cue.note.startswith("negated")


def test_ds_mener_at_without_negation_keeps_the_complement(score):
    assert score("DS mener, at modellen er hensigtsmæssig.").stance is Stance.SUPPORT


def test_raadet_er_ikke_enig_i_at_maalet_er_tilstraekkeligt_is_concern(score):
    call = score("Rådet er dog ikke enig i, at målet er tilstrækkeligt ambitiøst.")
    assert call.stance is Stance.CONCERN
    assert "negated by 'ikke' of 'enig'" in cue_notes(call)["ambitiøst"]


def test_mange_unge_oplever_at_de_skal_is_an_experience_not_a_demand(score):
    call = score("Mange unge oplever, at de skal fortælle deres historie forfra.")
    assert call.stance is not Stance.DEMAND
    assert "not counted" in cue_notes(call)["skal"]


def test_understreger_at_planen_skal_is_the_bodys_demand(score):
    call = score("KL understreger, at planen skal opleves meningsfuld af borgerne.")
    assert call.stance is Stance.DEMAND


# --- support on a condition is a demand ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "KL kan støtte forslaget, forudsat at kommunerne kompenseres fuldt ud.",
        "DA kan støtte forslaget, hvis kravene lempes.",
        "Vi kan støtte forslaget under forudsætning af, at det fuldt finansieres.",
        "Hvis kommunerne kompenseres, kan KL støtte forslaget.",
        "Det vil være en fordel, hvis reglerne blev forenklet.",
    ],
)
def test_kan_stoette_forudsat_at_is_a_demand(score, sentence):
    call = score(sentence)
    assert call.stance is Stance.DEMAND
    assert any("support on the condition" in c.note for c in call.cues)


def test_a_later_hvis_belongs_to_what_is_supported(score):
    call = score("Vi støtter, at borgerne får en fast sagsbehandler, hvis de selv vil.")
    assert call.stance is Stance.SUPPORT


def test_support_without_a_condition_stays_support(score):
    assert score("KL kan støtte forslaget.").stance is Stance.SUPPORT


# --- a good quality under a modal ---------------------------------------------


def test_planen_skal_opleves_meningsfuld_is_a_demand(score):
    call = score("Planen skal opleves meningsfuld af borgerne.")
    assert call.stance is Stance.DEMAND
    assert "a quality asked for after 'skal'" in cue_notes(call)["meningsfuld"]


def test_a_modal_in_a_relative_clause_asks_for_no_quality(score):
    call = score("Vi støtter de borgere, som skal have en meningsfuld indsats.")
    assert all("a quality asked for" not in c.note for c in call.cues)


def test_planen_er_meningsfuld_without_a_modal_is_support(score):
    assert score("Planen er meningsfuld for borgerne.").stance is Stance.SUPPORT


# --- a concession turns the sentence -------------------------------------------


SELVOM = "Selvom vi ser mange gode intentioner i forslaget, så er vi yderst bekymrede for konsekvenserne."


def test_selvom_vi_ser_gode_intentioner_saa_er_vi_bekymrede_splits_after_the_concession(rules, tokens):
    words = tokens(SELVOM)
    i = StanceScorer(rules.stance).split_point(words)
    assert i is not None and words[i].text == "så"


def test_the_main_clause_after_a_concession_weighs_as_after_men(score):
    call = score(SELVOM)
    assert call.stance is Stance.CONCERN
    assert cue_notes(call)["bekymrede"].endswith("after the concession 'Selvom ...'")


def test_a_concession_at_the_end_turns_nothing(score):
    call = score("Vi er bekymrede for konsekvenserne, selvom forslaget har gode intentioner.")
    assert all("after the concession" not in c.note for c in call.cues)


# --- a group described --------------------------------------------------------


def test_borgere_med_komplekse_problemer_describes_the_group(score):
    call = score("Borgere med komplekse og sammensatte problemer får ofte hjælp fra flere sektorer.")
    assert call.stance is Stance.NEUTRAL
    assert cue_notes(call)["problemer"] == "describes the group after 'Borgere med': not counted"


def test_a_concern_after_the_group_description_still_counts(score):
    call = score("For borgere med komplekse problemer er forslaget problematisk.")
    assert call.stance is Stance.CONCERN


def test_a_problem_without_a_group_noun_still_counts(score):
    assert score("Lovforslaget skaber komplekse problemer for kommunerne.").stance is Stance.CONCERN


# --- a harm taken away --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Forslaget vil mindske bureaukratiet i kommunerne.",
        "Reformen vil forebygge fattigdom blandt børn.",
        "Lovforslaget indebærer en afskaffelse af en række komplekse og administrativt tunge regler.",
    ],
)
def test_mindske_bureaukratiet_a_harm_taken_away_is_support(score, sentence):
    call = score(sentence)
    assert call.stance is Stance.SUPPORT
    assert any("a harm taken away by" in c.note for c in call.cues)


def test_oege_bureaukratiet_stays_a_concern(score):
    assert score("Forslaget vil øge bureaukratiet i kommunerne.").stance is Stance.CONCERN


def test_a_reducer_does_not_reach_across_a_comma(score):
    call = score("Kommunerne skal mindske udgifterne, og det giver bureaukrati.")
    assert all("a harm taken away" not in c.note for c in call.cues)


# --- themes: procedure and law names -----------------------------------------


def test_kl_har_modtaget_lovforslag_om_kontanthjaelp_is_procedure_without_a_theme(themes):
    assert themes("KL har modtaget lovforslag om reform af kontanthjælpssystemet i høring.") == set()


def test_a_claim_about_a_law_is_about_its_subject(themes):
    # the laws an omnibus bill amends name none (tests/test_law_names.py); a claim about one law does
    assert themes("En revision af sygedagpengeloven er påkrævet.") == {"sygedagpenge"}
    assert themes("Sygedagpengemodtagerne får en kortere periode.") == {"sygedagpenge"}


def test_boern_unge_og_familier_in_a_list_of_groups_is_no_theme(themes):
    assert themes("Forslaget rammer børn, unge og familier.") == set()
    assert themes("De unge skal have en uddannelse.") == {"unge", "opkvalificering"}


def test_hverken_borgere_virksomheder_eller_medarbejdere_is_a_passing_mention(themes):
    assert "virksomhed" not in themes("Det er ingen forenkling for hverken borgere, virksomheder eller medarbejdere.")
