"""Personal data out of every output: CPR numbers, names, addresses, phone numbers, e-mails."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from hoering.models import Document, Evidence, Metadata, PersonalData, Section
from hoering.nlp import SENTENCES_COMPONENT, Pipeline, register_components
from hoering.pipeline import Analyser
from hoering.redact import Redaction, Redactor, Spans, cpr_date


@pytest.fixture(scope="module")
def redactor(rules) -> Redactor:
    return Redactor(rules.redaction, rules.bodies)


@pytest.fixture(scope="module")
def redact(redactor):
    """``redact(text, body=..., body_type=...)``: the text as hoering would show it."""

    def run(text: str, body: str = "Ukendt", body_type: str = "ukendt") -> str:
        document = Document("svar.txt", Path("svar.txt"), text, Metadata())
        spans = redactor.find(document, [Section("svar.txt", body, body_type, 0, len(text))])
        return spans.mask(text, range(len(text)))

    return run


# --- CPR numbers ---------------------------------------------------------------


@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234", "311299-2345", "290200-4321"])
def test_cpr_number_with_a_real_date_is_redacted(redact, cpr):
    assert redact(f"Mit CPR-nr. er {cpr}, hvis I vil se sagen.") == "Mit CPR-nr. er [CPR], hvis I vil se sagen."


@pytest.mark.parametrize(
    "number",
    [
        "310299-1234",  # 31 February
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "290200-1234",  # 29 February 1900 (serial 1: the 1900s, no leap year)
        "000000-0000",
    ],
)
def test_ten_digits_without_a_real_date_are_not_a_cpr_number(redact, number):
    text = f"Nummeret {number} står i sagen."
    assert redact(text) == text


def test_cpr_century_comes_from_the_first_serial_digit():
    assert cpr_date("29", "02", "00", "4321").year == 2000  # 4 and year <= 36: the 2000s, a leap year
    assert cpr_date("29", "02", "00", "1234") is None  # 1900 was no leap year
    assert cpr_date("01", "01", "60", "5000").year == 1860  # 5-8 and year > 57: the 1800s
    assert cpr_date("01", "01", "40", "9000").year == 1940
    assert cpr_date("01", "01", "20", "9000").year == 2020


@pytest.mark.parametrize(
    "text",
    [
        "Sagen har sag nr. 2023-123456 i ESDH.",
        "Rammen er reduceret med over 40 mio. kr. i 2017 og 2018.",
        "Beskæftigelsesplan 2021-2022 og 2023-2026.",
        "Mellem 80 og 100 borgere pr. sagsbehandler; j.nr. 23/12345.",
        "Budgettet er 1.234.567 kr., konto 12345678.",
        "Beskæftigelsesplan 2021, 2022 Slagelse.",
    ],
)
def test_case_numbers_amounts_and_years_survive(redact, text):
    assert redact(text) == text


# --- e-mail, phone, address -------------------------------------------------------


def test_email_footer_with_phone_and_address(redact):
    footer = (
        "Venlig hilsen\n"
        "Mette Kirstine Olsen-Berg\n"
        "Formand for Handicaprådet\n"
        "Mail: mko@handicapraadet-slagelse.dk · Mobil: 2012 3456\n"
        "Rådhuspladsen 11, 4200 Slagelse"
    )
    assert redact(footer) == (
        "Venlig hilsen\n[NAVN]\nFormand for Handicaprådet\nMail: [EMAIL] · Mobil: [TLF]\n[ADRESSE]"
    )


@pytest.mark.parametrize(
    "phone", ["+45 23 45 67 89", "+4523456789", "0045 2345 6789", "23 45 67 89", "tlf. 23456789", "Telefon: 2345-6789"]
)
def test_danish_phone_numbers(redact, phone):
    assert "[TLF]" in redact(f"Ring gerne på {phone} i dag.")
    assert not any(c.isdigit() for c in redact(f"Ring gerne på {phone} i dag."))


def test_eight_digits_without_a_phone_cue_or_pairs_are_kept(redact):
    text = "Projektet har nummer 23456789 og kostede 2345 6789 kr."
    assert redact(text) == text


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("Nørregade 12, 4200 Slagelse", "[ADRESSE]"),
        ("H.C. Andersens Vej 3B, 2. th.\n4230 Skælskør", "[ADRESSE]"),
        ("Strandvejen 100 st. tv., 2900 Hellerup", "[ADRESSE]"),
    ],
)
def test_street_addresses_with_postcode(redact, address, shown):
    assert redact(f"Vi bor på {address}.") == f"Vi bor på {shown}."


# --- names ----------------------------------------------------------------------------


def test_signature_block_names_are_redacted_and_titles_kept(redact):
    text = "Tak for ordet.\n\nMed venlig hilsen\n\nJens Peter Hansen\nFormand\n"
    assert redact(text) == "Tak for ordet.\n\nMed venlig hilsen\n\n[NAVN]\nFormand\n"


def test_name_on_the_line_of_the_greeting(redact):
    assert redact("Venlig hilsen Anne von Holstein, Korsør") == "Venlig hilsen [NAVN], Korsør"
    assert redact("Kære Jens, tak for sidst.") == "Kære [NAVN], tak for sidst."


def test_first_name_alone_below_a_sign_off(redact):
    assert redact("Mvh\nJens\n") == "Mvh\n[NAVN]\n"


def test_pa_vegne_af_keeps_the_body_and_takes_the_person(redact):
    text = "På vegne af Lokalt Arbejdsmarkedsråd\nSøren Kierkegaard Nielsen\nNæstformand"
    assert redact(text) == "På vegne af Lokalt Arbejdsmarkedsråd\n[NAVN]\nNæstformand"


@pytest.mark.parametrize(
    "signature",
    [
        "Med venlig hilsen\nSlagelse Kommune\nJobcenter Slagelse",
        "Venlig hilsen\nHandicaprådet",
        "På vegne af Korsør Erhvervsforening",
        "Med venlig hilsen\nLedergruppen i Beskæftigelse",
        "Med venlig hilsen\nSektor MED",
    ],
)
def test_organisation_names_after_a_sign_off_are_kept(redact, signature):
    assert redact(signature) == signature


def test_the_documents_own_body_is_kept(redact):
    text = "Med venlig hilsen\nSeniorrådet Vestsjælland"
    assert redact(text, body="Seniorrådet Vestsjælland", body_type="raad") == text


def test_capitalised_words_in_prose_are_not_names(redact):
    text = "Jobcentret i Slagelse har et godt samarbejde med Korsør Erhvervsforening og Mploys analyse."
    assert redact(text) == text


def test_a_private_persons_own_name_is_redacted_wherever_it_stands(redact):
    text = "Jeg hedder Jens Hansen og har været ledig i et år. Hansen er mit efternavn."
    assert redact(text, body="Jens Hansen", body_type="borger") == (
        "Jeg hedder [NAVN] og har været ledig i et år. [NAVN] er mit efternavn."
    )


def test_person_entities_are_redacted_when_the_pipeline_has_ner(rules):
    register_components()  # hoering's sentence component, known to spaCy only once registered
    nlp = spacy.blank("da")
    nlp.add_pipe(SENTENCES_COMPONENT, first=True)
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": [{"TEXT": "Birgitte"}, {"TEXT": "Madsen"}]},
            {"label": "ORG", "pattern": "Jobcentret"},
            {"label": "PER", "pattern": "Handicaprådet"},  # a known body, even if the model calls it a person
        ]
    )
    pipeline = Pipeline(nlp, "test with ner")
    assert pipeline.finds_names
    analyser = Analyser(rules, pipeline)
    text = "Vi har talt med Birgitte Madsen fra Jobcentret og med Handicaprådet om samtalerne."
    positions, spans = analyser.read(Document("svar.txt", Path("svar.txt"), text, Metadata()))
    assert [p.text for p in positions] == ["Vi har talt med [NAVN] fra Jobcentret og med Handicaprådet om samtalerne."]
    assert spans.counts() == ((PersonalData.NAME, 1),)


def test_blank_pipeline_has_no_entity_recogniser(blank_pipeline):
    assert not blank_pipeline.finds_names


# --- spans and masks -------------------------------------------------------------------


def test_overlapping_spans_cover_every_character():
    spans = Spans([Redaction(PersonalData.ADDRESS, 5, 20), Redaction(PersonalData.PHONE, 15, 30)])
    text = "x" * 40
    assert spans.mask(text, range(40)) == "xxxxx[ADRESSE][TLF]xxxxxxxxxx"


def test_mask_follows_offsets_of_a_cleaned_text():
    source = "Bor på Nørre-\ngade 12, 4200 Slagelse"
    spans = Spans([Redaction(PersonalData.ADDRESS, 7, len(source))])
    cleaned = "Bor på Nørregade 12, 4200 Slagelse"
    offsets = [*range(12), *range(14, len(source))]
    assert spans.mask(cleaned, offsets) == "Bor på [ADRESSE]"


def test_evidence_touching_personal_data_is_masked(redactor):
    source = "Ring til Jens Hansen om samtaler."
    spans = Spans([Redaction(PersonalData.NAME, 9, 20)])
    touching = Evidence("samtaler", "samtale*", "Hansen om", 14, 23)
    apart = Evidence("samtaler", "samtale*", "samtaler", 24, 32)
    assert redactor.evidence(touching, spans, source).matched == "[NAVN] om"
    assert redactor.evidence(apart, spans, source) is apart


def test_scrub_masks_a_text_without_offsets(redactor):
    assert redactor.scrub("Svar fra jens@example.dk, 010190-1234") == "Svar fra [EMAIL], [CPR]"
    assert redactor.scrub("Lokalt Arbejdsmarkedsråd") == "Lokalt Arbejdsmarkedsråd"


# --- positions ---------------------------------------------------------------------------


def test_position_text_is_redacted_and_offsets_index_the_original(rules, blank_pipeline):
    text = (
        "Vi støtter flere samtaler med sygedagpengemodtagere, siger borger 010190-1234 fra Nørregade 12, 4200 Slagelse."
    )
    document = Document("svar.txt", Path("svar.txt"), text, Metadata())
    redacted, spans = Analyser(rules, blank_pipeline).read(document)
    (position,) = redacted
    assert position.text == "Vi støtter flere samtaler med sygedagpengemodtagere, siger borger [CPR] fra [ADRESSE]."
    assert "010190-1234" in text[position.start : position.end]
    assert dict(spans.counts()) == {PersonalData.CPR: 1, PersonalData.ADDRESS: 1}


def test_redaction_leaves_themes_stances_and_offsets_unchanged(rules, blank_pipeline):
    text = (
        "Høringssvar fra 010190-1234\n\n"
        "Jeg støtter, at jobcentret holder flere samtaler med sygedagpengemodtagere. "
        "Jeg er bekymret for, at unge ledige ikke får hjælp nok, skriver jens.hansen@example.dk.\n\n"
        "Med venlig hilsen\nJens Hansen\nNørregade 12, 4200 Slagelse\nTlf. 23 45 67 89"
    )
    document = Document("svar.txt", Path("svar.txt"), text, Metadata(body="Jens Hansen", body_type="borger"))
    redacted, _ = Analyser(rules, blank_pipeline).read(document)
    plain, nothing = Analyser(rules, blank_pipeline, redact=False).read(document)
    assert not nothing
    assert [(p.start, p.end, p.theme_ids, p.stance.stance, p.stance.score) for p in redacted] == [
        (p.start, p.end, p.theme_ids, p.stance.stance, p.stance.score) for p in plain
    ]
    assert {p.section for p in redacted} == {"Høringssvar fra [CPR]"}
    shown = " ".join(p.text + p.section for p in redacted)
    for secret in ("010190-1234", "jens.hansen", "Jens", "Hansen", "Nørregade", "23 45 67 89"):
        assert secret not in shown
    # the telephone line is a letterhead line, no position, so it is not in the unredacted positions either
    for secret in ("010190-1234", "jens.hansen", "Jens", "Hansen", "Nørregade"):
        assert secret in " ".join(p.text + p.section for p in plain)
    assert "23 45 67 89" not in " ".join(p.text + p.section for p in plain)
