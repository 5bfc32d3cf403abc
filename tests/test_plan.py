"""The plan document: sections, themes, and coverage against the feedback."""

from __future__ import annotations

import pytest

import hoering
from hoering.errors import PlanError
from hoering.plan import COVERAGE_COLUMNS, read_plan

from conftest import CORPUS, ROOT

PLAN = ROOT / "plans" / "beskaeftigelsesplan-2023-uddrag.md"


@pytest.fixture(scope="module")
def plan(rules, blank_pipeline):
    return read_plan(PLAN, rules, blank_pipeline)


def coverage_of(frame, theme: str) -> str:
    return str(frame[frame["theme"] == theme]["coverage"].iloc[0])


def test_example_plan_says_it_is_an_example_and_lies_outside_the_corpus():
    assert "Eksempeltekst skrevet til hoerings tests og demo" in PLAN.read_text(encoding="utf-8")
    assert CORPUS not in PLAN.parents


def test_plan_is_cut_at_its_headings_without_markdown_marks(plan):
    assert plan.title == "Beskæftigelsesplan 2023 (uddrag)"
    assert plan.sections[:2] == ("Indledning", "Indsatsområde 1: Flere unge i uddannelse og job")
    assert all(not s.startswith("#") for s in plan.sections)


def test_plan_sentences_carry_the_codebook_themes(plan):
    young = [p for p in plan.items if p.section.startswith("Indsatsområde 1")]
    assert young and all("unge" in p.theme_ids for p in young)


def test_coverage_shows_what_the_plan_stresses_and_what_bodies_raise(sample_result, plan):
    result = hoering.diff(sample_result, from_round="2021", to_round="2023", plan=plan)
    frame = result.coverage
    assert list(frame.columns) == list(COVERAGE_COLUMNS)
    # The plan puts digital contact in two sections; no body wrote about it in 2023.
    assert coverage_of(frame, "digitalisering") == "plan only"
    row = frame[frame["theme"] == "digitalisering"].iloc[0]
    assert (row["plan_sections"], row["feedback_positions"]) == (2, 0)
    # FagMED 2023: "Kontanthjælpsområdet er ikke taget med." The plan indeed says nothing on it.
    assert coverage_of(frame, "kontanthjaelp") == "feedback only"
    assert coverage_of(frame, "retssikkerhed") == "feedback only"
    assert coverage_of(frame, "unge") == "both"
    assert "investering" not in set(frame["theme"])  # neither the plan nor the 2023 bodies


def test_missing_plan_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path / "plan.md", model="blank")
    assert str(caught.value) == f"{tmp_path / 'plan.md'}: plan file not found"


def test_plan_in_a_format_no_reader_takes_is_a_plan_error(tmp_path):
    (tmp_path / "plan.pages").write_bytes(b"PK\x03\x04")
    with pytest.raises(PlanError, match=r"plan.pages: unsupported format \(.pages\); supported: .txt, .md, .docx"):
        read_plan(tmp_path / "plan.pages", model="blank")


def test_a_truncated_word_plan_names_the_file(tmp_path):
    (tmp_path / "plan.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(PlanError, match=r"plan.docx: "):
        read_plan(tmp_path / "plan.docx", model="blank")


def test_a_word_plan_is_read_like_a_text_plan(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Unge uden job og uddannelse", level=1)
    document.add_paragraph("Vi vil styrke indsatsen for unge ledige, så flere kommer i uddannelse.")
    document.save(tmp_path / "plan.docx")
    plan = read_plan(tmp_path / "plan.docx", model="blank")
    assert any("unge" in p.theme_ids for p in plan.items)


def test_plan_in_a_legacy_encoding_is_read(tmp_path):
    (tmp_path / "plan.txt").write_bytes("Indsatsen for unge ledige skal styrkes i år.".encode("cp1252"))
    plan = read_plan(tmp_path / "plan.txt", model="blank")
    assert plan.items and "unge" in plan.items[0].theme_ids
