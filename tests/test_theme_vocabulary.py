"""Theme vocabulary of the codebook's domains: terms missed and terms that name something else (invented sentences)."""

from __future__ import annotations

import pytest


def test_arbejdsgiversiden_is_the_sender_not_virksomhed(themes):
    assert "virksomhed" not in themes("Arbejdsgiversiden finder det væsentligt, at reglerne er klare.")
    assert "virksomhed" not in themes("Det er arbejdsgiversidens opfattelse, at ordningen virker.")
    assert "virksomhed" in themes("Arbejdsgiverne skal have bedre service fra jobcentret.")


def test_hjemmel_til_ministeren_alone_is_no_retssikkerhed(themes):
    assert "retssikkerhed" not in themes("Loven giver hjemmel til at fastsætte regler om forsøg.")
    assert "retssikkerhed" not in themes("Anvendelsesområdet for hjemlen til ministeren skal fastlægges.")
    assert "retssikkerhed" in themes("Der er ikke hjemmel til at standse ydelsen.")


def test_ankestyrelsen_named_is_no_retssikkerhed(themes):
    assert "retssikkerhed" not in themes("Ankestyrelsen vurderer, at mange borgere vil klage.")
    # a complaint over a decision is still the point
    assert "retssikkerhed" in themes("Borgeren kan klage over afgørelsen til Ankestyrelsen.")


def test_laegebehandling_is_no_ligebehandling(themes):
    assert "retssikkerhed" not in themes("Sygemeldte, der venter på lægebehandling, skal have ydelsen forlænget.")
    assert "retssikkerhed" in themes("Alle skal have ret til ligebehandling.")


@pytest.mark.parametrize(
    "text",
    [
        "Kursisterne skal kunne tage et fag ad gangen.",
        "Undervisningen i fagene bør tilrettelægges fleksibelt.",
        "Tilbuddene skal matche virksomhedernes kompetencebehov.",
        "Vi støtter en målretning af ØVO.",
        "Ordblindeundervisningen bør styrkes.",
    ],
)
def test_voksenuddannelse_kursister_og_fag_are_opkvalificering(themes, text):
    assert "opkvalificering" in themes(text)


def test_fag_alone_is_weak(themes):
    assert "opkvalificering" not in themes("Medarbejdere på tværs af fag skal samarbejde.")


def test_job_eller_uddannelse_is_the_way_off_benefit_not_opkvalificering(themes):
    assert "opkvalificering" not in themes("Målet er at bringe borgeren i job eller uddannelse.")
    assert "opkvalificering" in themes("Flere ledige skal have efteruddannelse.")


def test_uddannelsespaalaeg_is_unge_not_opkvalificering(themes):
    found = themes("Kommunen skal give de unge et uddannelsespålæg.")
    assert "unge" in found
    assert "opkvalificering" not in found


def test_styrelsen_for_uddannelsesstoette_is_a_name(themes):
    assert "opkvalificering" not in themes("Styrelsen for Institutioner og Uddannelsesstøtte kender sagen.")


@pytest.mark.parametrize(
    "text",
    [
        "Igu-ordningen bør gøres permanent.",
        "Integrationsgrunduddannelsen giver en god start.",
        "Målgruppen bør udvides, også på opholdstid.",
        "Sprogmakkerordningen skal styrkes.",
        "Reglen gælder kun personer, der er kommet til landet efter 2010.",
    ],
)
def test_igu_opholdstid_og_nytilkomne_are_integration(themes, text):
    assert "integration" in themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Den nye model bliver bøvlet for kommunerne.",
        "Reglerne for sanktioner er unødigt komplicerede.",
        "Ordningen bør monitoreres og evalueres.",
        "Det er unødvendigt at udstede en bekendtgørelse for at evaluere forsøget.",
    ],
)
def test_boevl_og_bekendtgoerelser_are_administration(themes, text):
    assert "administration" in themes(text)


def test_evaluering_alone_is_weak(themes):
    assert "administration" not in themes("Forsøget skal evalueres efter to år.")


def test_teenagere_og_aldersgraenser_are_unge(themes):
    assert "unge" in themes("Teenagere har brug for penge til fritidsaktiviteter.")
    assert "unge" in themes("Tillægget bør også gælde 15-17-årige.")
    # an age limit alone is as often the pension age
    assert "unge" not in themes("Aldersgrænsen for pension hæves.")


def test_et_beloeb_alone_is_no_investering(themes):
    assert "investering" not in themes("Arbejdsgiverne betaler i dag 20 mia. kr. for sygefraværet.")
    assert "investering" in themes("Reformen giver en besparelse på 2 mia. kr.")
    assert "investering" in themes("Kommunerne skal kompenseres med 300 mio. kr.")


def test_efterloen_alone_is_no_akasser(themes):
    assert "akasser" not in themes("Aldersgrænsen for efterløn hæves.")
    assert "akasser" in themes("Efterlønsordningen bør bevares for alle forsikrede.")
    assert "akasser" in themes("Genoptjeningskravet bør harmoniseres.")


def test_foraeldrenes_forsoergelsespligt_is_no_kontanthjaelp(themes):
    assert "kontanthjaelp" not in themes("Forældrene har forsørgelsespligten over for børnene.")
    assert "kontanthjaelp" in themes("Den gensidige forsørgelsespligt bør afskaffes.")


def test_selvforsoergelses_og_hjemrejseprogrammet_is_integration_not_kontanthjaelp(themes):
    found = themes("Målgruppen skal tilbydes selvforsørgelses- og hjemrejseprogrammet.")
    assert "integration" in found
    assert "kontanthjaelp" not in found
    assert "kontanthjaelp" in themes("De modtager selvforsørgelses- og hjemrejseydelse.")


def test_i_modstrid_med_boernekonventionen_is_retssikkerhed(themes):
    assert "retssikkerhed" in themes("Forslaget er i modstrid med Børnekonventionen.")
    assert "retssikkerhed" in themes("Der bør laves en børnerettighedsvurdering af forslaget.")
    # a convention named for a definition alone is weak
    assert "retssikkerhed" not in themes("Efter Børnekonventionen er man barn, til man fylder 18 år.")


def test_sprogundervisning_is_integration_and_opkvalificering(themes):
    assert {"integration", "opkvalificering"} <= themes("Sprogundervisningen skal styrkes.")
