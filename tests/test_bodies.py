"""Attributing text to bodies (afsendere): metadata, marker lines, aliases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hoering.bodies import BodyResolver, attribute, sections
from hoering.corpus import CorpusFile, read_document
from hoering.models import UNKNOWN_BODY, UNKNOWN_BODY_TYPE

TWO_BODIES = "2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"


@pytest.fixture(scope="module")
def resolver(rules):
    return BodyResolver(rules.bodies)


@pytest.fixture(scope="module")
def two_bodies(corpus_dir):
    return read_document(CorpusFile(corpus_dir / TWO_BODIES, TWO_BODIES), {})


def test_minutes_of_two_meetings_split_into_ledergruppen_and_fagmed(two_bodies, resolver):
    found = [s for s in sections(two_bodies, resolver) if s.marker]
    assert [(s.body, s.body_type) for s in found] == [("Ledergruppen", "ledelse"), ("FagMED", "med")]
    assert found[0].marker == "Referatet fra ledermødet den 1 marts 2023:"
    assert found[1].marker == "Referatet fra FagMED for Beskæftigelse den 3. marts 2023:"


def test_sections_cut_at_the_marker_lines(two_bodies, resolver):
    ledergruppen, fagmed = (s for s in sections(two_bodies, resolver) if s.marker)
    text = two_bodies.text
    assert text[ledergruppen.start :].startswith("Referatet fra ledermødet")
    assert ledergruppen.end == fagmed.start
    assert "Der laves en fælles DBA" in text[ledergruppen.start : ledergruppen.end]
    assert "ungegruppen" in text[fagmed.start : fagmed.end]
    assert "ungegruppen" not in text[ledergruppen.start : ledergruppen.end]
    assert fagmed.end == len(text)


def test_positions_of_the_minutes_belong_to_their_own_body(two_bodies, analyser):
    positions = analyser.document(two_bodies)
    by_text = {p.text: p.body for p in positions}
    assert by_text["Der laves en fælles DBA for Beskæftigelse og en for Borgerservice."] == "Ledergruppen"
    assert by_text["Politisk har der været stor fokus på ungegruppen uden arbejde og uddannelse."] == "FagMED"
    bodies = [p.body for p in positions]
    first = bodies.count("Ledergruppen")
    assert 0 < first < len(bodies)
    assert bodies == ["Ledergruppen"] * first + ["FagMED"] * (len(bodies) - first)


def test_text_before_the_first_marker_has_the_document_body(new_document, resolver):
    document = new_document(
        "Indledning fra os.\n\nReferatet fra FagMED den 3. marts 2023:\n\nVi er enige.\n", body="Ledergruppen"
    )
    assert [s.body for s in sections(document, resolver)] == ["Ledergruppen", "FagMED"]


@pytest.mark.parametrize(
    "written",
    ["FagMED", "Fag-MED", "fag-MED", "fagmed", "FagMED for Beskæftigelse", "fag-MED for Beskæftigelse", "Fag MED"],
)
def test_spellings_of_fagmed_resolve_to_one_body(resolver, written):
    assert resolver.resolve(written) == ("FagMED", "med")


@pytest.mark.parametrize("written", ["ledermødet", "Ledergruppen", "ledelsen"])
def test_aliases_of_ledergruppen_resolve(resolver, written):
    assert resolver.resolve(written) == ("Ledergruppen", "ledelse")


def test_metadata_body_type_wins_over_the_rules(resolver):
    assert resolver.resolve("Fag-MED", "fagforening") == ("FagMED", "fagforening")


def test_header_body_fag_med_is_resolved_to_fagmed(sample_result):
    bodies = {p.body for p in sample_result.items if p.doc_id == "2021_fagmed_beskaeftigelsesplan-2022.txt"}
    assert bodies == {"FagMED"}


def test_marker_with_alias_spelling_resolves(new_document, resolver):
    document = new_document("Referatet fra Fag-MED for Beskæftigelse den 3. marts 2023:\n\nVi er enige.\n")
    assert [(s.body, s.body_type) for s in sections(document, resolver)] == [("FagMED", "med")]


def test_unknown_name_in_marker_is_kept_as_written(new_document, resolver):
    document = new_document("Referatet fra Ungdomsskolens bestyrelse den 2. maj 2023:\n\nVi er enige.\n")
    (section,) = sections(document, resolver)
    assert (section.body, section.body_type) == ("Ungdomsskolens bestyrelse", UNKNOWN_BODY_TYPE)


def test_unknown_name_in_hoeringssvar_marker_is_kept_as_written(new_document, resolver, analyser):
    document = new_document("Høringssvar fra Slagelse Idrætsråd:\n\nVi bakker op om planen.\n", body="FagMED")
    (position,) = analyser.document(document)
    assert (position.body, position.body_type) == ("Slagelse Idrætsråd", UNKNOWN_BODY_TYPE)


def test_unknown_body_name_in_metadata_is_kept(new_document, resolver):
    document = new_document("Vi er enige.\n", body="Fagforening", body_type="fagforening")
    (section,) = sections(document, resolver)
    assert (section.body, section.body_type) == ("Fagforening", "fagforening")


def test_document_without_body_or_marker_has_unknown_body(new_document, analyser):
    document = new_document("Til BSU\n\nVi har læst planen og er enige.\n")
    (position,) = analyser.document(document)
    assert (position.body, position.body_type) == (UNKNOWN_BODY, UNKNOWN_BODY_TYPE)
    assert UNKNOWN_BODY == "ukendt afsender"


def test_line_mentioning_a_body_mid_sentence_is_not_a_marker(resolver):
    assert resolver.marker("Vi har fået referatet fra FagMED, og det er godt.") is None
    assert resolver.marker("Referatet fra FagMED for Beskæftigelse den 3. marts 2023:") == "FagMED for Beskæftigelse"


# --- finding the body in the text when no metadata names it ---------------------------


def detect(document, resolver):
    return attribute(document, resolver)


def test_opening_line_names_the_body(new_document, resolver):
    found = detect(new_document("Lokalt Arbejdsmarkedsråd har på mødet den 20. oktober drøftet planen.\n"), resolver)
    assert (found.body, found.body_type, found.source) == ("Lokalt Arbejdsmarkedsråd", "raad", "opening line")


def test_opening_line_with_an_alias_and_more_words_names_the_canonical_body(new_document, resolver):
    text = "Yderligere forslag\n\nSektor MED i Center for Arbejdsmarked og Integration har drøftet forslagene.\n"
    found = detect(new_document(text), resolver)
    assert (found.body, found.source, found.evidence) == ("Sektor MED", "opening line", text.split("\n")[2])


def test_addressee_is_not_the_sender(new_document, resolver):
    text = "Til Handicaprådet\n\nErhvervsforeningen har læst planen og støtter den.\n"
    assert detect(new_document(text), resolver).body == "Erhvervsforeningen"


def test_til_bsu_alone_leaves_the_body_unknown(new_document, resolver):
    found = detect(new_document("Til BSU\n\nVi har læst planen.\n"), resolver)
    assert (found.body, found.body_type, found.source) == (UNKNOWN_BODY, UNKNOWN_BODY_TYPE, "unknown")


def test_signature_after_med_venlig_hilsen_names_the_body(new_document, resolver):
    text = "Vi støtter planen.\n\nMed venlig hilsen\n\nJens Hansen\nFormand for Handicaprådet\n"
    found = detect(new_document(text), resolver)
    assert (found.body, found.source, found.evidence) == ("Handicaprådet", "signature", "Formand for Handicaprådet")


def test_signature_on_the_sign_off_line_itself(new_document, resolver):
    found = detect(new_document("Vi støtter planen.\n\nMed venlig hilsen Ungerådet\n"), resolver)
    assert (found.body, found.source) == ("Ungerådet", "signature")


def test_generic_alias_in_running_text_is_not_a_sender(new_document, resolver):
    assert detect(new_document("Rådet er enige i planen og har ingen bemærkninger.\n"), resolver).body == UNKNOWN_BODY


def test_unknown_name_in_the_opening_line_is_not_guessed(new_document, resolver):
    found = detect(new_document("Ældrerådet har drøftet planen.\n"), resolver)
    assert found.body == UNKNOWN_BODY


def test_manifest_or_header_body_wins_over_the_text(new_document, resolver):
    found = detect(new_document("Lokalt Arbejdsmarkedsråd har drøftet planen.\n", body="FagMED"), resolver)
    assert (found.body, found.source) == ("FagMED", "header or manifest")


def test_file_metadata_hint_counts_only_when_the_text_names_no_body(new_document, resolver):
    document = replace(new_document("Vi støtter planen.\n"), hints=("Jens Hansen", "Handicaprådet"))
    assert (detect(document, resolver).body, detect(document, resolver).source) == (
        "Handicaprådet",
        "document metadata",
    )
    named = replace(new_document("Ungerådet har drøftet planen.\n"), hints=("Handicaprådet",))
    assert detect(named, resolver).body == "Ungerådet"


def test_unknown_hint_is_not_taken_as_a_body(new_document, resolver):
    document = replace(new_document("Vi støtter planen.\n"), hints=("Slagelse Kommune",))
    assert detect(document, resolver).body == UNKNOWN_BODY


def test_detected_body_holds_until_the_first_marker(new_document, resolver):
    text = "Ungerådet har drøftet planen.\n\nReferatet fra FagMED den 3. marts 2023:\n\nVi er enige.\n"
    assert [s.body for s in sections(new_document(text), resolver)] == ["Ungerådet", "FagMED"]


def test_opening_line_after_the_first_marker_is_not_used_for_the_text_before_it(new_document, resolver):
    text = "Indledning.\n\nReferatet fra FagMED den 3. marts 2023:\n\nUngerådet har drøftet planen.\n"
    assert [s.body for s in sections(new_document(text), resolver)] == [UNKNOWN_BODY, "FagMED"]


def test_sample_responses_without_their_headers_get_the_header_body(corpus_dir, resolver, new_document):
    """The header comments say how each body was read from the text: detection agrees."""
    for name, body in (
        ("2017_sektor-med_raaderumskatalog.txt", "Sektor MED"),
        ("2020_lar_beskaeftigelsesplan-2021-2022.txt", "Lokalt Arbejdsmarkedsråd"),
        ("2021_fagmed_beskaeftigelsesplan-2022.txt", "FagMED"),
        ("2021_fagforening_maerkesag.txt", UNKNOWN_BODY),  # the text does not name its sender
    ):
        document = read_document(CorpusFile(corpus_dir / name, name), {})
        bare = new_document(document.text[document.body_start :], name)
        assert detect(bare, resolver).body == body, name
