"""Stance lexicon families of Danish idioms and fixed constructions, each test on its Danish case.

Failure and urgency, a negated 'god', furthering a good, commencement of the bill,
legal entitlement, another's wish, the passive proposal, a clarification
already made, and appreciation with 'kvittere for, at' (rules/lexicon/).
"""

from __future__ import annotations

import pytest

from hoering.models import Stance

# --- concern: going wrong and cannot wait ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Her går det galt for de ældre ledige.",
        "De sygemeldte kan ikke vente et halvt år på en afklaring.",
        "Mange pensionister kan simpelthen ikke vente så længe.",
        "Jobcentrene er spændt til det yderste.",
        "Borgerne falder mellem to stole, når to forvaltninger har sagen.",
    ],
)
def test_det_gaar_galt_and_kan_ikke_vente_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


# --- concern: a negated 'god' -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Det er ikke god forvaltning at lade sagerne ligge.",
        "Et ekstra skema er ikke en god løsning for virksomhederne.",
    ],
)
def test_ikke_god_forvaltning_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


# --- support: helping to bring about a good -------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Den nye regel er med til at fremme retssikkerheden for de ledige.",
        "Ændringen vil formentlig sikre de unge en hurtigere afklaring.",
    ],
)
def test_er_med_til_at_fremme_is_support(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


def test_vil_vi_vaere_sikre_paa_is_not_furthering(score):
    # 'sikre på' is being sure, not the verb 'sikre'.
    assert score("Vi vil gerne være sikre på, at vi læser teksten ens.").stance is not Stance.SUPPORT


# --- neutral: commencement and reading of the bill -------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Bekendtgørelsen skal have virkning fra 1. januar 2026.",
        "Reglerne skal træde i kraft den 1. juli.",
        "Afskaffelsen af tillægget skal ses i lyset af den nye pensionsreform.",
    ],
)
def test_loven_skal_have_virkning_fra_is_neutral(score, sentence):
    assert score(sentence).stance is Stance.NEUTRAL


# --- neutral: legal entitlement ----------------------------------------------------


def test_berettiget_til_dagpenge_is_neutral(score):
    assert score("Omkring 3.000 personer vil være berettiget til ydelsen efter ændringen.").stance is Stance.NEUTRAL


# --- neutral: another's wish ---------------------------------------------------------


def test_regeringens_oenske_om_is_not_the_bodys_demand(score):
    call = score("Rådet anerkender regeringens ønske om, at flere unge skal i uddannelse.")
    assert call.stance is Stance.SUPPORT


# --- neutral: the bill's passive proposal ---------------------------------------


def test_ordningen_foreslaas_at_omfatte_is_neutral(score):
    assert score("Tilskuddet foreslås at omfatte alle enlige forsørgere.").stance is Stance.NEUTRAL


# --- a clarification already made is no request ---------------------------------


def test_det_er_nu_praeciseret_is_not_a_demand(score):
    call = score("Rådet er tilfreds med, at det nu er præciseret, at kommunen ikke må lukke sagen.")
    assert call.stance is Stance.SUPPORT


def test_det_boer_praeciseres_is_still_a_demand(score):
    assert score("Det bør præciseres, hvem der har ansvaret.").stance is Stance.DEMAND


# --- support: appreciation with 'kvittere for, at' ------------------------------


def test_vil_gerne_kvittere_for_at_is_support(score):
    assert score("FH vil gerne kvittere for, at ordningen nu bliver gjort permanent.").stance is Stance.SUPPORT


def test_vil_gerne_kvittere_for_muligheden_is_thanks(score):
    sentence = "FH vil gerne kvittere for muligheden for at afgive høringssvar."
    assert score(sentence).stance is Stance.NEUTRAL


# --- concern: not much of it --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tilskuddet har ikke den store effekt for de enlige forsørgere.",
        "For de ældre ledige er der ikke den store gevinst ved at tage et deltidsjob.",
    ],
)
def test_ikke_den_store_effekt_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


# --- concern: wrong to believe ------------------------------------------------------


def test_det_er_fejlagtigt_at_tro_is_concern(score):
    sentence = "Det er fejlagtigt at tro, at de sygemeldte ikke har brug for hjælp fra jobcentret."
    assert score(sentence).stance is Stance.CONCERN


# --- demand: the modal inverted before its verb ---------------------------------


def test_det_skal_indsatsen_bidrage_til_is_demand(score):
    assert score("Det skal den nye indsats bidrage til.").stance is Stance.DEMAND


# --- neutral: a need described ------------------------------------------------------


def test_de_unge_har_et_stort_behov_for_is_described(score):
    assert score("Mange ældre har et stort behov for hjælp i hverdagen.").stance is Stance.NEUTRAL


def test_der_er_behov_for_is_still_a_demand(score):
    assert score("Der er behov for flere vejledere i jobcentrene.").stance is Stance.DEMAND


# --- concern: a consultation period over the summer holiday ---------------------


def test_hoeringen_hen_over_sommerferien_is_concern(score):
    assert score("Høringen er desuden lagt hen over sommerferien.").stance is Stance.CONCERN
