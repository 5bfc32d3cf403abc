"""A claim about the bill's scheme that names no theme takes the bill's subject, in a response about one subject."""

from __future__ import annotations

import pytest

from hoering.themes import ThemeTagger

RECEIPT = "KL har modtaget forslag til lov om ændring af lov om sygedagpenge i høring."
ABOUT = "Sygemeldte skal have en tidlig indsats. Sygedagpengeperioden bør forlænges."


def themes_of(position) -> set[str]:
    return set(position.theme_ids)


def last(positions_of, *claims: str):
    return positions_of("\n\n".join((RECEIPT, ABOUT, *claims)))[-1]


def test_ordningen_boer_goeres_permanent_takes_the_bills_subject(positions_of):
    claim = last(positions_of, "Ordningen bør gøres permanent.")
    assert themes_of(claim) == {"sygedagpenge"}
    (hit,) = claim.themes
    assert (hit.matched, hit.note) == (
        "Ordningen",
        "from the bill's subject: sygedagpenge (named in the title or receipt)",
    )


def test_reglen_gaelder_kun_for_takes_the_bills_subject(positions_of):
    claim = last(positions_of, "Reglen gælder kun for personer, der er ansat efter den 1. januar 2008.")
    assert themes_of(claim) == {"sygedagpenge"}


def test_at_lovforslaget_omfatter_alle_tilfaelde_takes_the_bills_subject(positions_of):
    claim = last(
        positions_of,
        "Det er afgørende, at lovforslaget utvetydigt omfatter alle tilfælde, hvor myndighederne anbefaler det.",
    )
    assert themes_of(claim) == {"sygedagpenge"}


def test_vi_hilser_lovforslaget_velkommen_is_a_general_remark_without_a_theme(positions_of):
    assert themes_of(last(positions_of, "På den baggrund hilser vi lovforslaget meget velkommen.")) == set()


def test_forslaget_er_en_foelge_af_a_quoted_agreement_gets_no_subject(positions_of):
    claim = last(positions_of, "Forslaget er en følge af ”Aftale om et enklere system”, som blev indgået i oktober.")
    assert themes_of(claim) == set()


def test_tak_for_muligheden_is_procedure_without_the_subject(positions_of):
    assert themes_of(last(positions_of, "Tak for muligheden for at kommentere lovforslaget og ordningen.")) == set()


def test_a_claim_without_a_word_for_the_scheme_gets_no_subject(positions_of):
    assert themes_of(last(positions_of, "Vi står et godt sted i Danmark, og beskæftigelsen er høj.")) == set()


def test_a_claim_with_a_theme_of_its_own_keeps_it_alone(positions_of):
    assert themes_of(last(positions_of, "Reglerne for kontanthjælp bør ændres.")) == {"kontanthjaelp"}


def test_no_subject_when_another_theme_leads_the_response(positions_of):
    text = "\n\n".join(
        (
            RECEIPT,
            "Virksomhederne skal inddrages.",
            "Arbejdsgiverne skal have bedre service.",
            "Virksomhederne mangler arbejdskraft.",
            "Ordningen bør gøres permanent.",
        )
    )
    assert themes_of(positions_of(text)[-1]) == set()


def test_no_subject_without_a_title_or_receipt_that_names_the_act(positions_of):
    text = "\n\n".join((ABOUT, "Ordningen bør gøres permanent."))
    assert themes_of(positions_of(text)[-1]) == set()


@pytest.fixture(scope="module")
def tagger(rules):
    return ThemeTagger(rules.codebook)


def test_the_act_is_named_by_the_law_not_by_the_agreement_it_follows(tagger, tokens):
    text = "Styrelsen har udsendt lovforslag om ændring af lov om arbejdsløshedsforsikring vedrørende aftale om forenkling i høring."
    assert tagger.subject(tokens(text)) == frozenset({"akasser", "administration"})
    assert tagger.subject(tokens(text), act=True) == frozenset({"akasser"})


def test_the_sender_before_foelgende_bemaerkninger_names_no_act(tagger, tokens):
    assert (
        tagger.subject(tokens("Arbejdsgiversiden har i den anledning følgende bemærkninger:"), act=True) == frozenset()
    )


def test_kl_kommer_her_med_bemaerkninger_til_is_procedure(tagger, tokens):
    assert tagger.tag(tokens("KL kommer her med bemærkninger til de tre temaer om sygedagpenge.")) == ()


def test_a_lead_in_ending_in_a_colon_is_no_claim_about_the_scheme(tagger, tokens):
    # "... hvor lovforslaget er mangelfuldt:" introduces the points that follow; they carry the themes
    lead_in = tokens("Der er især tre områder, hvor lovforslaget efter vores opfattelse er mangelfuldt:")
    assert tagger.scheme_claim(lead_in) is None
    claim = tokens("Der er især tre områder, hvor lovforslaget efter vores opfattelse er mangelfuldt.")
    assert tagger.scheme_claim(claim).matched == "lovforslaget"
