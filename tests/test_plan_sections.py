"""The plan read as a plan: its numbered parts with ids, titles, offsets, pages and themes."""

from __future__ import annotations

import pytest

from hoering.errors import RulesError
from hoering.plan import read_plan
from hoering.plan_sections import load_plan_rules

from conftest import ROOT

PLANS = ROOT / "plans"
PLAN_2021 = PLANS / "beskaeftigelsesplan-2021-2022-uddrag.md"
PLAN_2022 = PLANS / "beskaeftigelsesplan-2022-uddrag.md"


@pytest.fixture(scope="module")
def plan_2021(rules, blank_pipeline):
    return read_plan(PLAN_2021, rules, blank_pipeline)


@pytest.fixture(scope="module")
def plan_2022(rules, blank_pipeline):
    return read_plan(PLAN_2022, rules, blank_pipeline)


def test_example_plans_say_they_are_examples():
    for path in (PLAN_2021, PLAN_2022):
        assert "Eksempeltekst skrevet til hoerings tests og demo" in path.read_text(encoding="utf-8")


def test_forslag_headings_become_parts_with_ids_titles_and_offsets(plan_2021):
    forslag = [p for p in plan_2021.parts if p.kind == "forslag"]
    assert [p.id for p in forslag] == [f"forslag-{n}" for n in range(1, 7)]
    two = plan_2021.part("forslag-2")
    assert two.title == "Forslag 2: Tidlig indsats og fastholdelse af sygemeldte"
    assert plan_2021.text[two.start : two.end].startswith("## Forslag 2: Tidlig indsats")
    assert plan_2021.text[two.start : two.end].rstrip().endswith("arbejdsfastholdelse.")
    assert two.parent == "afsnit-1"  # the plan's title heading


def test_parts_carry_the_themes_of_their_sentences(plan_2021):
    assert "sygedagpenge" in plan_2021.part("forslag-2").themes
    assert "fastholdelse" in plan_2021.part("forslag-2").themes
    assert "unge" in plan_2021.part("forslag-4").themes


def test_numbered_list_items_are_points_below_their_heading_on_their_page(plan_2022):
    heading = next(p for p in plan_2022.parts if p.title == "Særligt prioriterede indsatsområder")
    assert heading.pages == (9, 9)
    points = [p for p in plan_2022.parts if p.kind == "punkt"]
    assert [p.id for p in points] == ["punkt-1", "punkt-2", "punkt-3", "punkt-4"]
    assert all(p.parent == heading.id and p.pages == (9, 9) for p in points)
    three = plan_2022.part("punkt-3")
    assert plan_2022.text[three.start : three.end].startswith("3. Opkvalificering og efteruddannelse")
    assert plan_2022.part("afsnit-3").pages == (10, 10)


def test_plan_has_no_sender_and_is_not_redacted(tmp_path, rules, blank_pipeline):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Plan\n\n## Forslag 1: Kontakt\n\nSpørgsmål til planen rettes til Jens Hansen på 12345678 eller jh@example.org.\n",
        encoding="utf-8",
    )
    plan = read_plan(path, rules, blank_pipeline)
    assert {p.body for p in plan.items} == {""}
    assert "jh@example.org" in plan.items[0].text and "12345678" in plan.items[0].text


def test_paragraph_that_opens_with_a_part_number_opens_the_part(tmp_path, rules, blank_pipeline):
    path = tmp_path / "lov.txt"
    path.write_text(
        "Lovforslag om en aktiv indsats\n\n§ 1. Loven gælder for alle ledige.\n\n§ 2. Jobcentret skal tilbyde en samtale inden for en måned.\n",
        encoding="utf-8",
    )
    plan = read_plan(path, rules, blank_pipeline)
    assert [p.id for p in plan.parts if p.kind == "paragraf"] == ["paragraf-1", "paragraf-2"]
    assert plan.part("paragraf-2").title == "§ 2."


def test_a_number_met_twice_gets_a_distinct_id(tmp_path, rules, blank_pipeline):
    path = tmp_path / "plan.md"
    path.write_text("# A\n\n## Forslag 1\n\nEt.\n\n## Forslag 1\n\nTo.\n", encoding="utf-8")
    plan = read_plan(path, rules, blank_pipeline)
    assert [p.id for p in plan.parts if p.kind == "forslag"] == ["forslag-1", "forslag-1-b"]


def test_form_feed_starts_a_page(tmp_path, rules, blank_pipeline):
    path = tmp_path / "plan.txt"
    path.write_text("Indledning\n\nFørste side.\n\f\nForslag 1: Job\n\nAnden side.\n", encoding="utf-8")
    plan = read_plan(path, rules, blank_pipeline)
    assert plan.part("forslag-1").pages == (2, 2)
    assert plan.part("afsnit-1").pages[0] == 1


def test_a_pdf_plan_keeps_its_pages(tmp_path, rules, blank_pipeline):
    from conftest import make_pdf

    path = tmp_path / "plan.pdf"
    pages = [
        ["Indledning", "Planen samler kommunens indsatser."],
        ["Forslag 1: Flere unge i job", "Unge ledige skal hurtigt i gang."],
        ["Forslag 2: Sygedagpenge", "Sygemeldte skal have en tidlig indsats."],
    ]
    path.write_bytes(make_pdf(pages, numbered=True))
    plan = read_plan(path, rules, blank_pipeline)
    assert plan.part("forslag-1").pages == (2, 2)
    assert plan.part("forslag-2").pages == (3, 3)
    assert plan.part("afsnit-1").pages[0] == 1


def test_pdf_page_starts_index_the_text(tmp_path):
    from hoering.readers import read

    from conftest import make_pdf

    extracted = read(make_pdf([["Første side."], ["Anden side."], ["Tredje side."]]), ".pdf")
    assert len(extracted.page_starts) == 3 and extracted.page_starts[0] == 0
    assert [extracted.text[i:].split(".")[0] for i in extracted.page_starts] == [
        "Første side",
        "Anden side",
        "Tredje side",
    ]


def test_a_docx_plan_keeps_its_hard_page_breaks(tmp_path, rules, blank_pipeline):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Indledning")
    document.add_paragraph("Planen samler kommunens indsatser.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # Ctrl+Enter: an empty paragraph with a break
    document.add_paragraph("Forslag 1: Flere unge i job")
    document.add_paragraph("Unge ledige skal hurtigt i gang.")
    document.add_paragraph("Forslag 2: Sygedagpenge").paragraph_format.page_break_before = True
    document.add_paragraph("Sygemeldte skal have en tidlig indsats.")
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_plan(path, rules, blank_pipeline)
    assert plan.part("afsnit-1").pages[0] == 1
    assert plan.part("forslag-1").pages == (2, 2)
    assert plan.part("forslag-2").pages == (3, 3)


def test_a_docx_without_page_breaks_has_no_pages(tmp_path, rules, blank_pipeline):
    import docx

    document = docx.Document()
    document.add_paragraph("Forslag 1: Flere unge i job")
    document.add_paragraph("Unge ledige skal hurtigt i gang.")
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_plan(path, rules, blank_pipeline).part("forslag-1").pages == (0, 0)


def test_bad_plan_rules_name_the_file(tmp_path):
    (tmp_path / "plan.toml").write_text("[[part]]\nid = 'x'\nopens = 'forslag'\n", encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_plan_rules(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'plan.toml'} [part -> x]")
    assert "needs a group for the number" in str(caught.value)


def test_a_numbered_line_without_full_stop_is_a_point_not_a_heading(tmp_path, rules, blank_pipeline):
    path = tmp_path / "plan.txt"
    path.write_text("Indsatser\n\n1. Flere unge i job\n2. Færre på sygedagpenge\n", encoding="utf-8")
    plan = read_plan(path, rules, blank_pipeline)
    assert [(p.id, p.title) for p in plan.parts] == [
        ("afsnit-1", "Indsatser"),
        ("punkt-1", "Flere unge i job"),
        ("punkt-2", "Færre på sygedagpenge"),
    ]
