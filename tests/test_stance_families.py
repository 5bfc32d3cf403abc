"""Stance cue families and structure written from Danish grammar, each tested on its Danish case."""

from __future__ import annotations

import pytest

from hoering.models import Stance


@pytest.mark.parametrize(
    "sentence",
    ["Vi kan tilslutte os forslaget.", "Vi tilslutter os lovforslaget.", "Jeg glæder mig over forslaget."],
)
def test_vi_tilslutter_os_reflexive_pronoun_matches_sig(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


def test_vi_kan_ikke_tilslutte_os_is_concern(score):
    assert score("Derfor kan vi ikke tilslutte os forslaget.").stance is Stance.CONCERN


def test_kl_har_modtaget_frame_covers_its_own_sentence_only(score):
    call = score("KL har modtaget lovforslaget i høring. KL er bekymret for konsekvenserne.")
    assert call.stance is Stance.CONCERN


def test_relative_clause_ends_at_side_13_full_stop(score):
    call = score(
        "DS er enig i principperne, som det fremgår af side 13. Derfor er det også afgørende, at borgerne vejledes."
    )
    (cue,) = [c for c in call.cues if "afgørende" in c.matched]
    assert "relative clause" not in cue.note
    assert cue.label == "demand"


def test_lagt_op_til_reported_content_in_any_tense(score):
    call = score("Der er i regeringsgrundlaget lagt op til, at a-kasserne skal spille en større rolle.")
    assert call.stance is Stance.NEUTRAL


@pytest.mark.parametrize(
    "sentence",
    [
        "Det fremgår ikke af lovforslaget, hvordan kommunerne skal finansiere opgaven.",
        "Det er ikke nærmere beskrevet i bemærkningerne, hvordan reglen skal forstås.",
        "Lovforslaget forholder sig ikke til de økonomiske konsekvenser.",
    ],
)
def test_fremgaar_ikke_left_unclear_by_the_bill_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Forslaget vil medføre øgede udgifter for kommunerne.",
        "Det vil medføre mere administration i kommunerne.",
        "Kommunerne har ikke ressourcer til opgaven.",
        "Det vil ikke være muligt for kommunerne at løfte opgaven.",
    ],
)
def test_oegede_udgifter_and_no_means_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    ["Høringsfristen har været meget kort.", "Vi beklager den korte høringsfrist.", "Det er en meget kort frist."],
)
def test_hoeringsfristen_er_kort_is_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Det er vores vurdering, at forslaget ikke vil have den ønskede effekt.",
        "Forslaget vil ikke få flere i arbejde.",
        "Lovforslaget udmønter ikke udvalgets anbefalinger.",
    ],
)
def test_ikke_den_oenskede_effekt_and_udmoenter_ikke_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Forslaget vil føre til en udhuling af retssikkerheden.",
        "Vi er forundrede over, at kravet fastholdes.",
        "Forslaget er et brud med den danske model.",
        "Vi er stærkt imod, at ydelsen sænkes.",
        "Vi hjælper borgerne på trods af en rigid lovgivning og firkantede regler.",
    ],
)
def test_udhuling_forundret_rigid_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_staerkt_is_a_degree_adverb_not_support(score):
    call = score("LO er stærkt kritiske over for lovforslaget.")
    assert all(c.label != "support" for c in call.cues)


@pytest.mark.parametrize(
    "sentence",
    [
        "Lovforslaget er et vigtigt bidrag til at få flere i job.",
        "Forslaget er et godt udgangspunkt.",
        "Forslaget vil give kommunerne større fleksibilitet.",
        "Vi kan se mange fordele ved forslaget.",
        "Lovforslaget er i tråd med vores anbefalinger.",
        "Vi kan anbefale lovforslaget.",
        "Vi anbefaler, at forslaget vedtages.",
    ],
)
def test_et_godt_udgangspunkt_and_anbefale_lovforslaget_are_support(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


def test_anbefaler_at_forslaget_ikke_vedtages_is_concern(score):
    assert score("Vi anbefaler, at forslaget ikke vedtages.").stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Det vil være naturligt at inddrage parterne i arbejdet.",
        "Det vil være en god idé at indføre en evaluering.",
        "Det ville være godt at samle reglerne.",
        "Det er DA's anbefaling, at kravet fjernes.",
    ],
)
def test_det_ville_vaere_godt_and_vores_anbefaling_at_are_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


@pytest.mark.parametrize(
    "sentence",
    [
        "Borgerne får den nødvendige støtte fra jobcentret.",
        "Borgeren skal have støtte til at bruge sine egne ressourcer.",
    ],
)
def test_have_stoette_til_help_a_citizen_gets_is_no_backing(score, sentence):
    assert all(c.label != "support" for c in score(sentence).cues)


def test_kl_stoetter_lovforslaget_still_backs(score):
    assert score("KL giver sin fulde støtte til lovforslaget.").stance is Stance.SUPPORT
