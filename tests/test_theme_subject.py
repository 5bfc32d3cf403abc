"""The bill's subject, named by a response's title or receipt, and a law's own name as a term."""

from __future__ import annotations

import pytest

from hoering.themes import ThemeTagger

RECEIPT = "KL har den 21. juni 2024 modtaget lovforslag om reform af kontanthjælpssystemet i høring."
POINT = "Det bør præciseres, hvornår der kan ske sanktion."


@pytest.fixture(scope="module")
def tagger(rules):
    return ThemeTagger(rules.codebook)


def themes_of(position) -> set[str]:
    return set(position.theme_ids)


def test_lovforslag_om_kontanthjaelp_gives_sanktion_its_sense(positions_of):
    # "sanktion" is a weak term of the cash benefit: in a response on the
    # cash benefit reform it is the cash benefit's sanction.
    receipt, point = positions_of(f"{RECEIPT}\n\n{POINT}")
    assert receipt.theme_ids == ()  # the receipt itself stays procedure
    assert "kontanthjaelp" in themes_of(point)
    (hit,) = [h for h in point.themes if h.label == "kontanthjaelp"]
    assert hit.note.endswith("weak term (0.5), the subject of the bill or heading")


def test_sanktion_without_a_subject_stays_weak(positions_of):
    (point,) = positions_of(POINT)
    assert "kontanthjaelp" not in themes_of(point)


def test_the_subject_holds_for_claims_before_the_receipt(positions_of):
    point, _ = positions_of(f"{POINT}\n\n{RECEIPT}")
    assert "kontanthjaelp" in themes_of(point)


def test_foelgende_bemaerkninger_colon_ends_the_subject(tagger, tokens):
    # what follows the colon is the response's first point, not the bill's subject
    text = "Ankestyrelsen har følgende bemærkninger: Sanktionen i kontanthjælpen bør præciseres."
    assert tagger.subject(tokens(text)) == frozenset()


def test_a_weak_term_in_the_receipt_names_no_subject(tagger, tokens):
    text = "DS har modtaget lovforslaget om sanktioner i høring."
    assert tagger.subject(tokens(text)) == frozenset()


def test_a_sentence_that_is_no_receipt_names_no_subject(tagger, tokens):
    assert tagger.subject(tokens("Kontanthjælpsmodtagere skal have en indsats.")) == frozenset()


def test_omnibus_lov_om_list_of_amended_laws_is_no_subject(tagger, tokens):
    text = (
        "DA har modtaget udkast til lov om ændring af lov om sygedagpenge, lov om ret til orlov og dagpenge "
        "ved barsel, lov om aktiv socialpolitik og lov om arbejdsløshedsforsikring m.v."
    )
    assert tagger.subject(tokens(text)) == frozenset()


def test_omnibus_bill_names_its_subject_in_the_subtitle(tagger, tokens):
    text = (
        "KL har modtaget forslag til lov om ændring af lov om en aktiv beskæftigelsesindsats, lov om "
        "arbejdsløshedsforsikring m.v. og lov om aktiv socialpolitik (Sygemeldte og jobafklaring) i høring."
    )
    assert tagger.subject(tokens(text)) == frozenset({"sygedagpenge"})


def test_aktivloven_named_as_a_term_counts(tagger, tokens):
    # "aktivloven" ends like a law's name, but the term is written for that name: it is the point
    hits = tagger.tag(tokens("Efter § 39 i aktivloven kan der alene ske fradrag ved udeblivelse."))
    assert "kontanthjaelp" in {h.label for h in hits}


def test_efter_integrationsloven_a_claim_about_the_acts_rules_is_integration(tagger, tokens):
    # the law a claim cites is what it speaks of (tests/test_law_names.py); the term is no law term
    hits = tagger.tag(tokens("Efter integrationsloven gælder andre frister."))
    assert [(h.label, h.note) for h in hits] == [("integration", "the law's subject")]


def test_a_heading_gives_the_weak_terms_below_it_their_sense(positions_of):
    # under "Sanktioner i kontanthjælpen" a sanction is the cash benefit's; the heading is no position
    (point,) = positions_of(f"Sanktioner i kontanthjælpen\n\n{POINT}")
    assert point.section == "Sanktioner i kontanthjælpen"
    assert "kontanthjaelp" in themes_of(point)


def test_a_heading_gives_no_theme_to_a_claim_without_its_terms(positions_of):
    (point,) = positions_of("Sanktioner i kontanthjælpen\n\nDet bør præciseres, hvornår reglerne gælder.")
    assert "kontanthjaelp" not in themes_of(point)


def test_a_misspelt_weak_term_gets_no_sense_from_the_subject(tagger, tokens):
    # "beskæftigelsesråd*" (weak) is 91 % like "Beskæftigelsesudvalget": a guess, not the council
    hits = tagger.tag(tokens("Beskæftigelsesudvalget har drøftet planen."), frozenset({"samarbejde"}))
    assert "samarbejde" not in {h.label for h in hits}


def test_lovforslag_om_names_the_subject_not_the_list_of_elements_after_it(tagger, tokens):
    text = (
        "KL har modtaget lovforslag om reform af kontanthjælpssystemet, ophævelse af 225-timersreglen, "
        "fritidstillæg til børn, rettighedsbaseret tilskud til medicin m.v. i høring med frist den 12. august."
    )
    assert tagger.subject(tokens(text)) == frozenset({"kontanthjaelp"})


def test_a_title_without_a_law_name_names_its_subject_whole(tagger, tokens):
    assert tagger.subject(tokens("Høringssvar på ændringer af reglerne for kontanthjælp")) == frozenset(
        {"kontanthjaelp"}
    )
