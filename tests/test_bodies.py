"""Attributing text to bodies (afsendere): metadata, marker lines, aliases."""

from __future__ import annotations

import pytest

from hoering.bodies import BodyResolver, sections
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
